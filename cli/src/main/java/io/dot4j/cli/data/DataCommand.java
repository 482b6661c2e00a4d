package io.dot4j.cli.data;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dot4j data}: fetch and describe data sets. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Fetch and describe data sets.",
        subcommands = {FetchCommand.class, InfoCommand.class})
public final class DataCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing sub-command: fetch or info");
    }
}
