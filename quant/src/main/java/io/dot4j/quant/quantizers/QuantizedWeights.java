package io.dot4j.quant.quantizers;

import io.dot4j.core.tensor.Tensor;

import java.util.Arrays;

/**
 * A weight tensor split into integer levels and scales: w[r][j] ~ scales[r] * levels[r * cols + j], where r is the
 * output channel (first axis of the weight) and j runs over the rest in the weight's own row-major order.
 *
 * @param rows   output channels
 * @param cols   inputs per output channel (inC*kh*kw for a convolution in core's [outC, inC, kh, kw] order)
 * @param levels integer weights, row-major
 * @param scales one scale per row (all equal for {@link Scaling#PER_TENSOR}), each >= 0
 */
public record QuantizedWeights(int rows, int cols, int[] levels, float[] scales) {
    public QuantizedWeights {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("quantized weights: expected rows, cols >= 1, actual " + rows + " x " + cols);
        }
        if (levels.length != (long) rows * cols || scales.length != rows) {
            throw new IllegalArgumentException("quantized weights: expected " + rows * cols + " levels and " + rows
                    + " scales, actual " + levels.length + " and " + scales.length);
        }
        levels = levels.clone();
        scales = scales.clone();
    }

    @Override
    public int[] levels() {
        return levels.clone();
    }

    @Override
    public float[] scales() {
        return scales.clone();
    }

    public int level(int row, int col) {
        return levels[row * cols + col];
    }

    public float scale(int row) {
        return scales[row];
    }

    /** The fake-quantized float weights scales[r] * levels (one float multiply each), with the given shape. */
    public Tensor toTensor(int... shape) {
        float[] out = new float[levels.length];
        for (int r = 0; r < rows; r++) {
            float s = scales[r];
            for (int j = 0; j < cols; j++) {
                out[r * cols + j] = s * levels[r * cols + j];
            }
        }
        return Tensor.wrap(out, shape);
    }

    /** The largest |level|. */
    public int maxAbsLevel() {
        int m = 0;
        for (int v : levels) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuantizedWeights q && q.rows == rows && q.cols == cols && Arrays.equals(q.levels, levels)
                && Arrays.equals(q.scales, scales);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(levels) * 31 + Arrays.hashCode(scales);
    }

    @Override
    public String toString() {
        return "QuantizedWeights[" + rows + " x " + cols + "]";
    }

    /** Rows of a weight tensor: its first axis (a vector is one row). */
    static int rowsOf(Tensor w) {
        if (w.rank() < 1 || w.size() == 0) {
            throw new IllegalArgumentException("weight quantizer: expected a non-empty weight of rank >= 1, actual shape "
                    + Arrays.toString(w.shape()));
        }
        return w.rank() == 1 ? 1 : w.dim(0);
    }

    /** Groups for the scales: each row, or the whole tensor as one group. */
    static int groups(Tensor w, Scaling scaling) {
        return scaling == Scaling.PER_CHANNEL ? rowsOf(w) : 1;
    }

    /** Expands per-group scales to one per row. */
    static float[] perRow(float[] groupScales, int rows) {
        if (groupScales.length == rows) {
            return groupScales;
        }
        float[] out = new float[rows];
        Arrays.fill(out, groupScales[0]);
        return out;
    }
}
