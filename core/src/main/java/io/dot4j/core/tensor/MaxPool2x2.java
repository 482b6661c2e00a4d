package io.dot4j.core.tensor;

/**
 * Values of a 2x2 max pooling with stride 2 and no padding over planes [q0, q1) of x (each h x w, output oh x ow):
 * {@code max = x00; max = x01 > max ? x01 : max; max = x10 > max ? ...; ... x11}, the scan order and strict
 * comparison of the general max pooling, so the same bits (NaN only when it comes first, the first of equal zeros).
 *
 * <p>The vector kernel exists because C2 compiles these selects to branches, which on real activations mispredict
 * about half the time (4 ns per input); compare-and-blend has no branches.
 */
public final class MaxPool2x2 {
    private MaxPool2x2() {
    }

    public static void values(float[] x, float[] y, int h, int w, int oh, int ow, int q0, int q1) {
        if (GemmKernels.VECTOR && ow >= 4) {
            MaxPool2x2Vector.values(x, y, h, w, oh, ow, q0, q1);
        } else {
            scalar(x, y, h, w, oh, ow, q0, q1);
        }
    }

    static void scalar(float[] x, float[] y, int h, int w, int oh, int ow, int q0, int q1) {
        for (int q = q0; q < q1; q++) {
            int base = q * h * w;
            int o = q * oh * ow;
            for (int r = 0; r < oh; r++) {
                int top = base + 2 * r * w;
                int bottom = top + w;
                for (int c = 0; c < ow; c++, o++) {
                    float max = x[top + 2 * c];
                    float v = x[top + 2 * c + 1];
                    max = v > max ? v : max;
                    v = x[bottom + 2 * c];
                    max = v > max ? v : max;
                    v = x[bottom + 2 * c + 1];
                    y[o] = v > max ? v : max;
                }
            }
        }
    }
}
