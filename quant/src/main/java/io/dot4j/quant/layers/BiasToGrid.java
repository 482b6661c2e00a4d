package io.dot4j.quant.layers;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.Tensor;

/**
 * v -> round(v / grid) * grid (half away from zero), with a straight-through gradient. For a bias the level is clamped to
 * ±2^24 so accumulator + bias stays inside int32; for scores (no clamp) the values are already on the grid up to float
 * noise. A grid of 0 (all-zero weights) maps everything to 0.
 */
final class BiasToGrid extends Function {
    /** Keeps |bias| well inside int32 so that accumulator + bias cannot overflow. */
    static final int MAX_LEVEL = 1 << 24;

    private final double grid;
    private final boolean clamp;

    BiasToGrid(double grid) {
        this(grid, true);
    }

    BiasToGrid(double grid, boolean clamp) {
        this.grid = grid;
        this.clamp = clamp;
    }

    private long levelOf(float v) {
        if (clamp) {
            return level(v, grid);
        }
        if (!(grid > 0) || Double.isInfinite(grid)) {
            return 0;
        }
        double r = v / grid;
        return (long) Math.signum(r) * (long) Math.floor(Math.abs(r) + 0.5);
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
            y.data()[i] = (float) (levelOf(b[i]) * grid);
        }
        return out(y);
    }

    @Override
    protected Tensor[] backward(Tensor... gy) {
        return out(gy[0]);
    }
}
