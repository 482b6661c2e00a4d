package io.dot4j.core.train;

import io.dot4j.core.data.Dataset;
import io.dot4j.core.tensor.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchIteratorTest {
    private static List<Batch> epoch(BatchIterator it) {
        List<Batch> out = new ArrayList<>();
        do {
            out.add(it.next());
        } while (!it.isNewEpoch());
        return out;
    }

    @Property(tries = 40)
    void everyImageExactlyOncePerEpochWithASmallerLastBatch(@ForAll @IntRange(min = 1, max = 40) int n,
                                                              @ForAll @IntRange(min = 1, max = 12) int batch,
                                                              @ForAll boolean shuffle) {
        Dataset d = TrainData.quadrants(n, 4, n);
        BatchIterator it = new BatchIterator(d, batch, shuffle, false, Normalization.UNIT, 0, 7);
        for (int e = 0; e < 3; e++) {
            List<Batch> bs = epoch(it);
            assertEquals(it.batchesPerEpoch(), bs.size());
            int[] seen = new int[n];
            for (int i = 0; i < bs.size(); i++) {
                Batch b = bs.get(i);
                int expectSize = i < bs.size() - 1 || n % batch == 0 ? batch : n % batch;
                assertEquals(expectSize, b.size(), "batch " + i);
                for (int k = 0; k < b.size(); k++) {
                    seen[b.indices()[k]]++;
                    assertEquals(d.label(b.indices()[k]), b.labels()[k]);
                }
            }
            int[] ones = new int[n];
            Arrays.fill(ones, 1);
            assertArrayEquals(ones, seen, "epoch " + e);
            assertEquals(e + 1, it.epoch());
        }
    }

    @Test
    void dropLastSkipsTheRemainder() {
        Dataset d = TrainData.quadrants(10, 4, 1);
        BatchIterator it = new BatchIterator(d, 4, true, true, Normalization.UNIT, 0, 3);
        List<Batch> bs = epoch(it);
        assertEquals(2, bs.size());
        assertEquals(8, it.imagesPerEpoch());
        bs.forEach(b -> assertEquals(4, b.size()));
        assertThrows(IllegalArgumentException.class, () -> new BatchIterator(d, 11, true, true, Normalization.UNIT, 0, 3));
    }

    @Test
    void shuffleIsSeededAndDiffersBetweenEpochs() {
        Dataset d = TrainData.quadrants(50, 4, 2);
        BatchIterator a = new BatchIterator(d, 50, true, false, Normalization.UNIT, 0, 11);
        BatchIterator b = new BatchIterator(d, 50, true, false, Normalization.UNIT, 0, 11);
        BatchIterator c = new BatchIterator(d, 50, true, false, Normalization.UNIT, 0, 12);
        int[] a1 = a.next().indices();
        int[] a2 = a.next().indices();
        assertArrayEquals(a1, b.next().indices());
        assertArrayEquals(a2, b.next().indices());
        assertFalse(Arrays.equals(a1, a2));
        assertFalse(Arrays.equals(a1, c.next().indices()));
        int[] inOrder = new BatchIterator(d, 50, false, false, Normalization.UNIT, 0, 11).next().indices();
        for (int i = 0; i < 50; i++) {
            assertEquals(i, inOrder[i]);
        }
    }

    @Test
    void normalizationMapsPixelsByTheFormula() {
        Dataset d = Dataset.of("px", new byte[] {0, (byte) 255, 51, (byte) 128}, new int[] {0}, 1, 2, 2, 1);
        Normalization n = new Normalization(0.5f, 0.25f);
        Tensor x = BatchIterator.sequential(d, 1, n).next().x();
        assertArrayEquals(new int[] {1, 1, 2, 2}, x.shape());
        assertArrayEquals(new float[] {(0f - 0.5f) / 0.25f, (1f - 0.5f) / 0.25f, (51 / 255f - 0.5f) / 0.25f, (128 / 255f - 0.5f) / 0.25f},
                x.data(), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> new Normalization(0f, 0f));
    }

    @Test
    void augmentationShiftsWithZeroFillKeepsShapesAndIsSeeded() {
        Dataset d = TrainData.quadrants(30, 8, 3);
        BatchIterator plain = new BatchIterator(d, 30, false, false, Normalization.UNIT, 0, 5);
        BatchIterator aug = new BatchIterator(d, 30, false, false, Normalization.UNIT, 2, 5);
        BatchIterator aug2 = new BatchIterator(d, 30, false, false, Normalization.UNIT, 2, 5);
        Tensor p = plain.next().x();
        Batch ab = aug.next();
        Tensor a = ab.x();
        assertArrayEquals(p.shape(), a.shape());
        assertTrue(a.bitEquals(aug2.next().x()), "same seed, same shifts");
        int shifted = 0;
        for (int i = 0; i < 30; i++) {
            // the augmented image must be the original moved by some (dy, dx) in [-2, 2]^2, with zeros filled in
            boolean found = false;
            for (int dy = -2; dy <= 2 && !found; dy++) {
                for (int dx = -2; dx <= 2 && !found; dx++) {
                    boolean ok = true;
                    for (int y = 0; y < 8 && ok; y++) {
                        for (int x = 0; x < 8 && ok; x++) {
                            int sy = y - dy;
                            int sx = x - dx;
                            float expect = sy >= 0 && sy < 8 && sx >= 0 && sx < 8 ? p.get(i, 0, sy, sx) : 0f;
                            ok = expect == a.get(i, 0, y, x);
                        }
                    }
                    if (ok) {
                        found = true;
                        shifted += dy != 0 || dx != 0 ? 1 : 0;
                    }
                }
            }
            assertTrue(found, "image " + i + " is not a shift of the original");
        }
        assertTrue(shifted > 15, "most images should move, moved " + shifted);
        // a different seed shifts differently
        assertFalse(a.bitEquals(new BatchIterator(d, 30, false, false, Normalization.UNIT, 2, 6).next().x()));
    }

    @Test
    void flipMirrorsAboutHalfTheImagesAndKeepsShiftOnlyDrawsUnchanged() {
        Dataset d = TrainData.quadrants(200, 8, 3);
        Tensor p = new BatchIterator(d, 200, false, false, Normalization.UNIT, Augmentation.NONE, 5).next().x();
        Tensor f = new BatchIterator(d, 200, false, false, Normalization.UNIT, new Augmentation(0, true), 5).next().x();
        int mirrored = 0;
        for (int i = 0; i < 200; i++) {
            boolean same = true;
            boolean mirror = true;
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    same &= f.get(i, 0, y, x) == p.get(i, 0, y, x);
                    mirror &= f.get(i, 0, y, x) == p.get(i, 0, y, 7 - x);
                }
            }
            assertTrue(same || mirror, "image " + i + " is neither the original nor its mirror image");
            // quadrant images are not left-right symmetric, so a mirrored one differs from the original
            mirrored += same ? 0 : 1;
        }
        assertTrue(mirrored > 70 && mirrored < 130, "about half should be mirrored, got " + mirrored + " of 200");
        // the flip draw comes after the shift draws: a shift-only iterator draws exactly as before
        Tensor viaRecord = new BatchIterator(d, 50, true, false, Normalization.UNIT, Augmentation.shift(2), 9).next().x();
        Tensor viaInt = new BatchIterator(d, 50, true, false, Normalization.UNIT, 2, 9).next().x();
        assertTrue(viaRecord.bitEquals(viaInt));
        assertThrows(IllegalArgumentException.class, () -> new Augmentation(-1, false));
    }

    @Test
    void restoringAStateMidEpochContinuesIdentically() {
        Dataset d = TrainData.quadrants(23, 6, 4);
        BatchIterator a = new BatchIterator(d, 5, true, false, Normalization.MNIST, 1, 9);
        for (int i = 0; i < 7; i++) {
            a.next(); // one epoch (5 batches) and two batches into the next
        }
        BatchIterator.State s = a.state();
        assertEquals(1, s.epoch());
        assertEquals(10, s.position());
        BatchIterator b = new BatchIterator(d, 5, true, false, Normalization.MNIST, 1, 9);
        b.restore(s);
        for (int i = 0; i < 12; i++) {
            Batch x = a.next();
            Batch y = b.next();
            assertArrayEquals(x.indices(), y.indices(), "batch " + i);
            assertTrue(x.x().bitEquals(y.x()), "batch " + i);
            assertEquals(a.isNewEpoch(), b.isNewEpoch());
        }
        assertEquals(a.epoch(), b.epoch());
    }
}
