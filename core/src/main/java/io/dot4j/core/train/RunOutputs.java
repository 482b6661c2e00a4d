package io.dot4j.core.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a training run writes and shows, the same for {@code train --model}, {@code train --recipe} and the Java API:
 * into {@code outDir} log.jsonl, loss.png and accuracy.png every epoch and checkpoint.ckpt every
 * {@code checkpointEvery} epochs and at the end (with {@code keepCheckpoints} also checkpoint-epoch-NNN.ckpt), and a
 * progress bar on {@code progress}. A null folder writes nothing, a null stream shows no bar.
 */
public record RunOutputs(Path outDir, int checkpointEvery, boolean keepCheckpoints, PrintStream progress) {
    public RunOutputs {
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("expected checkpointEvery >= 1, got " + checkpointEvery);
        }
    }

    /** Adds the extensions to {@code trainer} (after any the caller added), creating the folder. */
    public Trainer attach(Trainer trainer, int batchesPerEpoch) throws IOException {
        if (outDir != null) {
            Files.createDirectories(outDir);
            trainer.extend(new JsonLogExtension(outDir.resolve("log.jsonl"), Trigger.everyEpochs(1)))
                    .extend(new PlotExtension(outDir, Trigger.everyEpochs(1)))
                    .extend(new Checkpointer(outDir, Trigger.everyEpochs(checkpointEvery), keepCheckpoints));
        }
        if (progress != null) {
            trainer.extend(new ProgressBarExtension(progress, Math.max(1, Math.min(20, batchesPerEpoch))));
        }
        return trainer;
    }
}
