package io.dot4j.core.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link MaxPool2x2} with 16 outputs at a time: each output's top-left input is found through a table of offsets
 * within the plane, the four window inputs are gathered at +0, +1, +w, +w+1, and the strict comparisons become
 * blends in the same order.
 */
final class MaxPool2x2Vector {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final int L = 16;

    private MaxPool2x2Vector() {
    }

    static void values(float[] x, float[] y, int h, int w, int oh, int ow, int q0, int q1) {
        int ohw = oh * ow;
        int[] at = new int[ohw + L]; // padded so that the last, masked gather reads a full table
        for (int o = 0; o < ohw; o++) {
            at[o] = 2 * (o / ow) * w + 2 * (o % ow);
        }
        int full = ohw - ohw % L;
        VectorMask<Float> tail = S.indexInRange(full, ohw);
        for (int q = q0; q < q1; q++) {
            int base = q * h * w;
            int out = q * ohw;
            for (int o = 0; o < full; o += L) {
                FloatVector max = FloatVector.fromArray(S, x, base, at, o);
                FloatVector v = FloatVector.fromArray(S, x, base + 1, at, o);
                max = max.blend(v, v.compare(VectorOperators.GT, max));
                v = FloatVector.fromArray(S, x, base + w, at, o);
                max = max.blend(v, v.compare(VectorOperators.GT, max));
                v = FloatVector.fromArray(S, x, base + w + 1, at, o);
                max.blend(v, v.compare(VectorOperators.GT, max)).intoArray(y, out + o);
            }
            if (full < ohw) {
                FloatVector max = FloatVector.fromArray(S, x, base, at, full, tail);
                FloatVector v = FloatVector.fromArray(S, x, base + 1, at, full, tail);
                max = max.blend(v, v.compare(VectorOperators.GT, max));
                v = FloatVector.fromArray(S, x, base + w, at, full, tail);
                max = max.blend(v, v.compare(VectorOperators.GT, max));
                v = FloatVector.fromArray(S, x, base + w + 1, at, full, tail);
                max.blend(v, v.compare(VectorOperators.GT, max)).intoArray(y, out + full, tail);
            }
        }
    }
}
