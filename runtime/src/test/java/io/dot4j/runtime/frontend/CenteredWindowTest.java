package io.dot4j.runtime.frontend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class CenteredWindowTest {

    @Test
    void padsAShortRecordingOnBothSides() {
        assertArrayEquals(new short[] {0, 1, 2, 3, 0, 0}, CenteredWindow.of(new short[] {1, 2, 3}, 6));
        assertArrayEquals(new short[] {0, 1, 2, 0}, CenteredWindow.of(new short[] {1, 2}, 4));
    }

    @Test
    void cutsALongRecordingToItsMiddle() {
        assertArrayEquals(new short[] {3, 4}, CenteredWindow.of(new short[] {1, 2, 3, 4, 5, 6}, 2));
        assertArrayEquals(new short[] {3, 4}, CenteredWindow.of(new short[] {1, 2, 3, 4, 5}, 2));
        assertArrayEquals(new short[] {1, 2}, CenteredWindow.of(new short[] {1, 2}, 2));
    }
}
