package io.dot4j.core.train;

import io.dot4j.core.data.Dataset;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;

import java.util.Objects;

/**
 * Endless mini-batches over a data set, epoch after epoch (like Chainer's SerialIterator).
 *
 * <ul>
 *   <li>Order: with shuffling, each epoch visits a fresh permutation drawn (Fisher-Yates) from the shuffle generator
 *   at the start of the epoch; without, images in data-set order. Every image appears exactly once per epoch.</li>
 *   <li>Last partial batch: when the batch size does not divide the count, the last batch of the epoch is smaller
 *   (count % batch), unless {@code dropLast}, which skips those images for this epoch (the next permutation differs,
 *   so with shuffling every image is still seen over time). Batches never span two epochs.</li>
 *   <li>Pixels are converted with a {@link Normalization}; augmentation shifts each image by (dy, dx), both uniform
 *   in [-maxShift, maxShift], drawn per image in batch order from the augmentation generator, filling uncovered
 *   pixels with pixel value 0 (black, the background of MNIST-like sets) before normalization; with
 *   {@link Augmentation#flipHorizontal()} it then mirrors the image left-right with probability 1/2 (one more draw
 *   per image, after the shift's, so shift-only runs draw exactly as before).</li>
 * </ul>
 * The whole position (epoch, offset, generator states) is a {@link State} for checkpoints.
 */
public final class BatchIterator {
    private final Dataset data;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final int maxShift;
    private final boolean flip;
    private final float[] table;
    private final Normalization normalization;
    private final Rng shuffleRng;
    private final Rng augmentRng;
    private Rng.State shuffleAtEpochStart;
    private int[] order;
    private int epoch;
    private int position;
    private boolean newEpoch;

    /** Snapshot of the position: completed epochs, images consumed in the current epoch, generator states. */
    public record State(int epoch, int position, Rng.State shuffleAtEpochStart, Rng.State augment) {
    }

    public BatchIterator(Dataset data, int batchSize, boolean shuffle, boolean dropLast, Normalization normalization,
                         int maxShift, long seed) {
        this(data, batchSize, shuffle, dropLast, normalization, Augmentation.shift(maxShift), seed);
    }

    public BatchIterator(Dataset data, int batchSize, boolean shuffle, boolean dropLast, Normalization normalization,
                         Augmentation augmentation, long seed) {
        Objects.requireNonNull(augmentation, "augmentation");
        int maxShift = augmentation.maxShift();
        this.data = Objects.requireNonNull(data, "data");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch iterator: expected batch size >= 1, actual " + batchSize);
        }
        if (data.count() == 0 || (dropLast && data.count() < batchSize)) {
            throw new IllegalArgumentException("batch iterator: " + data.name() + " has " + data.count()
                    + " images, too few for one batch of " + batchSize + (dropLast ? " with dropLast" : ""));
        }
        if (maxShift < 0 || maxShift >= Math.min(data.height(), data.width())) {
            throw new IllegalArgumentException("batch iterator: expected 0 <= maxShift < image size, actual " + maxShift);
        }
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropLast = dropLast;
        this.maxShift = maxShift;
        this.flip = augmentation.flipHorizontal();
        this.normalization = Objects.requireNonNull(normalization, "normalization");
        this.table = normalization.table();
        // two independent streams: changing the augmentation must not change the order, and vice versa
        Rng root = new Rng(seed);
        this.shuffleRng = root.split();
        this.augmentRng = root.split();
        startEpoch();
    }

    /** An in-order, unaugmented, keep-last iterator for evaluation. */
    public static BatchIterator sequential(Dataset data, int batchSize, Normalization normalization) {
        return new BatchIterator(data, batchSize, false, false, normalization, 0, 0);
    }

    private void startEpoch() {
        shuffleAtEpochStart = shuffleRng.state();
        int n = data.count();
        order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            for (int i = n - 1; i > 0; i--) {
                int j = shuffleRng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        position = 0;
    }

    /** Images per epoch that are actually visited. */
    public int imagesPerEpoch() {
        return dropLast ? data.count() / batchSize * batchSize : data.count();
    }

    public int batchesPerEpoch() {
        return dropLast ? data.count() / batchSize : (data.count() + batchSize - 1) / batchSize;
    }

    /** The next batch; after the last batch of an epoch {@link #isNewEpoch()} is true and the next epoch begins. */
    public Batch next() {
        int end = Math.min(position + batchSize, imagesPerEpoch());
        int b = end - position;
        int c = data.channels();
        int h = data.height();
        int w = data.width();
        int size = c * h * w;
        float[] x = new float[b * size];
        int[] labels = new int[b];
        int[] indices = new int[b];
        byte[] img = new byte[size];
        for (int i = 0; i < b; i++) {
            int idx = order[position + i];
            indices[i] = idx;
            labels[i] = data.label(idx);
            data.copyImage(idx, img, 0);
            int dy = 0;
            int dx = 0;
            if (maxShift > 0) {
                dy = augmentRng.nextInt(2 * maxShift + 1) - maxShift;
                dx = augmentRng.nextInt(2 * maxShift + 1) - maxShift;
            }
            boolean mirror = flip && augmentRng.nextInt(2) == 1;
            shifted(img, c, h, w, dy, dx, mirror, x, i * size);
        }
        position = end;
        newEpoch = position >= imagesPerEpoch();
        if (newEpoch) {
            epoch++;
            startEpoch();
        }
        return new Batch(Tensor.wrap(x, b, c, h, w), labels, indices);
    }

    /** out(y, x) = in(y - dy, x' - dx) with x' = x or (mirrored) w-1-x, pixel 0 where that falls outside; then normalized. */
    private void shifted(byte[] img, int c, int h, int w, int dy, int dx, boolean mirror, float[] out, int offset) {
        float zero = table[0];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                int sy = y - dy;
                int row = offset + (ch * h + y) * w;
                for (int xx = 0; xx < w; xx++) {
                    int sx = (mirror ? w - 1 - xx : xx) - dx;
                    out[row + xx] = sy >= 0 && sy < h && sx >= 0 && sx < w ? table[img[(ch * h + sy) * w + sx] & 0xFF] : zero;
                }
            }
        }
    }

    /** Whether the last {@link #next()} finished an epoch. */
    public boolean isNewEpoch() {
        return newEpoch;
    }

    /** Completed epochs. */
    public int epoch() {
        return epoch;
    }

    /** Images consumed in the current epoch. */
    public int position() {
        return position;
    }

    public int batchSize() {
        return batchSize;
    }

    public Dataset dataset() {
        return data;
    }

    public Normalization normalization() {
        return normalization;
    }

    public int maxShift() {
        return maxShift;
    }

    public State state() {
        return new State(epoch, position, shuffleAtEpochStart, augmentRng.state());
    }

    /** Continues from a saved position: re-draws that epoch's permutation from the saved generator state. */
    public void restore(State s) {
        if (s.position() < 0 || s.position() > imagesPerEpoch() || s.epoch() < 0) {
            throw new IllegalArgumentException("batch iterator state: expected 0 <= position <= " + imagesPerEpoch()
                    + " and epoch >= 0, actual position " + s.position() + " epoch " + s.epoch());
        }
        shuffleRng.restore(s.shuffleAtEpochStart());
        startEpoch();
        position = s.position();
        epoch = s.epoch();
        augmentRng.restore(s.augment());
        newEpoch = false;
    }
}
