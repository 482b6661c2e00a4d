package io.dot4j.bench;

import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.kernels.IntEngine;

/**
 * The runtime's {@link IntEngine} on a batch of 8-bit images. The engine splits a batch into one chunk per thread,
 * so a batch of one image always runs on one thread.
 */
public final class Dot4jIntRunner implements BatchRunner {
    private final IntEngine engine;
    private final byte[][] images;
    private final int threads;

    public Dot4jIntRunner(IntModel model, byte[][] images, int threads) {
        this.engine = new IntEngine(model);
        this.images = images;
        this.threads = threads;
    }

    @Override
    public int batch() {
        return images.length;
    }

    @Override
    public long run() {
        int[][] scores = engine.scoresBatch(images, threads);
        return scores[scores.length - 1][0];
    }

    @Override
    public float[][] outputs() {
        int[][] s = engine.scoresBatch(images, threads);
        float[][] out = new float[s.length][];
        for (int i = 0; i < s.length; i++) {
            out[i] = new float[s[i].length];
            for (int j = 0; j < s[i].length; j++) {
                out[i][j] = s[i][j];
            }
        }
        return out;
    }

    @Override
    public void close() {
        engine.close();
    }
}
