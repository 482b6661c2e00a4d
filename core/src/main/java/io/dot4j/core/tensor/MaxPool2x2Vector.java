package io.dot4j.core.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link MaxPool2x2} L/2 outputs at a time ({@link FloatWidth}: L = 16, 8 or 4 lanes), without gathers: L consecutive
 * inputs of the top row hold L/2 windows' (x00, x01) pairs in even/odd lanes, the bottom row's the (x10, x11) pairs.
 * Shifting a vector down by one lane puts each odd element beside its even partner, so the strict comparisons become
 * blends valid in the even lanes, in the scan order; a fixed shuffle gathers the even lanes into the first L/2. The
 * vector is stored whole (no masked store: with AVX2, C2 does not intrinsify one that may leave the array): its upper
 * lanes land on outputs of this range that are written later, and the last outputs of the range are done one by one.
 */
final class MaxPool2x2Vector {
    private static final VectorSpecies<Float> S = FloatWidth.FLOATS;
    private static final int L = FloatWidth.LANES;
    /** Lane l reads lane l + 1 (the last lane wraps; it is odd and never used). */
    private static final VectorShuffle<Float> NEXT = VectorShuffle.fromOp(S, l -> (l + 1) % L);
    /** Lane l reads lane 2l (the upper half reads wrapped lanes: never kept). */
    private static final VectorShuffle<Float> EVENS = VectorShuffle.fromOp(S, l -> 2 * l % L);

    private MaxPool2x2Vector() {
    }

    static void values(float[] x, float[] y, int h, int w, int oh, int ow, int q0, int q1) {
        int ohw = oh * ow;
        int end = q1 * ohw; // this range's outputs end here: whole-vector stores must not pass it
        for (int q = q0; q < q1; q++) {
            int base = q * h * w;
            int out = q * ohw;
            for (int r = 0; r < oh; r++) {
                int top = base + 2 * r * w;
                int bottom = top + w;
                int o = out + r * ow;
                int c = 0;
                // full-width loads may read past the row (into the next one): those lanes are never stored
                for (; c < ow && bottom + 2 * c + L <= x.length && o + c + L <= end; c += L / 2) {
                    FloatVector t = FloatVector.fromArray(S, x, top + 2 * c);
                    FloatVector b = FloatVector.fromArray(S, x, bottom + 2 * c);
                    FloatVector max = t;
                    FloatVector v = t.rearrange(NEXT);
                    max = max.blend(v, v.compare(VectorOperators.GT, max));
                    max = max.blend(b, b.compare(VectorOperators.GT, max));
                    v = b.rearrange(NEXT);
                    max = max.blend(v, v.compare(VectorOperators.GT, max));
                    max.rearrange(EVENS).intoArray(y, o + c);
                }
                // the last windows of the array or of the range, where a full load or store would run past its end
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
