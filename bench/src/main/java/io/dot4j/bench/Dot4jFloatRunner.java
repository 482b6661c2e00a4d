package io.dot4j.bench;

import io.dot4j.core.autograd.NoGrad;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.nn.Module;
import io.dot4j.core.tensor.Parallel;
import io.dot4j.core.tensor.Tensor;

/**
 * dot4j's float forward (evaluation mode, no graph recorded) on {@code threads} threads. {@link #warmUp()} runs it until
 * its speed settles: core's Vector API kernels run as the API's slow Java fallback until C2 has compiled them, which
 * for LeNet-5 takes several seconds of forwards (longer than a benchmark's usual warm-up iterations).
 */
public final class Dot4jFloatRunner implements BatchRunner {
    private final Module model;
    private final float[] input;
    private final int[] shape;
    private final int threads;

    public Dot4jFloatRunner(Module model, float[] input, int batch, int channels, int height, int width, int threads) {
        this.model = model;
        this.input = input.clone();
        this.shape = new int[] {batch, channels, height, width};
        this.threads = threads;
        model.eval();
    }

    @Override
    public int batch() {
        return shape[0];
    }

    private Tensor forward() {
        // a process-wide setting: set before every batch, so alternating runners never inherit another's count
        Parallel.setThreads(threads);
        try (NoGrad g = NoGrad.enter()) {
            return model.forward(new Variable(Tensor.wrap(input, shape))).data();
        }
    }

    /**
     * Runs forwards for at least {@code minSeconds} and then until no forward has been the fastest so far by 5 % for one
     * second (at most {@code maxSeconds} in all); returns this runner.
     */
    public Dot4jFloatRunner warmUp(double minSeconds, double maxSeconds) {
        long start = System.nanoTime();
        long min = start + (long) (minSeconds * 1e9);
        long max = start + (long) (maxSeconds * 1e9);
        long best = Long.MAX_VALUE;
        long lastBest = start;
        long sink = 0;
        while (true) {
            long t0 = System.nanoTime();
            sink += run();
            long t1 = System.nanoTime();
            if (t1 - t0 < best * 0.95) {
                best = t1 - t0;
                lastBest = t1;
            }
            if (t1 >= max || (t1 >= min && t1 - lastBest >= 1_000_000_000L)) {
                break;
            }
        }
        if (sink == 42) {
            Thread.onSpinWait(); // keeps the results alive
        }
        return this;
    }

    @Override
    public long run() {
        return Float.floatToRawIntBits(forward().data()[0]);
    }

    @Override
    public float[][] outputs() {
        Tensor y = forward();
        int f = y.size() / shape[0];
        float[][] out = new float[shape[0]][f];
        for (int i = 0; i < shape[0]; i++) {
            System.arraycopy(y.data(), i * f, out[i], 0, f);
        }
        return out;
    }

    @Override
    public void close() {
    }
}
