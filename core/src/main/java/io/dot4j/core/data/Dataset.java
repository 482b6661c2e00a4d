package io.dot4j.core.data;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable labelled image data set: unsigned 8-bit pixels in N x C x H x W row-major order, one label per image.
 *
 * <p>Pixels stay raw bytes (0..255, read with {@code & 0xFF}) because the integer runtime consumes exactly these;
 * trainers convert to floats per batch with {@link #imageAsFloats}. The pixel array is never exposed mutably:
 * {@link #pixels()} is a read-only view and {@link #image(int)} a copy.
 */
public final class Dataset {

    private final String name;
    private final byte[] pixels;
    private final int[] labels;
    private final int channels;
    private final int height;
    private final int width;
    private final int numClasses;
    private final List<String> classNames;

    private Dataset(String name, byte[] pixels, int[] labels, int channels, int height, int width,
                    int numClasses, List<String> classNames) {
        this.name = name;
        this.pixels = pixels;
        this.labels = labels;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.numClasses = numClasses;
        this.classNames = classNames;
    }

    /**
     * Builds a data set from copies of the given arrays, with class names "0", "1", ...
     *
     * @throws IllegalArgumentException if shapes, lengths or labels are inconsistent
     */
    public static Dataset of(String name, byte[] pixels, int[] labels, int channels, int height, int width,
                             int numClasses) {
        return of(name, pixels, labels, channels, height, width, defaultClassNames(numClasses));
    }

    /** Builds a data set from copies of the given arrays; the number of classes is {@code classNames.size()}. */
    public static Dataset of(String name, byte[] pixels, int[] labels, int channels, int height, int width,
                             List<String> classNames) {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        return wrap(name, pixels.clone(), labels.clone(), channels, height, width, classNames);
    }

    /** Builds a data set that takes ownership of the arrays (loaders hand over freshly made arrays, no copy). */
    static Dataset wrap(String name, byte[] pixels, int[] labels, int channels, int height, int width,
                        List<String> classNames) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(classNames, "classNames");
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape must be positive, got " + channels + "x" + height + "x"
                    + width + " (CxHxW)");
        }
        int numClasses = classNames.size();
        if (numClasses < 1) {
            throw new IllegalArgumentException("need at least one class, got none");
        }
        long imageSize = (long) channels * height * width;
        if ((long) labels.length * imageSize != pixels.length) {
            throw new IllegalArgumentException("pixels must hold " + labels.length + " images of " + channels + "x"
                    + height + "x" + width + " = " + labels.length * imageSize + " bytes, got " + pixels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label of image " + i + " must be in 0.." + (numClasses - 1)
                        + ", got " + labels[i]);
            }
        }
        return new Dataset(name, pixels, labels, channels, height, width, numClasses, List.copyOf(classNames));
    }

    /** "0", "1", ..., the class names of sets whose labels are just numbers. */
    public static List<String> defaultClassNames(int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
        }
        List<String> names = new ArrayList<>(numClasses);
        for (int i = 0; i < numClasses; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    public String name() {
        return name;
    }

    /** Number of images. */
    public int count() {
        return labels.length;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Bytes per image: channels x height x width. */
    public int imageSize() {
        return channels * height * width;
    }

    public int numClasses() {
        return numClasses;
    }

    /** Class names indexed by label (for an image folder: the sorted sub-folder names). */
    public List<String> classNames() {
        return classNames;
    }

    /** The same data under another name and/or with other class names (same count). */
    public Dataset withNames(String newName, List<String> newClassNames) {
        if (newClassNames.size() != numClasses) {
            throw new IllegalArgumentException("expected " + numClasses + " class names, got " + newClassNames.size());
        }
        return new Dataset(newName, pixels, labels, channels, height, width, numClasses, List.copyOf(newClassNames));
    }

    /**
     * The same images under another name with another list of class names, possibly of another length (every label
     * must still be below it); shares the arrays, which no one mutates.
     */
    public Dataset withClasses(String newName, List<String> newClassNames) {
        return wrap(newName, pixels, labels, channels, height, width, newClassNames);
    }

    /** The images at {@code indices}, in that order, as a new data set with copied arrays. */
    public Dataset subset(int[] indices) {
        int size = imageSize();
        byte[] p = new byte[Math.multiplyExact(indices.length, size)];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            Objects.checkIndex(indices[i], labels.length);
            System.arraycopy(pixels, indices[i] * size, p, i * size, size);
            l[i] = labels[indices[i]];
        }
        return new Dataset(name, p, l, channels, height, width, numClasses, classNames);
    }

    public int label(int image) {
        Objects.checkIndex(image, labels.length);
        return labels[image];
    }

    /** A copy of all labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** One pixel value, 0..255. */
    public int pixel(int image, int channel, int y, int x) {
        Objects.checkIndex(image, labels.length);
        Objects.checkIndex(channel, channels);
        Objects.checkIndex(y, height);
        Objects.checkIndex(x, width);
        return pixels[((image * channels + channel) * height + y) * width + x] & 0xFF;
    }

    /** A copy of one image's bytes (C x H x W). */
    public byte[] image(int image) {
        Objects.checkIndex(image, labels.length);
        int size = imageSize();
        return Arrays.copyOfRange(pixels, image * size, (image + 1) * size);
    }

    /** Copies one image's bytes into {@code dst} at {@code offset} (no allocation, for batch building). */
    public void copyImage(int image, byte[] dst, int offset) {
        Objects.checkIndex(image, labels.length);
        int size = imageSize();
        System.arraycopy(pixels, image * size, dst, offset, size);
    }

    /** Writes one image as floats scaled to [0, 1] (pixel / 255) into {@code dst} at {@code offset}. */
    public void imageAsFloats(int image, float[] dst, int offset) {
        Objects.checkIndex(image, labels.length);
        int size = imageSize();
        Objects.checkFromIndexSize(offset, size, dst.length);
        int base = image * size;
        for (int i = 0; i < size; i++) {
            dst[offset + i] = (pixels[base + i] & 0xFF) / 255f;
        }
    }

    /** A read-only view of all pixels (N x C x H x W); no copy. */
    public ByteBuffer pixels() {
        return ByteBuffer.wrap(pixels).asReadOnlyBuffer();
    }

    /** A copy of all pixels (N x C x H x W). */
    public byte[] copyPixels() {
        return pixels.clone();
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive), as a new data set with copied arrays. */
    public Dataset slice(int from, int to) {
        Objects.checkFromToIndex(from, to, labels.length);
        int size = imageSize();
        return new Dataset(name, Arrays.copyOfRange(pixels, from * size, to * size),
                Arrays.copyOfRange(labels, from, to), channels, height, width, numClasses, classNames);
    }

    /** How many images each class has, indexed by label. */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** Mean pixel value over all images and channels, in 0..255 (NaN for an empty set). */
    public double pixelMean() {
        long sum = 0;
        for (byte p : pixels) {
            sum += p & 0xFF;
        }
        return pixels.length == 0 ? Double.NaN : (double) sum / pixels.length;
    }

    /** Equal when name, shape, class names, labels and pixels are all equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d && name.equals(d.name) && channels == d.channels && height == d.height
                && width == d.width && classNames.equals(d.classNames) && Arrays.equals(labels, d.labels)
                && Arrays.equals(pixels, d.pixels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, channels, height, width, classNames, Arrays.hashCode(labels),
                Arrays.hashCode(pixels));
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ": " + count() + " images " + channels + "x" + height + "x" + width + ", "
                + numClasses + " classes]";
    }
}
