package io.dot4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ReadOnlyBufferException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {

    // 3 images of 2 channels x 1 x 2
    private final byte[] pixels = {0, 1, 2, 3, 10, 11, 12, 13, (byte) 200, (byte) 255, 0, 7};
    private final int[] labels = {2, 0, 2};

    private Dataset data() {
        return Dataset.of("d", pixels, labels, 2, 1, 2, 3);
    }

    @Test
    void exposesShapeAndImages() {
        Dataset d = data();
        assertEquals(3, d.count());
        assertEquals(4, d.imageSize());
        assertEquals(List.of("0", "1", "2"), d.classNames());
        assertArrayEquals(new byte[]{10, 11, 12, 13}, d.image(1));
        assertEquals(255, d.pixel(2, 0, 0, 1));
        assertEquals(7, d.pixel(2, 1, 0, 1));
        assertEquals(2, d.label(2));
        float[] f = new float[5];
        d.imageAsFloats(2, f, 1);
        assertArrayEquals(new float[]{0, 200 / 255f, 1f, 0f, 7 / 255f}, f);
        byte[] dst = new byte[6];
        d.copyImage(0, dst, 2);
        assertArrayEquals(new byte[]{0, 0, 0, 1, 2, 3}, dst);
    }

    @Test
    void isImmutable() {
        Dataset d = data();
        pixels[0] = 99;
        labels[0] = 1;
        assertEquals(0, d.pixel(0, 0, 0, 0));
        assertEquals(2, d.label(0));
        d.image(0)[0] = 42;
        d.labels()[0] = 1;
        d.copyPixels()[0] = 42;
        assertEquals(0, d.pixel(0, 0, 0, 0));
        assertEquals(2, d.label(0));
        assertThrows(ReadOnlyBufferException.class, () -> d.pixels().put(0, (byte) 1));
    }

    @Test
    void slicesCountsAndMean() {
        Dataset d = data();
        Dataset s = d.slice(1, 3);
        assertEquals(2, s.count());
        assertArrayEquals(new int[]{0, 2}, s.labels());
        assertArrayEquals(new byte[]{(byte) 200, (byte) 255, 0, 7}, s.image(1));
        assertArrayEquals(new int[]{1, 0, 2}, d.classCounts());
        assertArrayEquals(new int[]{1, 0, 1}, s.classCounts());
        assertEquals((0 + 1 + 2 + 3 + 10 + 11 + 12 + 13 + 200 + 255 + 0 + 7) / 12.0, d.pixelMean(), 1e-12);
        assertEquals(0, d.slice(2, 2).count());
        assertThrows(IndexOutOfBoundsException.class, () -> d.slice(2, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> d.slice(2, 1));
    }

    @Test
    void equalityFollowsContent() {
        assertEquals(data(), data());
        assertEquals(data().hashCode(), data().hashCode());
        byte[] other = pixels.clone();
        other[5] = 0;
        assertNotEquals(data(), Dataset.of("d", other, labels, 2, 1, 2, 3));
        assertNotEquals(data(), data().withNames("e", List.of("a", "b", "c")));
    }

    @Test
    void rejectsInconsistentArguments() {
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of("d", new byte[11], labels, 2, 1, 2, 3));
        assertTrue(len.getMessage().contains("12 bytes, got 11"), len.getMessage());
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of("d", pixels, new int[]{0, 3, 1}, 2, 1, 2, 3));
        assertTrue(label.getMessage().contains("image 1") && label.getMessage().contains("got 3"),
                label.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dataset.of("d", pixels, labels, 0, 1, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> data().withNames("d", List.of("a")));
    }
}
