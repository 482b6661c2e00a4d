package io.dot4j.core.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GemmKernelsTest {
    @Test
    void tileRowsCoverEveryRowCountWithoutOverrun() {
        for (int m = 1; m <= 100; m++) {
            int done = 0;
            while (done < m) {
                int r = GemmKernels.tileRows(m - done);
                assertTrue(r >= 1 && r <= GemmKernels.MR && r <= m - done, "m=" + m + " at " + done + ": " + r);
                done += r;
            }
            assertEquals(m, done);
        }
    }

    /** One tile by the plain fma loop: the contract both kernels implement. */
    private static void reference(int rows, int kc, float[] a, int aOff, int ai, int ap, float[] b, int bOff, int bs, float[] c,
                                  int cOff, int ldc, int w, boolean load) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < w; j++) {
                float s = load ? c[cOff + r * ldc + j] : 0f;
                for (int p = 0; p < kc; p++) {
                    s = Math.fma(a[aOff + r * ai + p * ap], b[bOff + p * bs + j], s);
                }
                c[cOff + r * ldc + j] = s;
            }
        }
    }

    @Test
    void scalarAndVectorTilesEqualThePlainFmaLoopBitForBit() {
        Rng rng = new Rng(31);
        int nr = GemmKernels.NR;
        for (int rows = 1; rows <= GemmKernels.MR; rows++) {
            for (int kc : new int[] {1, 7, 40}) {
                for (int bs : new int[] {nr, nr + 13}) {
                    for (boolean load : new boolean[] {false, true}) {
                        int ldc = nr + 5;
                        int ai = kc + 3;
                        float[] a = Tensor.randn(rng, 1f, 2 + rows * ai).data();
                        float[] b = Tensor.randn(rng, 1f, 3 + kc * bs + nr).data();
                        float[] c0 = Tensor.randn(rng, 1f, 4 + rows * ldc).data();
                        float[] expected = c0.clone();
                        reference(rows, kc, a, 2, ai, 1, b, 3, bs, expected, 4, ldc, nr, load);
                        float[] scalar = c0.clone();
                        GemmKernels.scalarTile(rows, kc, a, 2, ai, 1, b, 3, bs, scalar, 4, ldc, nr, load);
                        String where = "rows=" + rows + " kc=" + kc + " bs=" + bs + " load=" + load;
                        assertArrayEquals(expected, scalar, "scalar " + where);
                        if (GemmKernels.VECTOR) {
                            float[] vector = c0.clone();
                            GemmVectorKernels.tile(rows, kc, a, 2, ai, 1, b, 3, bs, vector, 4, ldc, load);
                            assertArrayEquals(expected, vector, "vector " + where);
                        }
                    }
                }
            }
        }
    }

    @Test
    void testJvmRunsTheVectorKernelAtEveryWidth() {
        // surefire adds the module; the vector kernel then runs at 512, 256 and 128 bits alike
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "tests must run with --add-modules jdk.incubator.vector (see the root pom's surefire argLine)");
        assertTrue(GemmKernels.VECTOR, "the vector kernel is off at " + FloatWidth.BITS + " bits");
    }
}
