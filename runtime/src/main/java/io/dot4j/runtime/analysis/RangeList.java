package io.dot4j.runtime.analysis;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * An immutable list of ranges stored as two long arrays (16 bytes per range instead of an object each), so that a
 * layer with millions of output channels costs its analysis no more than a few arrays.
 */
final class RangeList extends AbstractList<ValueRange> implements RandomAccess {
    private final long[] min, max;

    private RangeList(long[] min, long[] max) {
        this.min = min;
        this.max = max;
    }

    @Override
    public ValueRange get(int i) {
        return new ValueRange(min[i], max[i]);
    }

    @Override
    public int size() {
        return min.length;
    }

    /** Fills a list of {@code size} ranges, then {@link #build()}s it once. */
    static final class Builder {
        private final long[] min, max;

        Builder(int size) {
            min = new long[size];
            max = new long[size];
        }

        void set(int i, long lo, long hi) {
            if (lo > hi) {
                throw new IllegalArgumentException("range [" + lo + ", " + hi + "] is empty: expected min <= max");
            }
            min[i] = lo;
            max[i] = hi;
        }

        RangeList build() {
            return new RangeList(min, max);
        }
    }
}
