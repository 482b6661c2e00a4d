package io.dot4j.runtime.ir;

/**
 * What flows between two layers: a shape plus what the integers mean.
 * {@link Kind#LEVELS} are unsigned activation levels in {@code 0 .. 2^bits - 1} (pixels are 8-bit levels);
 * {@link Kind#ACCUMULATORS} are signed 32-bit sums produced by a conv or dense layer.
 */
public record TensorType(Shape shape, Kind kind, int bits) {

    public enum Kind { LEVELS, ACCUMULATORS }

    public TensorType {
        if (shape == null || kind == null) {
            throw new IllegalArgumentException("shape and kind are required");
        }
        if (kind == Kind.ACCUMULATORS && bits != 32) {
            throw new IllegalArgumentException("accumulators are 32-bit, got bits = " + bits);
        }
        if (kind == Kind.LEVELS && (bits < 1 || bits > 31)) {
            throw new IllegalArgumentException("levels need 1..31 bits, got " + bits);
        }
    }

    public static TensorType levels(Shape shape, int bits) {
        return new TensorType(shape, Kind.LEVELS, bits);
    }

    public static TensorType accumulators(Shape shape) {
        return new TensorType(shape, Kind.ACCUMULATORS, 32);
    }

    public boolean isLevels() {
        return kind == Kind.LEVELS;
    }

    /** Largest value a level can take ({@code 2^bits - 1}); only meaningful for levels. */
    public long maxLevel() {
        return (1L << bits) - 1;
    }

    /** Bytes to hold this tensor on a device: levels packed at {@code bits} bits each, accumulators 4 bytes each. */
    public long storageBytes() {
        long n = shape.elements();
        return kind == Kind.ACCUMULATORS ? 4 * n : (n * bits + 7) / 8;
    }

    @Override
    public String toString() {
        return shape + (kind == Kind.LEVELS ? " u" + bits + " levels" : " int32 accumulators");
    }
}
