package io.dot4j.runtime.ir;

/** The narrowest signed width a layer's integers are stored at: thresholds and biases are often small. */
final class StorageWidth {
    private StorageWidth() {
    }

    /** 1, 2 or 4: the fewest bytes that hold every value as a signed two's-complement integer (1 if there are none). */
    static int narrowest(int[] values) {
        int min = 0, max = 0;
        for (int v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (min >= Byte.MIN_VALUE && max <= Byte.MAX_VALUE) {
            return 1;
        }
        if (min >= Short.MIN_VALUE && max <= Short.MAX_VALUE) {
            return 2;
        }
        return 4;
    }
}
