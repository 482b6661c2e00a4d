package io.dot4j.core.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link MaxPool2x2} eight outputs at a time, without gathers: 16 consecutive inputs of the top row hold 8 windows'
 * (x00, x01) pairs in even/odd lanes, the bottom row's the (x10, x11) pairs. Shifting a vector down by one lane puts
 * each odd element beside its even partner, so the strict comparisons become blends valid in the even lanes, in the
 * scan order; {@code compress} packs the even lanes into the first 8, stored under a mask.
 */
final class MaxPool2x2Vector {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final int L = 16;
    /** Lane l reads lane l + 1 (the last lane wraps; it is odd and never used). */
    private static final VectorShuffle<Float> NEXT = VectorShuffle.fromOp(S, l -> (l + 1) % L);
    private static final VectorMask<Float> EVEN = VectorMask.fromLong(S, 0x5555L);

    private MaxPool2x2Vector() {
    }

    static void values(float[] x, float[] y, int h, int w, int oh, int ow, int q0, int q1) {
        int ohw = oh * ow;
        for (int q = q0; q < q1; q++) {
            int base = q * h * w;
            int out = q * ohw;
            for (int r = 0; r < oh; r++) {
                int top = base + 2 * r * w;
                int bottom = top + w;
                int o = out + r * ow;
                int c = 0;
                // full-width loads may read past the row (into the next one): those lanes are never stored
                for (; c < ow && bottom + 2 * c + L <= x.length; c += L / 2) {
                    FloatVector t = FloatVector.fromArray(S, x, top + 2 * c);
                    FloatVector b = FloatVector.fromArray(S, x, bottom + 2 * c);
                    FloatVector max = t;
                    FloatVector v = t.rearrange(NEXT);
                    max = max.blend(v, v.compare(VectorOperators.GT, max));
                    max = max.blend(b, b.compare(VectorOperators.GT, max));
                    v = b.rearrange(NEXT);
                    max = max.blend(v, v.compare(VectorOperators.GT, max));
                    int n = Math.min(L / 2, ow - c);
                    max.compress(EVEN).intoArray(y, o + c, S.indexInRange(0, n));
                }
                // the last windows of the array, where a full load would run past its end
                for (; c < ow; c++) {
                    float m = x[top + 2 * c];
                    float v = x[top + 2 * c + 1];
                    m = v > m ? v : m;
                    v = x[bottom + 2 * c];
                    m = v > m ? v : m;
                    v = x[bottom + 2 * c + 1];
                    y[o + c] = v > m ? v : m;
                }
            }
        }
    }
}
