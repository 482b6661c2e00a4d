package io.dot4j.cli.voice;

import io.dot4j.cli.data.CacheOption;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.data.IdxDatasets;
import io.dot4j.core.data.IdxWriter;
import io.dot4j.core.tensor.Parallel;
import io.dot4j.quant.recipes.RecipeException;
import io.dot4j.quant.recipes.RecipeRun;
import io.dot4j.runtime.format.ModelSize;
import io.dot4j.runtime.frontend.LogMelEncoding;
import io.dot4j.runtime.frontend.LogMelFrontEnd;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.CRC32;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dot4j voice folds --recipe R}: speaker-held-out training on FSDD. For each speaker in turn: the front end's
 * feature images of everyone else's recordings are the train set and the held-out speaker's the test set, written as
 * IDX files to {@code <cache>/fsdd-features/<frontend>/heldout-<speaker>/}; the word recipe trains on them through the
 * recipe pipeline into {@code OUT/heldout-<speaker>/}. Prints each fold's integer-model accuracy and size and the mean
 * over speakers.
 */
@Command(name = "folds", mixinStandardHelpOptions = true,
        description = "Speaker-held-out training and test on FSDD: each speaker held out in turn, mean over speakers.")
public final class FoldsCommand implements Callable<Integer> {

    @Option(names = "--recipe", required = true, paramLabel = "FILE", description = "Word recipe (docs/VOICE.md).")
    Path recipe;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder, one sub-folder per fold.")
    Path out;

    @Option(names = "--recordings", paramLabel = "DIR",
            description = "Recordings folder (default: <cache>/fsdd/recordings, from `dot4j data fetch fsdd`).")
    Path recordings;

    @Option(names = "--speakers", split = ",", paramLabel = "NAME",
            description = "Hold out only these speakers (default: every speaker in turn).")
    List<String> speakers;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1",
            description = "Training threads (default 1; the results depend on the seed and T).")
    int threads;

    @Mixin
    CacheOption cache;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        if (threads < 1) {
            throw new io.dot4j.cli.UserError("--threads: expected >= 1, actual " + threads);
        }
        Parallel.setThreads(threads);
        VoiceRecipe vr = VoiceRecipe.read(recipe);
        LogMelFrontEnd frontEnd = new LogMelFrontEnd(vr.frontEnd());
        byte[] frontBytes = LogMelEncoding.encode(vr.frontEnd());
        SpeakerCorpus corpus = SpeakerCorpus.read(recordings != null ? recordings
                : cache.root().resolve("fsdd").resolve("recordings"));
        List<String> held = speakers != null ? speakers : corpus.speakers();
        Path features = cache.root().resolve("fsdd-features").resolve(tag(frontBytes));
        stdout.printf(Locale.ROOT, "%s: %d recordings of %d speakers %s; front end %s (%d bytes encoded)%n",
                corpus.dir(), corpus.recordings().size(), corpus.speakers().size(), corpus.speakers(), vr.frontEnd(),
                frontBytes.length);
        stdout.flush();
        List<Double> accuracies = new ArrayList<>();
        for (String speaker : held) {
            SpeakerCorpus.Split split = corpus.holdOut(speaker);
            Path dir = features.resolve("heldout-" + speaker);
            Files.createDirectories(dir);
            write(dir, "train", FeatureImages.of("fsdd-without-" + speaker, frontEnd, split.train()));
            write(dir, "test", FeatureImages.of("fsdd-" + speaker, frontEnd, split.test()));
            Dataset train = IdxDatasets.load(dir, "train", FeatureImages.CLASSES);
            Dataset test = IdxDatasets.load(dir, "test", FeatureImages.CLASSES);
            Path foldOut = out.resolve("heldout-" + speaker);
            Files.createDirectories(foldOut);
            Files.write(foldOut.resolve("frontend.bin"), frontBytes);
            stdout.printf(Locale.ROOT, "fold %s: train %d recordings (%s), test %d (%s), IDX in %s%n", speaker,
                    train.count(), String.join(",", corpus.speakers().stream().filter(s -> !s.equals(speaker)).toList()),
                    test.count(), speaker, dir);
            stdout.flush();
            RecipeRun.Result res;
            try {
                res = RecipeRun.run(vr.train(), train, test, new RecipeRun.Options(foldOut, null,
                        quiet ? null : System.err, 1), line -> {
                    stdout.println("  " + line);
                    stdout.flush();
                });
            } catch (RecipeException e) {
                throw new io.dot4j.cli.UserError(e.getMessage(), e);
            }
            long bytes = ModelSize.of(res.model()).total();
            accuracies.add(res.integerAccuracy());
            stdout.printf(Locale.ROOT, "fold %s: held-out speaker accuracy %.2f%% integer model (%.2f%% fake-quantized"
                            + " float); model %,d bytes + front end %d bytes = %,d bytes (%s)%n", speaker,
                    100 * res.integerAccuracy(), 100 * res.floatAccuracy(), bytes, frontBytes.length,
                    bytes + frontBytes.length, foldOut.resolve("model.dot4j"));
            stdout.flush();
        }
        double mean = accuracies.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        stdout.printf(Locale.ROOT, "mean over %d held-out speakers: %.2f%%%n", accuracies.size(), 100 * mean);
        stdout.printf(Locale.ROOT, "front end: %s integer operations per second of audio%n",
                frontEnd.costPerSecond());
        stdout.flush();
        return 0;
    }

    private static void write(Path dir, String split, Dataset d) throws java.io.IOException {
        IdxWriter.writeImages(dir.resolve(IdxDatasets.imagesFileName(split)), d, false);
        IdxWriter.writeLabels(dir.resolve(IdxDatasets.labelsFileName(split)), d, false);
    }

    /** A short name for the front end's parameters: the CRC-32 of their encoding. */
    private static String tag(byte[] encoded) {
        CRC32 c = new CRC32();
        c.update(encoded);
        return "logmel-" + HexFormat.of().toHexDigits((int) c.getValue());
    }
}
