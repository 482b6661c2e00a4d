package io.dot4j.runtime.vector;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link io.dot4j.runtime.kernels.spi.BitConvKernel#shortConv} and {@code shortConvSigns}: a first convolution on
 * 8-bit pixels with its thresholds fused, in 16-bit lanes at the full width, each row's levels widened to ints (two
 * halves) as they are stored.
 */
final class ShortConvolutions {
    private static final VectorSpecies<Short> S = VectorWidth.SHORTS;
    private static final VectorSpecies<Integer> INTS = VectorWidth.INTS;
    /** Positions per short vector (32, 16 or 8): a divisor of 32, the multiple the caller pads to. */
    private static final int N = S.length();

    /**
     * One output row at a time, {@link #N} positions per vector: the taps' grid vectors times the row's weights, summed in
     * shorts, then the levels (one compare and one masked add per threshold), widened to ints as they are stored.
     */
    static void shortConv(short[] grid, int[] off, short[] w, int taps, int rows, int from, int to, int levels,
                          short[] keyMask, short[] key, int[] dst, int rowStride) {
        ShortVector one = ShortVector.broadcast(S, (short) 1), zero = ShortVector.zero(S);
        for (int r = 0; r < rows; r++) {
            ShortVector mask = ShortVector.broadcast(S, keyMask[r]);
            int k0 = r * levels, w0 = r * taps, d = r * rowStride;
            ShortVector t0 = ShortVector.broadcast(S, key[k0]);
            ShortVector t1 = levels > 1 ? ShortVector.broadcast(S, key[k0 + 1]) : t0;
            ShortVector t2 = levels > 2 ? ShortVector.broadcast(S, key[k0 + 2]) : t0;
            // 3x3 on one channel (the usual first layer): the nine weights stay in registers
            ShortVector v0 = zero, v1 = zero, v2 = zero, v3 = zero, v4 = zero, v5 = zero, v6 = zero, v7 = zero, v8 = zero;
            if (taps == 9) {
                v0 = ShortVector.broadcast(S, w[w0]);
                v1 = ShortVector.broadcast(S, w[w0 + 1]);
                v2 = ShortVector.broadcast(S, w[w0 + 2]);
                v3 = ShortVector.broadcast(S, w[w0 + 3]);
                v4 = ShortVector.broadcast(S, w[w0 + 4]);
                v5 = ShortVector.broadcast(S, w[w0 + 5]);
                v6 = ShortVector.broadcast(S, w[w0 + 6]);
                v7 = ShortVector.broadcast(S, w[w0 + 7]);
                v8 = ShortVector.broadcast(S, w[w0 + 8]);
            }
            int o0 = off[0], o1 = taps == 9 ? off[1] : 0, o2 = taps == 9 ? off[2] : 0, o3 = taps == 9 ? off[3] : 0;
            int o4 = taps == 9 ? off[4] : 0, o5 = taps == 9 ? off[5] : 0, o6 = taps == 9 ? off[6] : 0;
            int o7 = taps == 9 ? off[7] : 0, o8 = taps == 9 ? off[8] : 0;
            for (int p = from; p < to; p += N) {
                ShortVector acc;
                if (taps == 9) {
                    acc = ShortVector.fromArray(S, grid, o0 + p).mul(v0)
                            .add(ShortVector.fromArray(S, grid, o1 + p).mul(v1))
                            .add(ShortVector.fromArray(S, grid, o2 + p).mul(v2))
                            .add(ShortVector.fromArray(S, grid, o3 + p).mul(v3))
                            .add(ShortVector.fromArray(S, grid, o4 + p).mul(v4))
                            .add(ShortVector.fromArray(S, grid, o5 + p).mul(v5))
                            .add(ShortVector.fromArray(S, grid, o6 + p).mul(v6))
                            .add(ShortVector.fromArray(S, grid, o7 + p).mul(v7))
                            .add(ShortVector.fromArray(S, grid, o8 + p).mul(v8));
                } else {
                    acc = zero;
                    for (int t = 0; t < taps; t++) {
                        acc = acc.add(ShortVector.fromArray(S, grid, off[t] + p).mul(w[w0 + t]));
                    }
                }
                ShortVector k = acc.lanewise(VectorOperators.XOR, mask);
                ShortVector lev = zero.add(one, k.compare(VectorOperators.GE, t0));
                if (levels == 3) {
                    lev = lev.add(one, k.compare(VectorOperators.GE, t1)).add(one, k.compare(VectorOperators.GE, t2));
                } else if (levels != 1) {
                    for (int j = k0 + 1; j < k0 + levels; j++) {
                        lev = lev.add(one, k.compare(VectorOperators.GE, key[j]));
                    }
                }
                ((IntVector) lev.convertShape(VectorOperators.S2I, INTS, 0)).intoArray(dst, d + p);
                ((IntVector) lev.convertShape(VectorOperators.S2I, INTS, 1)).intoArray(dst, d + p + N / 2);
            }
        }
    }

