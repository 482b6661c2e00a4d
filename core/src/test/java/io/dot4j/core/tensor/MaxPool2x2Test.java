package io.dot4j.core.tensor;

import io.dot4j.core.autograd.NoGrad;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MaxPool2x2Test {
    /** The general max pooling's scan with strict >, written out for one window. */
    private static float window(float[] x, int base, int w, int r, int c) {
        float max = x[base + 2 * r * w + 2 * c];
        float[] rest = {x[base + 2 * r * w + 2 * c + 1], x[base + (2 * r + 1) * w + 2 * c], x[base + (2 * r + 1) * w + 2 * c + 1]};
        for (float v : rest) {
            if (v > max) {
                max = v;
            }
        }
        return max;
    }

    @Test
    void vectorAndScalarKeepTheScanOrderIncludingNanAndSignedZeros() {
        Rng rng = new Rng(61);
        float[] specials = {Float.NaN, 0f, -0f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 1f, -1f};
        // h x w with odd sizes (last row/column dropped) and planes whose output is not a multiple of 16
        int[][] shapes = {{24, 24}, {8, 8}, {9, 11}, {2, 2}, {14, 30}};
        for (int[] s : shapes) {
            int h = s[0], w = s[1], oh = h / 2, ow = w / 2, planes = 3;
            float[] x = new float[planes * h * w];
            for (int i = 0; i < x.length; i++) {
                // mostly few distinct special values, so that ties, zeros of both signs and NaN meet in windows
                x[i] = rng.nextInt(3) == 0 ? (float) rng.nextGaussian() : specials[rng.nextInt(specials.length)];
            }
            float[] want = new float[planes * oh * ow];
            for (int q = 0; q < planes; q++) {
                for (int r = 0; r < oh; r++) {
                    for (int c = 0; c < ow; c++) {
                        want[(q * oh + r) * ow + c] = window(x, q * h * w, w, r, c);
                    }
                }
            }
            float[] scalar = new float[want.length];
            MaxPool2x2.scalar(x, scalar, h, w, oh, ow, 0, planes);
            assertBitsEqual(want, scalar, "scalar " + h + "x" + w);
            float[] any = new float[want.length];
            MaxPool2x2.values(x, any, h, w, oh, ow, 0, planes);
            assertBitsEqual(want, any, "dispatched " + h + "x" + w);
            if (GemmKernels.VECTOR) {
                float[] vector = new float[want.length];
                MaxPool2x2Vector.values(x, vector, h, w, oh, ow, 0, planes);
                assertBitsEqual(want, vector, "vector " + h + "x" + w);
            }
        }
    }

    @Test
    void inferenceMaxPoolingEqualsTheRecordedOne() {
        Tensor x = Tensor.randn(new Rng(62), 1f, 3, 5, 12, 13);
        float[] recorded = F.maxPool2d(new Variable(x), 2, 2, 0).data().data();
        float[] inference;
        try (NoGrad g = NoGrad.enter()) {
            inference = F.maxPool2d(new Variable(x), 2, 2, 0).data().data();
        }
        assertArrayEquals(recorded, inference);
    }

    private static void assertBitsEqual(float[] want, float[] got, String what) {
        for (int i = 0; i < want.length; i++) {
            assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]), what + " at " + i + ": " + want[i] + " vs " + got[i]);
        }
    }
}
