package io.dot4j.runtime.vector;

import io.dot4j.runtime.kernels.spi.BitConvProgram;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register tiles of {@link VectorBitConvKernel}: each lane of a {@link VectorWidth#LONGS} vector is one position
 * (one 64-bit grid word), each accumulator one row times one vector of positions. Per slot a tile loads its grid
 * vectors once and broadcasts each row's weight word once, then ANDs, counts bits ({@code BIT_COUNT}) and adds; no
 * lane is reduced. Shifts are applied by Horner's rule once per group of slots. The sums are narrowed to ints as they
 * are stored (|T| fits: the caller checked the accumulator range).
 *
 * <p>The tile methods keep every vector local: a vector passed to a method C2 does not inline is boxed on the heap.
 * The slot loop is not unrolled, so even the 16-accumulator tile stays under C2's node limit.
 */
final class PopcountTiles {
    private static final VectorSpecies<Long> L = VectorWidth.LONGS;
    private static final VectorSpecies<Integer> I = VectorWidth.HALF_INTS;
    /** Positions per vector. */
    static final int V = VectorWidth.LONG_LANES;

    private PopcountTiles() {
    }

    /**
     * The sums T of 4 rows x 2V positions into dst (as ints: |T| fits, the caller checked the accumulator range).
     * Vectors never leave this method (passing them to a method C2 does not inline would box them on the heap).
     */
    static void tile(BitConvProgram p, long[] grid, int[] dst, int dstOffset, int t, int pos) {
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

    /** {@link #tile} for a program of one row, 4V positions (4 accumulators). */
    static void row4(BitConvProgram p, long[] grid, int[] dst, int dstOffset, int pos) {
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

    /**
     * {@link #tile} for 4 rows x 4V positions (16 accumulators), only where the CPU has 32 vector registers
     * ({@link VectorWidth#WIDE_TILE}): at 512 bits measured 13 % faster than {@link #tile}, still allocation-free.
     */
    static void tile44(BitConvProgram p, long[] grid, int[] dst, int dstOffset, int t, int pos) {
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
}
