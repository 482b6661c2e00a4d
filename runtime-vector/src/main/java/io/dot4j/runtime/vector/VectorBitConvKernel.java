package io.dot4j.runtime.vector;

import io.dot4j.runtime.kernels.spi.BitConvKernel;
import io.dot4j.runtime.kernels.spi.BitConvProgram;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The runtime's binary-convolution kernel on the Java Vector API: 512-bit vectors of eight positions (one 64-bit
 * grid word each), a register tile of {@link BitConvProgram#TILE} = 4 output rows by 4 vectors (32 positions; 2
 * vectors for a last block of 16), so every grid load serves four rows and every broadcast weight word four vectors.
 * Each lane accumulates its own position's popcounts, so nothing is reduced across lanes; shifts are applied by
 * Horner's rule once per group of slots. The sums are stored narrowed to ints, then a second vectorized pass per row
 * (the epilogue: scale, window-sum correction, thresholds) finishes them while they are in L1. Allocation-free once
 * compiled (C2 keeps every vector in a register: the slot loop is not unrolled, so even the 16-accumulator tile stays
 * under C2's node limit; vectors are never passed to other methods, which would box them).
 */
public final class VectorBitConvKernel implements BitConvKernel {
    private static final VectorSpecies<Long> L = LongVector.SPECIES_512;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    private static final int V = 8; // lanes per vector
    private static final int POSITIONS = 2 * V;

    @Override
    public boolean usable() {
        // narrower machines would emulate 512-bit vectors slowly; the portable kernel is better there
        return LongVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
    }

    /** Measured no different from a separate threshold pass (within the noise); it saves that pass's memory traffic. */
    @Override
    public boolean fusesThresholds() {
        return true;
    }

    @Override
    public boolean sumsLevels() {
        return true;
    }

    @Override
    public String name() {
        return "vector-512";
    }

    @Override
    public int positionMultiple() {
        return POSITIONS;
    }

    @Override
    public void run(BitConvProgram p, long[] grid, long[] x, int[] dst, int dstOffset) {
        int[] sums = scratch(p)[1];
        runTiles(p, grid, x, dst, dstOffset, 0, p.tiles(), sums);
        if (p.sumMask != null) {
            System.arraycopy(sums, 0, dst, dstOffset, p.rows);
        }
    }

    @Override
    public boolean splitsTiles() {
        return true;
    }

    @Override
    public void runTiles(BitConvProgram p, long[] grid, long[] x, int[] dst, int dstOffset, int tileFrom, int tileTo,
                         int[] sums) {
        if (p.positions % POSITIONS != 0) {
            throw new IllegalArgumentException("positions = " + p.positions + ", expected a multiple of " + POSITIONS);
        }
        p.checkTiles(tileFrom, tileTo);
        if (p.sumMask != null && (sums == null || sums.length < p.rows)) {
            throw new IllegalArgumentException("rowSums: expected at least " + p.rows + " ints for a summed program");
        }
        int[] fx = p.f == 0 ? null : scaledX(p, x, scratch(p)[0]);
        for (int t = tileFrom; t < tileTo; t++) {
            int pos = 0;
            if (p.rows == 1) { // the window sums: one row, so no tile of four rows (3/4 of its work would be padding)
                for (; pos + 2 * POSITIONS <= p.positions; pos += 2 * POSITIONS) {
                    row4(p, grid, dst, dstOffset, pos);
                }
            }
            for (; pos + 2 * POSITIONS <= p.positions; pos += 2 * POSITIONS) {
                tile44(p, grid, dst, dstOffset, t, pos);
            }
            for (; pos < p.positions; pos += POSITIONS) {
                tile(p, grid, dst, dstOffset, t, pos);
            }
            int r0 = t * BitConvProgram.TILE;
            for (int r = r0; r < Math.min(p.rows, r0 + BitConvProgram.TILE); r++) {
                epilogue(p, fx, dst, dstOffset + r * p.rowStride, r, sums);
            }
        }
    }

    /**
     * The sums T of 4 rows x 16 positions into dst (as ints: |T| fits, the caller checked the accumulator range).
     * Vectors never leave this method (passing them to a method C2 does not inline would box them on the heap).
     */
    private static void tile(BitConvProgram p, long[] grid, int[] dst, int dstOffset, int t, int pos) {
        int slots = p.slots;
        int[] off = p.off, gs = p.groupStart, gsh = p.groupShift;
        long[] w = p.tiled;
        LongVector a00 = LongVector.zero(L), a01 = a00, a10 = a00, a11 = a00, a20 = a00, a21 = a00, a30 = a00, a31 = a00;
        int wb = t * slots * BitConvProgram.TILE;
        for (int gi = 0; gi < gsh.length; gi++) {
            int sh = gsh[gi];
            a00 = a00.lanewise(VectorOperators.LSHL, sh);
            a01 = a01.lanewise(VectorOperators.LSHL, sh);
            a10 = a10.lanewise(VectorOperators.LSHL, sh);
            a11 = a11.lanewise(VectorOperators.LSHL, sh);
            a20 = a20.lanewise(VectorOperators.LSHL, sh);
            a21 = a21.lanewise(VectorOperators.LSHL, sh);
            a30 = a30.lanewise(VectorOperators.LSHL, sh);
            a31 = a31.lanewise(VectorOperators.LSHL, sh);
            for (int s = gs[gi], e = gs[gi + 1]; s < e; s++) {
                int o = off[s] + pos, wi = wb + s * BitConvProgram.TILE;
                LongVector g0 = LongVector.fromArray(L, grid, o);
                LongVector g1 = LongVector.fromArray(L, grid, o + V);
                LongVector w0 = LongVector.broadcast(L, w[wi]);
                LongVector w1 = LongVector.broadcast(L, w[wi + 1]);
                LongVector w2 = LongVector.broadcast(L, w[wi + 2]);
                LongVector w3 = LongVector.broadcast(L, w[wi + 3]);
                a00 = a00.add(w0.and(g0).lanewise(VectorOperators.BIT_COUNT));
                a01 = a01.add(w0.and(g1).lanewise(VectorOperators.BIT_COUNT));
                a10 = a10.add(w1.and(g0).lanewise(VectorOperators.BIT_COUNT));
                a11 = a11.add(w1.and(g1).lanewise(VectorOperators.BIT_COUNT));
                a20 = a20.add(w2.and(g0).lanewise(VectorOperators.BIT_COUNT));
                a21 = a21.add(w2.and(g1).lanewise(VectorOperators.BIT_COUNT));
                a30 = a30.add(w3.and(g0).lanewise(VectorOperators.BIT_COUNT));
                a31 = a31.add(w3.and(g1).lanewise(VectorOperators.BIT_COUNT));
            }
        }
        // rows past p.rows have zero weights; their sums go to the row stride's slack only if it exists, so skip them
        int rows = p.rows - t * BitConvProgram.TILE, stride = p.rowStride;
        int d = dstOffset + t * BitConvProgram.TILE * stride + pos;
        ((IntVector) a00.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d);
        ((IntVector) a01.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d + V);
        if (rows > 1) {
            ((IntVector) a10.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d + stride);
            ((IntVector) a11.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d + stride + V);
        }
        if (rows > 2) {
            ((IntVector) a20.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d + 2 * stride);
            ((IntVector) a21.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d + 2 * stride + V);
        }
        if (rows > 3) {
            ((IntVector) a30.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d + 3 * stride);
            ((IntVector) a31.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d + 3 * stride + V);
        }
    }

    /** {@link #tile} for a program of one row, 32 positions (4 accumulators). */
    private static void row4(BitConvProgram p, long[] grid, int[] dst, int dstOffset, int pos) {
        int[] off = p.off, gs = p.groupStart, gsh = p.groupShift;
        long[] w = p.tiled;
        LongVector a0 = LongVector.zero(L), a1 = a0, a2 = a0, a3 = a0;
        for (int gi = 0; gi < gsh.length; gi++) {
            int sh = gsh[gi];
            a0 = a0.lanewise(VectorOperators.LSHL, sh);
            a1 = a1.lanewise(VectorOperators.LSHL, sh);
            a2 = a2.lanewise(VectorOperators.LSHL, sh);
            a3 = a3.lanewise(VectorOperators.LSHL, sh);
            for (int s = gs[gi], e = gs[gi + 1]; s < e; s++) {
                int o = off[s] + pos;
                LongVector w0 = LongVector.broadcast(L, w[s * BitConvProgram.TILE]);
                a0 = a0.add(w0.and(LongVector.fromArray(L, grid, o)).lanewise(VectorOperators.BIT_COUNT));
                a1 = a1.add(w0.and(LongVector.fromArray(L, grid, o + V)).lanewise(VectorOperators.BIT_COUNT));
                a2 = a2.add(w0.and(LongVector.fromArray(L, grid, o + 2 * V)).lanewise(VectorOperators.BIT_COUNT));
                a3 = a3.add(w0.and(LongVector.fromArray(L, grid, o + 3 * V)).lanewise(VectorOperators.BIT_COUNT));
            }
        }
        int d = dstOffset + pos;
        ((IntVector) a0.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d);
        ((IntVector) a1.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d + V);
        ((IntVector) a2.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d + 2 * V);
        ((IntVector) a3.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d + 3 * V);
    }

    /** {@link #tile} for 4 rows x 32 positions (16 accumulators): measured 13 % faster, still allocation-free. */
    private static void tile44(BitConvProgram p, long[] grid, int[] dst, int dstOffset, int t, int pos) {
        int slots = p.slots;
        int[] off = p.off, gs = p.groupStart, gsh = p.groupShift;
        long[] w = p.tiled;
        LongVector a00 = LongVector.zero(L), a01 = a00, a10 = a00, a11 = a00, a20 = a00, a21 = a00, a30 = a00, a31 = a00;
        LongVector a02 = a00, a03 = a00, a12 = a00, a13 = a00, a22 = a00, a23 = a00, a32 = a00, a33 = a00;
        int wb = t * slots * BitConvProgram.TILE;
        for (int gi = 0; gi < gsh.length; gi++) {
            int sh = gsh[gi];
            a00 = a00.lanewise(VectorOperators.LSHL, sh);
            a01 = a01.lanewise(VectorOperators.LSHL, sh);
            a02 = a02.lanewise(VectorOperators.LSHL, sh);
            a03 = a03.lanewise(VectorOperators.LSHL, sh);
            a10 = a10.lanewise(VectorOperators.LSHL, sh);
            a11 = a11.lanewise(VectorOperators.LSHL, sh);
            a12 = a12.lanewise(VectorOperators.LSHL, sh);
            a13 = a13.lanewise(VectorOperators.LSHL, sh);
            a20 = a20.lanewise(VectorOperators.LSHL, sh);
            a21 = a21.lanewise(VectorOperators.LSHL, sh);
            a22 = a22.lanewise(VectorOperators.LSHL, sh);
            a23 = a23.lanewise(VectorOperators.LSHL, sh);
            a30 = a30.lanewise(VectorOperators.LSHL, sh);
            a31 = a31.lanewise(VectorOperators.LSHL, sh);
            a32 = a32.lanewise(VectorOperators.LSHL, sh);
            a33 = a33.lanewise(VectorOperators.LSHL, sh);
            for (int s = gs[gi], e = gs[gi + 1]; s < e; s++) {
                int o = off[s] + pos, wi = wb + s * BitConvProgram.TILE;
                LongVector g0 = LongVector.fromArray(L, grid, o);
                LongVector g1 = LongVector.fromArray(L, grid, o + V);
                LongVector g2 = LongVector.fromArray(L, grid, o + 2 * V);
                LongVector g3 = LongVector.fromArray(L, grid, o + 3 * V);
                LongVector w0 = LongVector.broadcast(L, w[wi]);
                LongVector w1 = LongVector.broadcast(L, w[wi + 1]);
                LongVector w2 = LongVector.broadcast(L, w[wi + 2]);
                LongVector w3 = LongVector.broadcast(L, w[wi + 3]);
                a00 = a00.add(w0.and(g0).lanewise(VectorOperators.BIT_COUNT));
                a01 = a01.add(w0.and(g1).lanewise(VectorOperators.BIT_COUNT));
                a02 = a02.add(w0.and(g2).lanewise(VectorOperators.BIT_COUNT));
                a03 = a03.add(w0.and(g3).lanewise(VectorOperators.BIT_COUNT));
                a10 = a10.add(w1.and(g0).lanewise(VectorOperators.BIT_COUNT));
                a11 = a11.add(w1.and(g1).lanewise(VectorOperators.BIT_COUNT));
                a12 = a12.add(w1.and(g2).lanewise(VectorOperators.BIT_COUNT));
                a13 = a13.add(w1.and(g3).lanewise(VectorOperators.BIT_COUNT));
                a20 = a20.add(w2.and(g0).lanewise(VectorOperators.BIT_COUNT));
                a21 = a21.add(w2.and(g1).lanewise(VectorOperators.BIT_COUNT));
                a22 = a22.add(w2.and(g2).lanewise(VectorOperators.BIT_COUNT));
                a23 = a23.add(w2.and(g3).lanewise(VectorOperators.BIT_COUNT));
                a30 = a30.add(w3.and(g0).lanewise(VectorOperators.BIT_COUNT));
                a31 = a31.add(w3.and(g1).lanewise(VectorOperators.BIT_COUNT));
                a32 = a32.add(w3.and(g2).lanewise(VectorOperators.BIT_COUNT));
                a33 = a33.add(w3.and(g3).lanewise(VectorOperators.BIT_COUNT));
            }
        }
        // rows past p.rows have zero weights; their sums go to the row stride's slack only if it exists, so skip them
        int rows = p.rows - t * BitConvProgram.TILE, stride = p.rowStride;
        int d = dstOffset + t * BitConvProgram.TILE * stride + pos;
        ((IntVector) a00.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d);
        ((IntVector) a01.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d + V);
        ((IntVector) a02.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d + 2 * V);
        ((IntVector) a03.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d + 3 * V);
        if (rows > 1) {
            ((IntVector) a10.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d + stride);
            ((IntVector) a11.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d + stride + V);
            ((IntVector) a12.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d + stride + 2 * V);
            ((IntVector) a13.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d + stride + 3 * V);
        }
        if (rows > 2) {
            ((IntVector) a20.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d + 2 * stride);
            ((IntVector) a21.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d + 2 * stride + V);
            ((IntVector) a22.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d + 2 * stride + 2 * V);
            ((IntVector) a23.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d + 2 * stride + 3 * V);
        }
        if (rows > 3) {
            ((IntVector) a30.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d + 3 * stride);
            ((IntVector) a31.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d + 3 * stride + V);
            ((IntVector) a32.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d + 3 * stride + 2 * V);
            ((IntVector) a33.convertShape(VectorOperators.L2I, I, 0)).intoArray(dst, d + 3 * stride + 3 * V);
        }
    }

    /**
     * Per thread: {f * x as ints, computed once per run for all rows; the rows' level sums}, grown when needed (so
     * never per image).
     */
    private static final ThreadLocal<int[][]> SCRATCH = ThreadLocal.withInitial(() -> new int[][] {new int[0], new int[0]});

    private static int[][] scratch(BitConvProgram p) {
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
    private static int[] scaledX(BitConvProgram p, long[] x, int[] fx) {
        int f = p.f;
        for (int i = 0; i < p.positions; i++) {
            fx[i] = (int) x[i] * f;
        }
        return fx;
    }

    /**
     * One row in place, 16 positions per vector: v = T * (scale &lt;&lt; lastShift) - f*x (equal, in wrapping int
     * arithmetic, to (T &lt;&lt; lastShift) * scale), then the level if the program has thresholds: the number of
     * thresholds t_i with v ^ mask &gt;= t_i, one compare and one masked add each. With a sum mask the levels are not
     * stored but summed over the masked positions into {@code sums[row]}.
     */
    private static void epilogue(BitConvProgram p, int[] fx, int[] dst, int d, int row, int[] sums) {
        int mul = p.scale << p.lastShift, n = p.levels;
        if (mul == 1 && fx == null && n == 0) {
            return;
        }
        int positions = p.positions;
        if (n == 0) {
            for (int i = 0; i < positions; i += 16) {
                IntVector v = IntVector.fromArray(I16, dst, d + i).mul(mul);
                if (fx != null) {
                    v = v.sub(IntVector.fromArray(I16, fx, i));
                }
                v.intoArray(dst, d + i);
            }
            return;
        }
        IntVector mask = IntVector.broadcast(I16, p.keyMask[row]), one = IntVector.broadcast(I16, 1);
        IntVector sum = IntVector.zero(I16);
        int[] k = p.key, sm = p.sumMask;
        int k0 = row * n;
        IntVector t0 = IntVector.broadcast(I16, k[k0]);
        IntVector t1 = n == 3 ? IntVector.broadcast(I16, k[k0 + 1]) : t0;
        IntVector t2 = n == 3 ? IntVector.broadcast(I16, k[k0 + 2]) : t0;
        for (int i = 0; i < positions; i += 16) {
            IntVector v = IntVector.fromArray(I16, dst, d + i).mul(mul);
            if (fx != null) {
                v = v.sub(IntVector.fromArray(I16, fx, i));
            }
            IntVector key = v.lanewise(VectorOperators.XOR, mask);
            IntVector lev = IntVector.zero(I16).add(one, key.compare(VectorOperators.GE, t0));
            if (n == 3) {
                lev = lev.add(one, key.compare(VectorOperators.GE, t1)).add(one, key.compare(VectorOperators.GE, t2));
            } else if (n != 1) {
                for (int j = k0 + 1; j < k0 + n; j++) {
                    lev = lev.add(one, key.compare(VectorOperators.GE, k[j]));
                }
            }
            if (sm != null) {
                sum = sum.add(lev.and(IntVector.fromArray(I16, sm, i)));
            } else {
                lev.intoArray(dst, d + i);
            }
        }
        if (sm != null) {
            sums[row] = sum.reduceLanes(VectorOperators.ADD);
        }
    }

    private static final VectorSpecies<Integer> I16 = IntVector.SPECIES_512;

    @Override
    public boolean packsThresholds(int channels, int levels) {
        return channels % 16 == 0 && channels <= 64 && (levels == 1 || levels == 3);
    }

    /**
     * 16 channels per vector: each threshold's comparison mask is 16 bits of a plane (VectorMask.toLong); with sorted
     * thresholds the masks nest (G0 &gt;= G1 &gt;= G2), so the level's bits are h = G1 and l = (G0 &amp; ~G1) | G2.
     */
    @Override
    public void thresholdPack(int[] src, int si, int channels, int[] keyMask, int[] keys, int keyStride, int c0,
                              int levels, long[] out) {
        long p0 = 0, p1 = 0;
        for (int j = 0; j < channels; j += 16) {
            IntVector key = IntVector.fromArray(I16, src, si + j).lanewise(VectorOperators.XOR,
                    IntVector.fromArray(I16, keyMask, c0 + j));
            long g0 = key.compare(VectorOperators.GE, IntVector.fromArray(I16, keys, c0 + j)).toLong();
            if (levels == 1) {
                p0 |= g0 << j;
                continue;
            }
            long g1 = key.compare(VectorOperators.GE, IntVector.fromArray(I16, keys, keyStride + c0 + j)).toLong();
            long g2 = key.compare(VectorOperators.GE, IntVector.fromArray(I16, keys, 2 * keyStride + c0 + j)).toLong();
            p0 |= ((g0 & ~g1) | g2) << j;
            p1 |= g1 << j;
        }
        out[0] = p0;
        out[1] = p1;
    }

    private static final VectorSpecies<Short> S = ShortVector.SPECIES_512;

    @Override
    public boolean convolvesShorts() {
        return true;
    }

    /**
     * One output row at a time, 32 positions per vector: the taps' grid vectors times the row's weights, summed in
     * shorts, then the levels (one compare and one masked add per threshold), widened to ints as they are stored.
     */
    @Override
    public void shortConv(short[] grid, int[] off, short[] w, int taps, int rows, int from, int to, int levels,
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
            for (int p = from; p < to; p += 32) {
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
                ((IntVector) lev.convertShape(VectorOperators.S2I, I16, 0)).intoArray(dst, d + p);
                ((IntVector) lev.convertShape(VectorOperators.S2I, I16, 1)).intoArray(dst, d + p + 16);
            }
        }
    }

    /**
     * The window sums X once for all rows, then per row and 32 positions: the sum S of its terms (four at a time),
     * v = sign * (2S - X), and the levels as in {@link #shortConv}.
     */
    @Override
    public void shortConvSigns(short[] grid, int[] xOff, int xTaps, int[] termOff, int[] termStart, short[] sign,
                               int rows, int from, int to, int levels, short[] keyMask, short[] key, int[] dst,
                               int rowStride, short[] xScratch) {
        ShortVector one = ShortVector.broadcast(S, (short) 1), zero = ShortVector.zero(S);
        // X tap by tap through memory: a vector carried around a loop was seen boxed in some C2 compiles
        for (int p = from; p < to; p += 32) {
            ShortVector.fromArray(S, grid, xOff[0] + p).intoArray(xScratch, p);
        }
        for (int t = 1; t < xTaps; t++) {
            for (int p = from, o = xOff[t]; p < to; p += 32) {
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
            for (int p = from; p < to; p += 32) {
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
                ((IntVector) lev.convertShape(VectorOperators.S2I, I16, 0)).intoArray(dst, d + p);
                ((IntVector) lev.convertShape(VectorOperators.S2I, I16, 1)).intoArray(dst, d + p + 16);
            }
        }
    }

    private static final VectorSpecies<Byte> B16 = ByteVector.SPECIES_128;

    @Override
    public void thresholdPack(byte[] src, int si, int channels, int[] keyMask, int[] keys, int keyStride, int c0,
                              int levels, long[] out) {
        long p0 = 0, p1 = 0;
        for (int j = 0; j < channels; j += 16) {
            IntVector v = (IntVector) ByteVector.fromArray(B16, src, si + j)
                    .convertShape(VectorOperators.ZERO_EXTEND_B2I, I16, 0);
            IntVector key = v.lanewise(VectorOperators.XOR, IntVector.fromArray(I16, keyMask, c0 + j));
            long g0 = key.compare(VectorOperators.GE, IntVector.fromArray(I16, keys, c0 + j)).toLong();
            if (levels == 1) {
                p0 |= g0 << j;
                continue;
            }
            long g1 = key.compare(VectorOperators.GE, IntVector.fromArray(I16, keys, keyStride + c0 + j)).toLong();
            long g2 = key.compare(VectorOperators.GE, IntVector.fromArray(I16, keys, 2 * keyStride + c0 + j)).toLong();
            p0 |= ((g0 & ~g1) | g2) << j;
            p1 |= g1 << j;
        }
        out[0] = p0;
        out[1] = p1;
    }

    private static final VectorSpecies<Byte> B64 = ByteVector.SPECIES_512;

    @Override
    public boolean packsPixelRows(int channels, int levels) {
        return channels <= 64 && (levels == 1 || levels == 3);
    }

    /**
     * All channels of a pixel in one byte vector: each threshold is two unsigned compares against its range (loaded
     * once per row), whose mask is the plane word; nested masks give the level bits as in {@link #thresholdPack}.
     */
    @Override
    public void packPixelRow(byte[] src, int si, int count, int channels, byte[] lo, byte[] hi, int levels, long[] out,
                             int o, int plane) {
        VectorMask<Byte> in = B64.indexInRange(0, channels);
        ByteVector lo0 = ByteVector.fromArray(B64, lo, 0, in), hi0 = ByteVector.fromArray(B64, hi, 0, in);
        ByteVector lo1 = lo0, hi1 = hi0, lo2 = lo0, hi2 = hi0;
        if (levels == 3) {
            lo1 = ByteVector.fromArray(B64, lo, channels, in);
            hi1 = ByteVector.fromArray(B64, hi, channels, in);
            lo2 = ByteVector.fromArray(B64, lo, 2 * channels, in);
            hi2 = ByteVector.fromArray(B64, hi, 2 * channels, in);
        }
        for (int i = 0, s = si; i < count; i++, s += channels) {
            ByteVector v = ByteVector.fromArray(B64, src, s, in);
            long g0 = v.compare(VectorOperators.UGE, lo0).and(v.compare(VectorOperators.ULE, hi0)).and(in).toLong();
            if (levels == 1) {
                out[o + i] = g0;
                continue;
            }
            long g1 = v.compare(VectorOperators.UGE, lo1).and(v.compare(VectorOperators.ULE, hi1)).and(in).toLong();
            long g2 = v.compare(VectorOperators.UGE, lo2).and(v.compare(VectorOperators.ULE, hi2)).and(in).toLong();
            out[o + i] = (g0 & ~g1) | g2;
            out[o + plane + i] = g1;
        }
    }

    /** Even lanes of a 16-int vector: after pairwise maxima they hold one pooled pixel each. */
    private static final VectorMask<Integer> EVEN = VectorMask.fromLong(I16, 0x5555L);

    @Override
    public boolean packsPooled(int channels, int bits) {
        return channels <= 32 && bits <= 2;
    }

    /**
     * Eight pooled pixels per step: the two window rows loaded as 16 ints each (masked at the row's end), their
     * maximum, then the maximum with the next lane (slice), so even lanes hold the window maxima; each channel's bits
     * are shifted into place, and compress() gathers the even lanes into eight pixel words.
     */
    @Override
    public void poolPack(int[] src, int si, int ps, int prs, int count, int channels, int bits, int[] out, int o,
                         int outPlane) {
        for (int i0 = 0; i0 < count; i0 += 8) {
            int valid = Math.min(8, count - i0);
            VectorMask<Integer> in = I16.indexInRange(0, 2 * valid);
            IntVector h0 = IntVector.zero(I16), h1 = h0;
            for (int ch = 0, base = si + 2 * i0; ch < channels; ch++, base += ps) {
                IntVector v = IntVector.fromArray(I16, src, base, in).max(IntVector.fromArray(I16, src, base + prs, in));
                v = v.max(v.slice(1));
                h0 = h0.or(v.and(1).lanewise(VectorOperators.LSHL, ch));
                h1 = h1.or(v.lanewise(VectorOperators.LSHR, 1).and(1).lanewise(VectorOperators.LSHL, ch));
            }
            VectorMask<Integer> store = I16.indexInRange(0, valid);
            h0.compress(EVEN).intoArray(out, o + i0, store);
            if (bits == 2) {
                h1.compress(EVEN).intoArray(out, o + outPlane + i0, store);
            }
        }
    }
}
