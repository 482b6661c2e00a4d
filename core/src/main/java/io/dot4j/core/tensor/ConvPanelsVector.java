package io.dot4j.core.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ConvPanels}' packing for unpadded convolutions: without padding, patch value (r, col) sits at
 * {@code x[start(r) + offset(col)]}, so each panel needs one table of 32 column offsets, the same for every row r.
 * With stride 1 the offsets run in runs of consecutive columns (one per output row the panel touches), each copied
 * with full-width loads and stores; otherwise two gathers per row (a panel is two vectors of {@link FloatWidth}).
 * Same values as {@link ConvPanels#pack}. No masked memory operation: with AVX2 C2 does not intrinsify all of them.
 */
final class ConvPanelsVector {
    private static final VectorSpecies<Float> S = FloatWidth.FLOATS;
    private static final int L = FloatWidth.LANES;

    private ConvPanelsVector() {
    }

    static void pack(float[] x, Im2Col.Geometry g, int img, int q0, int q1, float[] dst) {
        if (g.sw() == 1) {
            packRuns(x, g, img, q0, q1, dst);
        } else {
            gatherPack(x, g, img, q0, q1, dst);
        }
    }

    /** Any stride: two gathers of L lanes per row of each panel; a partial panel's padding lanes are zeroed by blends. */
    static void gatherPack(float[] x, Im2Col.Geometry g, int img, int q0, int q1, float[] dst) {
        final int nr = GemmKernels.NR;
        int k = g.rows();
        int ow = g.ow();
        int ohw = g.oh() * ow;
        int hw = g.h() * g.w();
        int[] offset = new int[nr];
        FloatVector zero = FloatVector.zero(S);
        for (int q = q0; q < q1; q++) {
            int col0 = q * nr;
            int w = Math.min(nr, ohw - col0);
            for (int jj = 0; jj < nr; jj++) {
                int col = col0 + Math.min(jj, w - 1); // padding columns repeat a real one and are masked off
                int oh = col / ow;
                offset[jj] = oh * g.sh() * g.w() + (col - oh * ow) * g.sw();
            }
            VectorMask<Float> m0 = S.indexInRange(0, w);
            VectorMask<Float> m1 = S.indexInRange(L, w);
            boolean full = w == nr;
            int base = (q - q0) * k * nr;
            int plane = img * g.c() * hw;
            int d = base;
            for (int c = 0; c < g.c(); c++) {
                for (int i = 0; i < g.kh(); i++) {
                    for (int j = 0; j < g.kw(); j++, d += nr) {
                        int start = plane + c * hw + i * g.w() + j;
                        FloatVector v0 = FloatVector.fromArray(S, x, start, offset, 0);
                        FloatVector v1 = FloatVector.fromArray(S, x, start, offset, L);
                        if (!full) { // the padding lanes gathered a real column (in bounds); they must be zero
                            v0 = zero.blend(v0, m0);
                            v1 = zero.blend(v1, m1);
                        }
                        v0.intoArray(dst, d);
                        v1.intoArray(dst, d + L);
                    }
                }
            }
        }
    }

    /** Stride 1 along the width: copies runs of at most L consecutive columns within one output row. */
    private static void packRuns(float[] x, Im2Col.Geometry g, int img, int q0, int q1, float[] dst) {
        final int nr = GemmKernels.NR;
        int k = g.rows();
        int ow = g.ow();
        int ohw = g.oh() * ow;
        int hw = g.h() * g.w();
        int[] runDst = new int[nr];
        int[] runSrc = new int[nr];
        int[] runLen = new int[nr];
        for (int q = q0; q < q1; q++) {
            int col0 = q * nr;
            int w = Math.min(nr, ohw - col0);
            int runs = 0;
            for (int jj = 0; jj < w; ) {
                int col = col0 + jj;
                int oh = col / ow;
                int o = col - oh * ow;
                int len = Math.min(L, Math.min(w - jj, ow - o));
                runDst[runs] = jj;
                runSrc[runs] = oh * g.sh() * g.w() + o;
                runLen[runs] = len;
                runs++;
                jj += len;
            }
            int base = (q - q0) * k * nr;
            int plane = img * g.c() * hw;
            // rows r = (c*KH + i)*KW + j in order, counting instead of dividing (three divisions per row cost more
            // than its copies)
            int d = base;
            for (int c = 0; c < g.c(); c++) {
                for (int i = 0; i < g.kh(); i++) {
                    for (int j = 0; j < g.kw(); j++, d += nr) {
                        int start = plane + c * hw + i * g.w() + j;
                        // full L-lane copies in ascending order: the lanes past a run's end land where the next run (or the
                        // next row, or the zeros below, or the buffer's slack) is written afterwards; plain copies near x's end
                        for (int t = 0; t < runs; t++) {
                            int src = start + runSrc[t];
                            if (src + L <= x.length) {
                                FloatVector.fromArray(S, x, src).intoArray(dst, d + runDst[t]);
                            } else {
                                // plain copies: a masked load on this rarely taken branch ran as the API's slow Java
                                // fallback (C2 left it unintrinsified)
                                for (int e = 0; e < runLen[t]; e++) {
                                    dst[d + runDst[t] + e] = x[src + e];
                                }
                            }
                        }
                        if (w < nr) {
                            java.util.Arrays.fill(dst, d + w, d + nr, 0f);
                        }
                    }
                }
            }
        }
    }
}
