package io.dot4j.cli.voice;

import io.dot4j.cli.UserError;
import io.dot4j.runtime.Dot4jModel;
import io.dot4j.runtime.Prediction;
import io.dot4j.runtime.audio.WavReader;
import io.dot4j.runtime.frontend.LogMelEncoding;
import io.dot4j.runtime.frontend.LogMelFrontEnd;
import io.dot4j.runtime.frontend.LogMelParameters;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dot4j voice score MODEL --frontend FILE WAV|DIR...}: runs recordings through the front end and a word model
 * and prints each prediction; files named {@code {digit}_{speaker}_{take}.wav} or {@code {digit}.wav} are scored
 * against that digit. Until the front end is a layer of the {@code .dot4j} file, its parameters come from the
 * {@code frontend.bin} that {@code voice folds} writes beside each model.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Predict the digit of WAV recordings with a word model and its front end; score named ones.")
public final class ScoreCommand implements Callable<Integer> {

    private static final Pattern DIGIT_ONLY = Pattern.compile("([0-9])\\.wav");

    @Parameters(index = "0", paramLabel = "MODEL", description = "The .dot4j word model.")
    Path model;

    @Parameters(index = "1..*", paramLabel = "WAV", description = "WAV files or folders of them.")
    List<Path> inputs;

    @Option(names = "--frontend", required = true, paramLabel = "FILE",
            description = "The front end's encoded parameters (frontend.bin beside the model).")
    Path frontend;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        byte[] fe = Files.readAllBytes(frontend);
        LogMelParameters p = LogMelEncoding.decode(fe, 0, fe.length, frontend.toString());
        LogMelFrontEnd frontEnd = new LogMelFrontEnd(p);
        int scored = 0;
        int right = 0;
        try (Dot4jModel m = Dot4jModel.load(model)) {
            if (m.inputShape().channels() != 1 || m.inputShape().height() != p.frames()
                    || m.inputShape().width() != p.bands()) {
                throw new UserError(model + " takes " + m.inputShape() + " images, the front end " + frontend + " makes (1,"
                        + p.frames() + "," + p.bands() + ")");
            }
            for (Path f : files()) {
                Prediction pr = m.predict(FeatureImages.of(frontEnd, WavReader.read(f)));
                int want = label(f.getFileName().toString());
                String verdict = want < 0 ? "" : pr.label() == want ? "  right" : "  wrong (is " + want + ")";
                out.printf(Locale.ROOT, "%s: %d%s%n", f, pr.label(), verdict);
                if (want >= 0) {
                    scored++;
                    right += pr.label() == want ? 1 : 0;
                }
            }
        }
        if (scored > 0) {
            out.printf(Locale.ROOT, "accuracy %.2f%% (%d of %d named recordings)%n", 100.0 * right / scored, right, scored);
        }
        out.flush();
        return 0;
    }

    private List<Path> files() throws java.io.IOException {
        List<Path> files = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                try (Stream<Path> s = Files.list(in)) {
                    s.filter(x -> x.toString().endsWith(".wav")).sorted().forEach(files::add);
                }
            } else {
                files.add(in);
            }
        }
        return files;
    }

    /** The digit a file name says, or -1. */
    static int label(String name) {
        var fsdd = RecordingName.parse(name);
        if (fsdd.isPresent()) {
            return fsdd.get().digit();
        }
        Matcher m = DIGIT_ONLY.matcher(name);
        return m.matches() ? m.group(1).charAt(0) - '0' : -1;
    }
}
