package io.dot4j.bench;

import io.dot4j.core.autograd.NoGrad;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.nn.Module;
import io.dot4j.core.tensor.Parallel;
import io.dot4j.core.tensor.Tensor;

/** dot4j's float forward (evaluation mode, no graph recorded) on {@code threads} threads. */
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
