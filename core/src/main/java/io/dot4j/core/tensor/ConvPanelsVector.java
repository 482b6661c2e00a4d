package io.dot4j.core.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ConvPanels}' packing for unpadded convolutions with gathers: without padding, patch value (r, col) sits at
 * {@code x[start(r) + offset(col)]}, so each panel needs one table of 32 column offsets and then two 16-lane gathers
 * per row r. Same values as {@link ConvPanels#pack}.
 */
final class ConvPanelsVector {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final int L = 16;

    private ConvPanelsVector() {
    }

    static void pack(float[] x, Im2Col.Geometry g, int img, int q0, int q1, float[] dst) {
        final int nr = GemmKernels.NR;
        int k = g.rows();
        int ow = g.ow();
        int ohw = g.oh() * ow;
        int kk = g.kh() * g.kw();
        int hw = g.h() * g.w();
        int[] offset = new int[nr];
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
            for (int r = 0; r < k; r++) {
                int c = r / kk;
                int i = r / g.kw() % g.kh();
                int j = r % g.kw();
                int start = plane + c * hw + i * g.w() + j;
                int d = base + r * nr;
                if (full) {
                    FloatVector.fromArray(S, x, start, offset, 0).intoArray(dst, d);
                    FloatVector.fromArray(S, x, start, offset, L).intoArray(dst, d + L);
                } else {
                    FloatVector.fromArray(S, x, start, offset, 0, m0).intoArray(dst, d);
                    FloatVector.fromArray(S, x, start, offset, L, m1).intoArray(dst, d + L);
                }
            }
        }
    }
}
