package io.dot4j.quant.layers;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.Tensor;

/**
 * b -> round(b / grid) * grid (half away from zero, clamped to the int32 range an integer model can store), with a
 * straight-through gradient. A grid of 0 (all-zero weights) maps every bias to 0.
 */
final class BiasToGrid extends Function {
    /** Keeps |bias| well inside int32 so that accumulator + bias cannot overflow. */
    static final int MAX_LEVEL = 1 << 24;

    private final double grid;

    BiasToGrid(double grid) {
        this.grid = grid;
    }

    static int level(float b, double grid) {
        if (!(grid > 0) || Double.isInfinite(grid)) {
            return 0;
        }
        double r = b / grid;
        long l = (long) Math.signum(r) * (long) Math.floor(Math.abs(r) + 0.5);
        return (int) Math.max(-MAX_LEVEL, Math.min(MAX_LEVEL, l));
    }

    @Override
    protected Tensor[] forward(Tensor... in) {
        float[] b = in[0].data();
        Tensor y = Tensor.zerosLike(in[0]);
        for (int i = 0; i < b.length; i++) {
            y.data()[i] = (float) (level(b[i], grid) * grid);
        }
        return out(y);
    }

    @Override
    protected Tensor[] backward(Tensor... gy) {
        return out(gy[0]);
    }
}
