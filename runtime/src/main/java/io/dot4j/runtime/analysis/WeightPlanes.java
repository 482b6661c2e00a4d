package io.dot4j.runtime.analysis;

import io.dot4j.runtime.ir.Weights;

/**
 * The weights of one conv or dense layer as every back end stores them, and the bit-serial identity each back end
 * evaluates them with. Rows are outputs, columns the inputs (for a convolution the receptive field in (ky, kx, c)
 * order, channel fastest).
 *
 * <h2>Storage</h2>
 * <ul>
 *   <li><b>1-bit</b>: one plane P; bit P[j] = 1 means w[j] = +1, 0 means -1 (so w[j] = 2*P[j] - 1).</li>
 *   <li><b>2-bit</b>: two planes, as the IR codes them: plane 0 is H, plane 1 is L, w[j] = 2*h[j] + l[j] with
 *       h[j] = 2*H[j] - 1 and l[j] = 2*L[j] - 1. So (H, L) bits 00 = -3, 01 = -1, 10 = +1, 11 = +3.</li>
 *   <li><b>8-bit</b>: no planes; the int8 values, row-major ({@link #int8Row}).</li>
 * </ul>
 * In a plane, column j is bit (j mod 64) of word j/64 ({@link #words}); bits past {@code cols} are 0.
 *
 * <h2>The bit-serial identity</h2>
 * The input levels x[j] have B bits (the input's {@code TensorType.bits()}: 8 for pixels). Write
 * x[j] = sum over b &lt; B of 2^b * X_b[j] with bit vectors X_b, and pc for popcount. Then
 * <ul>
 *   <li>1-bit: {@code sum_j w[j]*x[j] = sum_b 2^b * (2*pc(P & X_b) - pc(X_b))};</li>
 *   <li>2-bit: {@code sum_j w[j]*x[j] = sum_b 2^b * (2*(2*pc(H & X_b) - pc(X_b)) + (2*pc(L & X_b) - pc(X_b)))}
 *       {@code = sum_b 2^b * (4*pc(H & X_b) + 2*pc(L & X_b) - 3*pc(X_b))};</li>
 *   <li>8-bit: {@code sum_j w[j]*x[j] = sum_b 2^b * (sum of w[j] over the j with X_b[j] = 1)} (or the plain
 *       product; both are exact).</li>
 * </ul>
 * {@link #dot} evaluates exactly these sums, so a test can hold any back end's arithmetic against the reference.
 * The terms the identity adds, {@code 2^b * s * (2*bit - 1)} per plane of scale s (1 for P and L, 2 for H) and
 * {@code 2^b * w[j]} for int8, are what {@link LayerAnalysis#partialSumRange()} bounds in every order.
 */
public final class WeightPlanes {
    private final Weights weights;
    // copied from the (immutable) weights on first use only: an analysis made just for its ranges copies nothing
    private volatile long[] packed; // 1 and 2 bits
    private volatile byte[] values; // 8 bits

    WeightPlanes(Weights weights) {
        this.weights = weights;
    }

    private long[] packed() {
        long[] p = packed;
        if (p == null) {
            packed = p = weights.packedCopy();
        }
        return p;
    }

    private byte[] values() {
        byte[] v = values;
        if (v == null) {
            values = v = weights.int8Copy();
        }
        return v;
    }

    /** 1, 2 or 8. */
    public int bits() {
        return weights.bits();
    }

    public int rows() {
        return weights.rows();
    }

    public int cols() {
        return weights.cols();
    }

    /** Bit planes per row: 1 (1-bit), 2 (2-bit) or 0 (8-bit weights are stored as values). */
    public int planes() {
        return weights.bits() == 8 ? 0 : weights.bits();
    }

    /** What plane {@code plane}'s ±1 contributes per unit: 1 for a 1-bit plane and for L, 2 for H. */
    public int planeScale(int plane) {
        checkPlane(plane);
        return weights.bits() == 2 && plane == 0 ? 2 : 1;
    }

    /** Longs per plane of one row, ceil(cols / 64). */
    public int wordsPerPlane() {
        return weights.wordsPerRow();
    }