    /**
     * The window sums X once for all rows, then per row and {@link #N} positions: the sum S of its terms (four at a time),
     * v = sign * (2S - X), and the levels as in {@link #shortConv}.
     */
    static void shortConvSigns(short[] grid, int[] xOff, int xTaps, int[] termOff, int[] termStart, short[] sign,
                               int rows, int from, int to, int levels, short[] keyMask, short[] key, int[] dst,
                               int rowStride, short[] xScratch) {
        ShortVector one = ShortVector.broadcast(S, (short) 1), zero = ShortVector.zero(S);
        // X tap by tap through memory: a vector carried around a loop was seen boxed in some C2 compiles
        for (int p = from; p < to; p += N) {
            ShortVector.fromArray(S, grid, xOff[0] + p).intoArray(xScratch, p);
        }
        for (int t = 1; t < xTaps; t++) {
            for (int p = from, o = xOff[t]; p < to; p += N) {
                ShortVector.fromArray(S, xScratch, p).add(ShortVector.fromArray(S, grid, o + p)).intoArray(xScratch, p);
            }
        }
        for (int r = 0; r < rows; r++) {
            ShortVector mask = ShortVector.broadcast(S, keyMask[r]), sg = ShortVector.broadcast(S, sign[r]);
            int k0 = r * levels, d = r * rowStride, j0 = termStart[r], j1 = termStart[r + 1];
            ShortVector t0 = ShortVector.broadcast(S, key[k0]);
            ShortVector t1 = levels > 1 ? ShortVector.broadcast(S, key[k0 + 1]) : t0;
            ShortVector t2 = levels > 2 ? ShortVector.broadcast(S, key[k0 + 2]) : t0;
            boolean four = j1 - j0 == 4; // the usual 3x3 case: at most four taps of the smaller sign
            int o0 = four ? termOff[j0] : 0, o1 = four ? termOff[j0 + 1] : 0, o2 = four ? termOff[j0 + 2] : 0;
            int o3 = four ? termOff[j0 + 3] : 0;
            for (int p = from; p < to; p += N) {
                ShortVector sum;
                if (four) {
                    sum = ShortVector.fromArray(S, grid, o0 + p).add(ShortVector.fromArray(S, grid, o1 + p))
                            .add(ShortVector.fromArray(S, grid, o2 + p).add(ShortVector.fromArray(S, grid, o3 + p)));
                } else {
                    sum = zero;
                    for (int j = j0; j < j1; j++) {
                        sum = sum.add(ShortVector.fromArray(S, grid, termOff[j] + p));
                    }
                }
                ShortVector v = sum.add(sum).sub(ShortVector.fromArray(S, xScratch, p)).mul(sg);
                ShortVector k = v.lanewise(VectorOperators.XOR, mask);
                ShortVector lev = zero.add(one, k.compare(VectorOperators.GE, t0));
                if (levels == 3) {
                    lev = lev.add(one, k.compare(VectorOperators.GE, t1)).add(one, k.compare(VectorOperators.GE, t2));
                } else if (levels != 1) {
                    for (int j = k0 + 1; j < k0 + levels; j++) {
                        lev = lev.add(one, k.compare(VectorOperators.GE, key[j]));
                    }
                }
                ((IntVector) lev.convertShape(VectorOperators.S2I, INTS, 0)).intoArray(dst, d + p);
                ((IntVector) lev.convertShape(VectorOperators.S2I, INTS, 1)).intoArray(dst, d + p + N / 2);
            }
        }
    }

    private ShortConvolutions() {
    }
}
