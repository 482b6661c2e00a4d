package io.dot4j.runtime.ir;

import java.util.Arrays;

/**
 * The weight matrix of a conv or dense layer: {@code rows} output channels by {@code cols} inputs
 * (for a convolution, cols = kh*kw*inC in (ky, kx, c) order, channel fastest). Immutable.
 *
 * <ul>
 *   <li><b>1 bit</b>: weights are -1 or +1. Each row is packed into {@code wordsPerRow = ceil(cols/64)} longs;
 *       column j is bit {@code j % 64} of long {@code j / 64} (bit 0 = least significant). Bit 1 means +1,
 *       bit 0 means -1. Bits past {@code cols} in the last long must be 0.</li>
 *   <li><b>2 bits</b>: weights are the symmetric odd levels {-3, -1, +1, +3} (the levels ±0.5, ±1.5 scaled by 2,
 *       so the scale is folded into the thresholds). A weight is {@code w = 2*h + l} with two ±1 planes
 *       h and l: -3 = (-1,-1), -1 = (-1,+1), +1 = (+1,-1), +3 = (+1,+1). Each row stores the h plane
 *       ({@code wordsPerRow} longs, packed like a 1-bit row) followed by the l plane.</li>
 *   <li><b>8 bits</b>: signed int8 weights, one byte per weight, row-major.</li>
 * </ul>
 */
public final class Weights {
    private final int bits;
    private final int rows;
    private final int cols;
    private final int wordsPerRow;
    private final long[] packed; // 1 or 2 bits
    private final byte[] bytes;  // 8 bits

    private Weights(int bits, int rows, int cols, long[] packed, byte[] bytes) {
        this.bits = bits;
        this.rows = rows;
        this.cols = cols;
        this.wordsPerRow = (cols + 63) >>> 6;
        this.packed = packed;
        this.bytes = bytes;
    }

    /** Number of longs one packed 1-bit plane of a row of {@code cols} inputs needs. */
    public static int wordsFor(int cols) {
        return (cols + 63) >>> 6;
    }

    /** ±1 weights from their packed rows (copied). */
    public static Weights binary(int rows, int cols, long[] packedRows) {
        checkDims(rows, cols);
        return checkedPacked(1, rows, cols, packedRows);
    }

    /** {-3,-1,1,3} weights from their packed planes (per row: h plane then l plane; copied). */
    public static Weights twoBit(int rows, int cols, long[] packedPlanes) {
        checkDims(rows, cols);
        return checkedPacked(2, rows, cols, packedPlanes);
    }

    /** int8 weights, row-major (copied). */
    public static Weights int8(int rows, int cols, byte[] values) {
        checkDims(rows, cols);
        if (values == null || values.length != (long) rows * cols) {
            throw new LayerException("weights", "need " + (long) rows * cols + " int8 values, got "
                    + (values == null ? "null" : values.length));
        }
        return new Weights(8, rows, cols, null, values.clone());
    }

