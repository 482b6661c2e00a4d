package io.dot4j.cli;

import io.dot4j.cli.chip.BenchMcuCommand;
import io.dot4j.cli.chip.ExportCCommand;
import io.dot4j.cli.data.DataCommand;
import io.dot4j.cli.demo.DemoCommand;
import io.dot4j.cli.deploy.InspectCommand;
import io.dot4j.cli.deploy.PredictCommand;
import io.dot4j.cli.deploy.VerifyCommand;
import io.dot4j.cli.export.ExportCommand;
import io.dot4j.cli.fpga.BenchFpgaCommand;
import io.dot4j.cli.fpga.ExportVerilogCommand;
import io.dot4j.cli.onnx.ExportOnnxCommand;
import io.dot4j.cli.sweep.ReportCommand;
import io.dot4j.cli.sweep.SweepCommand;
import io.dot4j.cli.train.EvalCommand;
import io.dot4j.cli.train.TrainCommand;
import io.dot4j.cli.voice.VoiceCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dot4j} command: one sub-command per job, each in its own class. */
@Command(name = "dot4j", mixinStandardHelpOptions = true, version = "dot4j 0.1.0",
        description = "Deep learning of Things: train, compress and deploy tiny integer networks.",
        subcommands = {CommandLine.HelpCommand.class, DemoCommand.class, DataCommand.class, TrainCommand.class,
                EvalCommand.class, ExportCommand.class, ExportOnnxCommand.class, SweepCommand.class, ReportCommand.class,
                InspectCommand.class, PredictCommand.class, VerifyCommand.class, VoiceCommand.class,
                ExportCCommand.class, BenchMcuCommand.class, ExportVerilogCommand.class, BenchFpgaCommand.class})
public final class Main implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine commandLine() {
        return Errors.install(new CommandLine(new Main()));
    }
}
