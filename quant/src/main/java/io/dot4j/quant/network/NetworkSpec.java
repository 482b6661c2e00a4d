package io.dot4j.quant.network;

import io.dot4j.quant.layers.Precision;

import java.util.List;
import java.util.Objects;

/**
 * A network the integer runtime can run: an input of C x H x W 8-bit pixels and a sequence of layers
 * (conv -> [maxpool] ...) -> flatten or global sum pool -> dense ... -> final dense (the scores).
 * {@link #check()} reports the first entry that cannot follow the previous ones, by index.
 */
public record NetworkSpec(int channels, int height, int width, List<LayerSpec> layers) {
    public NetworkSpec {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("network: expected an input of at least 1x1x1, actual " + channels + "x" + height
                    + "x" + width);
        }
        layers = List.copyOf(Objects.requireNonNull(layers, "layers"));
        check(channels, height, width, layers);
    }

    /** Number of classes: the last dense layer's outputs. */
    public int numClasses() {
        return ((LayerSpec.Dense) layers.getLast()).outFeatures();
    }

    /**
     * The first difference from {@code other} in anything but precision (input shape, layer kinds, sizes), as a
     * message, or null when the two have the same structure (so one's parameters fit the other).
     */
    public String structureDifference(NetworkSpec other) {
        if (channels != other.channels || height != other.height || width != other.width) {
            return "input " + channels + "x" + height + "x" + width + " vs " + other.channels + "x" + other.height + "x" + other.width;
        }
        if (layers.size() != other.layers.size()) {
            return layers.size() + " layers vs " + other.layers.size();
        }
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec a = withoutPrecision(layers.get(i)), b = withoutPrecision(other.layers.get(i));
            if (!a.equals(b)) {
                return "layers[" + i + "]: " + a + " vs " + b;
            }
        }
        return null;
    }

    /** Stands in for every layer's precision when only the structure is compared. */
    private static final Precision ANY_PRECISION = Precision.parse("w8a8");

    private static LayerSpec withoutPrecision(LayerSpec l) {
        return switch (l) {
            case LayerSpec.Conv c -> new LayerSpec.Conv(c.outChannels(), c.kernel(), c.stride(), c.pad(), c.bias(), ANY_PRECISION);
            case LayerSpec.Dense d -> new LayerSpec.Dense(d.outFeatures(), d.bias(), ANY_PRECISION);
            default -> l;
        };
    }

    private static void check(int c, int h, int w, List<LayerSpec> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("network: expected at least one layer (the final dense), actual none");
        }
        if (!(layers.getLast() instanceof LayerSpec.Dense)) {
            throw new IllegalArgumentException("network: layers[" + (layers.size() - 1) + "]: the last layer must be dense (the "
                    + "scores), actual " + layers.getLast());
        }
        boolean spatial = true; // still [C, H, W] with H, W meaningful
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            String at = "network: layers[" + i + "]: ";
            switch (l) {
                case LayerSpec.Conv cv -> {
                    if (!spatial) {
                        throw new IllegalArgumentException(at + "a convolution needs a spatial input, but it follows a flatten, "
                                + "global sum pool or dense layer");
                    }
                    int oh = (h + 2 * cv.pad() - cv.kernel()) / cv.stride() + 1;
                    int ow = (w + 2 * cv.pad() - cv.kernel()) / cv.stride() + 1;
                    if (h + 2 * cv.pad() < cv.kernel() || w + 2 * cv.pad() < cv.kernel()) {
                        throw new IllegalArgumentException(at + "kernel " + cv.kernel() + " exceeds the padded input " + h + "x" + w
                                + " (pad " + cv.pad() + ")");
                    }
                    c = cv.outChannels();
                    h = oh;
                    w = ow;
                }
                case LayerSpec.MaxPool mp -> {
                    if (!spatial) {
                        throw new IllegalArgumentException(at + "max pooling needs a spatial input");
                    }
                    if (mp.kernel() > h || mp.kernel() > w) {
                        throw new IllegalArgumentException(at + "pooling kernel " + mp.kernel() + " exceeds the input " + h + "x" + w);
                    }
                    h = (h - mp.kernel()) / mp.stride() + 1;
                    w = (w - mp.kernel()) / mp.stride() + 1;
                }
                case LayerSpec.Flatten f -> {
                    c = c * h * w;
                    h = 1;
                    w = 1;
                    spatial = false;
                }
                case LayerSpec.GlobalSumPool g -> {
                    if (!spatial) {
                        throw new IllegalArgumentException(at + "global sum pooling needs a spatial input");
                    }
                    h = 1;
                    w = 1;
                    spatial = false;
                }
                case LayerSpec.Dense d -> {
                    c = d.outFeatures();
                    h = 1;
                    w = 1;
                    spatial = false;
                }
            }
            if ((long) c * h * w > (1L << 28)) {
                throw new IllegalArgumentException(at + "the output has more than 2^28 elements");
            }
        }
    }
}
