package io.dot4j.runtime.vector;

import io.dot4j.runtime.kernels.spi.BitConvProgram;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The second pass of {@link VectorBitConvKernel} over each row of sums while it is in L1: scale, window-sum
 * correction and thresholds, in int lanes at the full width (positions are a multiple of the int lanes at every
 * width: {@link VectorBitConvKernel#positionMultiple()} is 16).
 */
final class ThresholdEpilogue {
    private static final VectorSpecies<Integer> INTS = VectorWidth.INTS;
    private static final int N = VectorWidth.INT_LANES;

    private ThresholdEpilogue() {
    }

    /**
     * Per thread: {f * x as ints, computed once per run for all rows; the rows' level sums}, grown when needed (so
     * never per image).
     */
    private static final ThreadLocal<int[][]> SCRATCH = ThreadLocal.withInitial(() -> new int[][] {new int[0], new int[0]});

    static int[][] scratch(BitConvProgram p) {
        int[][] s = SCRATCH.get();
        if (s[0].length < p.positions) {
            s[0] = new int[p.positions];
        }
        if (s[1].length < p.rows) {
            s[1] = new int[p.rows];
        }
        return s;
    }

    /**
     * f * x[p] as ints (the caller checked that they fit) into {@code fx}: a plain loop, once per run (a Vector API
     * version, L2I then mul, was seen boxed on the heap in some C2 compiles: 96 bytes per vector).
     */
    static int[] scaledX(BitConvProgram p, long[] x, int[] fx) {
        int f = p.f;
        for (int i = 0; i < p.positions; i++) {
            fx[i] = (int) x[i] * f;
        }
        return fx;
    }

    /**
     * One row in place, {@link VectorWidth#INT_LANES} positions per vector: v = T * (scale &lt;&lt; lastShift) - f*x (equal, in wrapping int
     * arithmetic, to (T &lt;&lt; lastShift) * scale), then the level if the program has thresholds: the number of
     * thresholds t_i with v ^ mask &gt;= t_i, one compare and one masked add each. With a sum mask the levels are not
     * stored but summed over the masked positions into {@code sums[row]}.
     */
    static void epilogue(BitConvProgram p, int[] fx, int[] dst, int d, int row, int[] sums) {
        int mul = p.scale << p.lastShift, n = p.levels;
        if (mul == 1 && fx == null && n == 0) {
            return;
        }
        int positions = p.positions;
        if (n == 0) {
            for (int i = 0; i < positions; i += N) {
                IntVector v = IntVector.fromArray(INTS, dst, d + i).mul(mul);
                if (fx != null) {
                    v = v.sub(IntVector.fromArray(INTS, fx, i));
                }
                v.intoArray(dst, d + i);
            }
            return;
        }
        IntVector mask = IntVector.broadcast(INTS, p.keyMask[row]), one = IntVector.broadcast(INTS, 1);
        IntVector sum = IntVector.zero(INTS);
        int[] k = p.key, sm = p.sumMask;
        int k0 = row * n;
        IntVector t0 = IntVector.broadcast(INTS, k[k0]);
        IntVector t1 = n == 3 ? IntVector.broadcast(INTS, k[k0 + 1]) : t0;
        IntVector t2 = n == 3 ? IntVector.broadcast(INTS, k[k0 + 2]) : t0;
        for (int i = 0; i < positions; i += N) {
            IntVector v = IntVector.fromArray(INTS, dst, d + i).mul(mul);
            if (fx != null) {
                v = v.sub(IntVector.fromArray(INTS, fx, i));
            }
            IntVector key = v.lanewise(VectorOperators.XOR, mask);
            IntVector lev = IntVector.zero(INTS).add(one, key.compare(VectorOperators.GE, t0));
            if (n == 3) {
                lev = lev.add(one, key.compare(VectorOperators.GE, t1)).add(one, key.compare(VectorOperators.GE, t2));
            } else if (n != 1) {
                for (int j = k0 + 1; j < k0 + n; j++) {
                    lev = lev.add(one, key.compare(VectorOperators.GE, k[j]));
                }
            }
            if (sm != null) {
                sum = sum.add(lev.and(IntVector.fromArray(INTS, sm, i)));
            } else {
                lev.intoArray(dst, d + i);
            }
        }
        if (sm != null) {
            sums[row] = sum.reduceLanes(VectorOperators.ADD);
        }
    }
}
