package io.dot4j.core.train;

/**
 * Random training-time augmentation of each image, drawn per image by {@link BatchIterator}.
 *
 * @param maxShift       shift by (dy, dx), each uniform in [-maxShift, maxShift], uncovered pixels 0
 * @param flipHorizontal mirror left-right with probability 1/2 (right for clothing, wrong for digits)
 */
public record Augmentation(int maxShift, boolean flipHorizontal) {
    public static final Augmentation NONE = new Augmentation(0, false);

    public Augmentation {
        if (maxShift < 0) {
            throw new IllegalArgumentException("augmentation: expected maxShift >= 0, actual " + maxShift);
        }
    }

    public static Augmentation shift(int maxShift) {
        return new Augmentation(maxShift, false);
    }

    public boolean isNone() {
        return maxShift == 0 && !flipHorizontal;
    }
}
