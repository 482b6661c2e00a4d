package io.dot4j.core.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TensorTest {
    @Test
    void ofCopiesAndIndexesRowMajor() {
        float[] src = {1, 2, 3, 4, 5, 6};
        Tensor t = Tensor.of(src, 2, 3);
        src[0] = 99;
        assertEquals(1f, t.get(0, 0));
        assertEquals(6f, t.get(1, 2));
        assertEquals(4f, t.get(1, 0));
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertEquals(6, t.size());
        assertEquals(3, t.dim(-1));
    }

    @Test
    void wrongDataLengthIsAShapeError() {
        ShapeException e = assertThrows(ShapeException.class, () -> Tensor.of(new float[5], 2, 3));
        assertTrue(e.getMessage().contains("expected 6 values"), e.getMessage());
    }

    @Test
    void reshapeInfersMinusOneAndSharesData() {
        Tensor t = Tensor.zeros(2, 3, 4);
        Tensor r = t.reshape(-1, 4);
        assertArrayEquals(new int[] {6, 4}, r.shape());
        r.set(7f, 5, 3);
        assertEquals(7f, t.get(1, 2, 3));
        assertSame(t.data(), r.data());
        assertThrows(ShapeException.class, () -> t.reshape(5, -1));
        assertThrows(ShapeException.class, () -> t.reshape(-1, -1));
        assertThrows(ShapeException.class, () -> t.reshape(3, 3));
    }

    @Test
    void indexOutOfBoundsIsRejected() {
        Tensor t = Tensor.zeros(2, 2);
        assertThrows(IndexOutOfBoundsException.class, () -> t.get(2, 0));
        assertThrows(ShapeException.class, () -> t.get(0));
    }

    @Test
    void seededRandomIsReproducible() {
        Tensor a = Tensor.randn(new Rng(3), 4, 5);
        Tensor b = Tensor.randn(new Rng(3), 4, 5);
        Tensor c = Tensor.randn(new Rng(4), 4, 5);
        assertTrue(a.bitEquals(b));
        assertTrue(!a.bitEquals(c));
        Tensor u = Tensor.uniform(new Rng(1), -2f, 3f, 1000);
        for (float v : u.data()) {
            assertTrue(v >= -2f && v < 3f, "uniform value " + v);
        }
    }

    @Test
    void rngGaussianHasUnitMoments() {
        Rng rng = new Rng(11);
        double s = 0;
        double s2 = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double g = rng.nextGaussian();
            s += g;
            s2 += g * g;
        }
        assertEquals(0.0, s / n, 0.01);
        assertEquals(1.0, s2 / n, 0.01);
    }

    @Test
    void elementwiseHelpers() {
        Tensor a = Tensor.vector(1, 2, 3);
        Tensor b = Tensor.vector(4, 5, 6);
        assertArrayEquals(new float[] {5, 7, 9}, a.add(b).data());
        assertArrayEquals(new float[] {-3, -3, -3}, a.sub(b).data());
        assertArrayEquals(new float[] {4, 10, 18}, a.mul(b).data());
        assertArrayEquals(new float[] {2, 4, 6}, a.scale(2).data());
        assertEquals(6f, a.sum());
        a.axpyInPlace(2f, b);
        assertArrayEquals(new float[] {9, 12, 15}, a.data());
        assertThrows(ShapeException.class, () -> a.add(Tensor.zeros(2)));
        assertArrayEquals(new int[] {1, 0}, Tensor.of(new float[] {1, 5, 2, 9, 0, 3}, 2, 3).argmaxRows());
    }

    @Test
    void broadcastShapesAndErrors() {
        assertArrayEquals(new int[] {3, 4}, Shapes.broadcast("t", new int[] {3, 1}, new int[] {1, 4}));
        assertArrayEquals(new int[] {2, 3, 4}, Shapes.broadcast("t", new int[] {3, 4}, new int[] {2, 1, 1}));
        assertArrayEquals(new int[] {5}, Shapes.broadcast("t", new int[] {}, new int[] {5}));
        ShapeException e = assertThrows(ShapeException.class, () -> Shapes.broadcast("add", new int[] {3, 2}, new int[] {4}));
        assertEquals("add: expected broadcastable shapes (equal dims or 1, aligned from the right), actual [3, 2] and [4]",
                e.getMessage());
    }

    @Test
    void broadcastApplyMatchesNaiveLoops() {
        Tensor a = Tensor.randn(new Rng(1), 2, 3, 1, 5);
        Tensor b = Tensor.randn(new Rng(2), 3, 4, 1);
        Tensor c = Broadcast.apply("t", Broadcast.Op.SUB, a, b);
        assertArrayEquals(new int[] {2, 3, 4, 5}, c.shape());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    for (int l = 0; l < 5; l++) {
                        assertEquals(a.get(i, j, 0, l) - b.get(j, k, 0), c.get(i, j, k, l));
                    }
                }
            }
        }
        Tensor s = Broadcast.sumTo(c, new int[] {3, 1, 5});
        for (int j = 0; j < 3; j++) {
            for (int l = 0; l < 5; l++) {
                double e = 0;
                for (int i = 0; i < 2; i++) {
                    for (int k = 0; k < 4; k++) {
                        e += c.get(i, j, k, l);
                    }
                }
                assertEquals(e, s.get(j, 0, l), 1e-5);
            }
        }
    }
}