    /**
     * Weights from plain integers (row-major), checked against the levels {@code bits} allows:
     * 1 bit: -1, +1; 2 bits: -3, -1, 1, 3; 8 bits: -128..127.
     */
    public static Weights fromInts(int bits, int rows, int cols, int[] values) {
        checkDims(rows, cols);
        if (values == null || values.length != (long) rows * cols) {
            throw new LayerException("weights", "need " + (long) rows * cols + " values, got "
                    + (values == null ? "null" : values.length));
        }
        switch (bits) {
            case 1: {
                int wpr = wordsFor(cols);
                long[] p = new long[rows * wpr];
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < cols; j++) {
                        int w = values[r * cols + j];
                        if (w != 1 && w != -1) {
                            throw new LayerException("weights", "1-bit weight [" + r + "][" + j + "] = " + w + ", expected -1 or +1");
                        }
                        if (w > 0) {
                            p[r * wpr + (j >>> 6)] |= 1L << j;
                        }
                    }
                }
                return new Weights(1, rows, cols, p, null);
            }
            case 2: {
                int wpr = wordsFor(cols);
                long[] p = new long[rows * 2 * wpr];
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < cols; j++) {
                        int w = values[r * cols + j];
                        if (w != -3 && w != -1 && w != 1 && w != 3) {
                            throw new LayerException("weights", "2-bit weight [" + r + "][" + j + "] = " + w + ", expected -3, -1, 1 or 3");
                        }
                        int code = (w + 3) >> 1; // 0..3 = 2*hbit + lbit
                        if ((code & 2) != 0) {
                            p[(r * 2) * wpr + (j >>> 6)] |= 1L << j;
                        }
                        if ((code & 1) != 0) {
                            p[(r * 2 + 1) * wpr + (j >>> 6)] |= 1L << j;
                        }
                    }
                }
                return new Weights(2, rows, cols, p, null);
            }
            case 8: {
                byte[] b = new byte[rows * cols];
                for (int i = 0; i < b.length; i++) {
                    int w = values[i];
                    if (w < -128 || w > 127) {
                        throw new LayerException("weights", "8-bit weight [" + i / cols + "][" + i % cols + "] = " + w + ", expected -128..127");
                    }
                    b[i] = (byte) w;
                }
                return new Weights(8, rows, cols, null, b);
            }
            default:
                throw new LayerException("weightBits", "= " + bits + ", expected 1, 2 or 8");
        }
    }

    private static void checkDims(int rows, int cols) {
        LayerException.check(rows >= 1, "weights", "rows = " + rows + ", expected >= 1");
        LayerException.check(cols >= 1, "weights", "cols = " + cols + ", expected >= 1");
        LayerException.check((long) rows * cols <= Integer.MAX_VALUE - 64, "weights",
                rows + " x " + cols + " weights exceed " + (Integer.MAX_VALUE - 64));
    }

    private static Weights checkedPacked(int bits, int rows, int cols, long[] data) {
        int wpr = wordsFor(cols);
        long need = (long) rows * bits * wpr;
        if (data == null || data.length != need) {
            throw new LayerException("weights", "need " + need + " packed longs for " + rows + " rows x " + cols
                    + " columns at " + bits + " bit(s), got " + (data == null ? "null" : data.length));
        }
        int tailBits = cols & 63;
        if (tailBits != 0) {
            long padMask = -1L << tailBits;
            for (int row = 0; row < rows * bits; row++) {
                if ((data[row * wpr + wpr - 1] & padMask) != 0) {
                    throw new LayerException("weights", "row " + row / bits + " has nonzero padding bits past column " + cols);
                }
            }
        }
        return new Weights(bits, rows, cols, null == data ? null : data.clone(), null);
    }

    public int bits() {
        return bits;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Longs per packed plane of one row (1- and 2-bit weights). */
    public int wordsPerRow() {
        return wordsPerRow;
    }

    /** Weight [row][col] as a plain integer. */
    public int get(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("weight [" + row + "][" + col + "] outside " + rows + " x " + cols);
        }
        switch (bits) {
            case 1:
                return bit(row, 0, col) ? 1 : -1;
            case 2:
                return (bit(row, 0, col) ? 2 : -2) + (bit(row, 1, col) ? 1 : -1);
            default:
                return bytes[row * cols + col];
        }
    }

    private boolean bit(int row, int plane, int col) {
        return (packed[(row * bits + plane) * wordsPerRow + (col >>> 6)] >>> col & 1) != 0;
    }

    /** All weights as plain integers, row-major. */
    public int[] toInts() {
        int[] out = new int[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                out[r * cols + j] = get(r, j);
            }
        }
        return out;
    }

    /** A copy of the packed planes (1- and 2-bit weights): plane p of row r starts at {@code (r*bits+p)*wordsPerRow}. */
    public long[] packedCopy() {
        if (packed == null) {
            throw new IllegalStateException("8-bit weights are not bit-packed");
        }
        return packed.clone();
    }

    /** A copy of the int8 weights, row-major (8-bit weights only). */
    public byte[] int8Copy() {
        if (bytes == null) {
            throw new IllegalStateException(bits + "-bit weights are bit-packed, not int8");
        }
        return bytes.clone();
    }

    /** Largest |w|: 1, 3 or up to 128. */
    public int maxAbs() {
        if (bits == 1) {
            return 1;
        }
        if (bits == 2) {
            return 3;
        }
        int m = 0;
        for (byte b : bytes) {
            m = Math.max(m, Math.abs(b));
        }
        return m;
    }

    /**
     * Bytes the weights take in a {@code .dot4j} file (format versions 3 and 4): one byte per int8 weight, or for 1- and
     * 2-bit weights {@code ceil(rows*bits*cols/8)}, every plane of every row being exactly {@code cols} bits of one
     * bit stream (the 64-bit words above are only the in-memory layout the kernels need).
     */
    public long storageBytes() {
        return packed != null ? ((long) rows * bits * cols + 7) >>> 3 : bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Weights && ((Weights) o).bits == bits && ((Weights) o).rows == rows
                && ((Weights) o).cols == cols && Arrays.equals(((Weights) o).packed, packed)
                && Arrays.equals(((Weights) o).bytes, bytes);
    }

    @Override
    public int hashCode() {
        return ((bits * 31 + rows) * 31 + cols) * 31 + Arrays.hashCode(packed) + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return rows + "x" + cols + " " + bits + "-bit weights";
    }
}