    /** Plane {@code plane} of row {@code row}: column j is bit (j mod 64) of word j/64 (a copy). */
    public long[] words(int row, int plane) {
        checkRow(row);
        checkPlane(plane);
        int wpr = wordsPerPlane(), from = (row * planes() + plane) * wpr;
        return java.util.Arrays.copyOfRange(packed(), from, from + wpr);
    }

    /** Bit {@code col} of plane {@code plane} of row {@code row}. */
    public boolean bit(int row, int plane, int col) {
        checkRow(row);
        checkPlane(plane);
        checkCol(col);
        return (packed()[(row * planes() + plane) * wordsPerPlane() + (col >>> 6)] >>> col & 1) != 0;
    }

    /** The int8 values of row {@code row} (8-bit weights only; a copy). */
    public byte[] int8Row(int row) {
        checkRow(row);
        if (bits() != 8) {
            throw new IllegalStateException(bits() + "-bit weights are stored as planes, not int8 values");
        }
        return java.util.Arrays.copyOfRange(values(), row * cols(), (row + 1) * cols());
    }

    /** Weight [row][col] as a plain integer. */
    public int value(int row, int col) {
        return weights.get(row, col);
    }

    /**
     * {@code sum_j w[row][j] * x[j]} evaluated by the bit-serial identity of the class comment (popcounts per level
     * bit and plane for 1- and 2-bit weights, per-bit sums of the int8 values for 8-bit ones).
     *
     * @param x         one level per column, each in 0 .. 2^inputBits - 1 (padded positions are 0)
     * @param inputBits B, the bits of the input levels (1..31)
     */
    public long dot(int row, int[] x, int inputBits) {
        checkRow(row);
        if (x == null || x.length != cols()) {
            throw new IllegalArgumentException("expected " + cols() + " input levels, got " + (x == null ? "null" : x.length));
        }
        if (inputBits < 1 || inputBits > 31) {
            throw new IllegalArgumentException("inputBits = " + inputBits + ", expected 1..31");
        }
        for (int j = 0; j < x.length; j++) {
            if (x[j] < 0 || x[j] >>> inputBits != 0) {
                throw new IllegalArgumentException("input level [" + j + "] = " + x[j] + ", expected 0.." + ((1L << inputBits) - 1));
            }
        }
        long sum = 0;
        int wpr = wordsPerPlane();
        byte[] values = bits() == 8 ? values() : null;
        long[] packed = bits() == 8 ? null : packed();
        for (int b = 0; b < inputBits; b++) {
            long[] xb = new long[wpr];
            for (int j = 0; j < x.length; j++) {
                xb[j >>> 6] |= (long) (x[j] >>> b & 1) << j;
            }
            long term = 0;
            if (values != null) {
                for (int j = 0; j < x.length; j++) {
                    if ((xb[j >>> 6] >>> j & 1) != 0) {
                        term += values[row * cols() + j];
                    }
                }
            } else {
                int pcX = 0;
                for (long v : xb) {
                    pcX += Long.bitCount(v);
                }
                for (int p = 0; p < planes(); p++) {
                    int pc = 0, base = (row * planes() + p) * wpr;
                    for (int k = 0; k < wpr; k++) {
                        pc += Long.bitCount(packed[base + k] & xb[k]);
                    }
                    term += (long) planeScale(p) * (2L * pc - pcX);
                }
            }
            sum += term << b;
        }
        return sum;
    }

    private void checkRow(int row) {
        if (row < 0 || row >= rows()) {
            throw new IndexOutOfBoundsException("row " + row + ", expected 0.." + (rows() - 1));
        }
    }

    private void checkCol(int col) {
        if (col < 0 || col >= cols()) {
            throw new IndexOutOfBoundsException("column " + col + ", expected 0.." + (cols() - 1));
        }
    }

    private void checkPlane(int plane) {
        if (plane < 0 || plane >= planes()) {
            throw new IndexOutOfBoundsException("plane " + plane + ", expected 0.." + (planes() - 1)
                    + (planes() == 0 ? " (8-bit weights have no planes)" : ""));
        }
    }

    @Override
    public String toString() {
        return "WeightPlanes[" + weights + "]";
    }
}
