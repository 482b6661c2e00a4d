package io.dot4j.runtime.ir;

/**
 * The shape of one tensor: channels, height, width. Buffers are always laid out channel-last (HWC):
 * element (c, y, x) sits at index {@code (y * width + x) * channels + c}. Channel-last keeps the
 * receptive field of a convolution (ky, kx, c) contiguous, which is the order weights are packed in.
 */
public record Shape(int channels, int height, int width) {

    public Shape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("shape (C,H,W) must be positive, got " + describe(channels, height, width));
        }
        long n = (long) channels * height * width;
        if (n > Limits.MAX_TENSOR_ELEMENTS) {
            throw new IllegalArgumentException("shape " + describe(channels, height, width) + " has " + n
                    + " elements, expected at most " + Limits.MAX_TENSOR_ELEMENTS);
        }
    }

    /** Number of elements, C*H*W (always fits an int, see {@link Limits#MAX_TENSOR_ELEMENTS}). */
    public int elements() {
        return channels * height * width;
    }

    /** Index of element (c, y, x) in a channel-last buffer. */
    public int index(int c, int y, int x) {
        return (y * width + x) * channels + c;
    }

    @Override
    public String toString() {
        return describe(channels, height, width);
    }

    private static String describe(int c, int h, int w) {
        return "(" + c + "," + h + "," + w + ")";
    }
}
