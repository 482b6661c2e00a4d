package io.dot4j.cli.voice;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dot4j voice}: spoken-word models from raw audio (docs/VOICE.md). */
@Command(name = "voice", mixinStandardHelpOptions = true, description = "Spoken-word models from raw audio.",
        subcommands = {FoldsCommand.class, ScoreCommand.class})
public final class VoiceCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing sub-command: folds or score");
    }
}
