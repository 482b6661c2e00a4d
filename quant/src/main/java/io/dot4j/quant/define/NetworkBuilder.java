package io.dot4j.quant.define;

import io.dot4j.quant.layers.Precision;
import io.dot4j.quant.network.LayerSpec;
import io.dot4j.quant.network.NetworkSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Defines a quantized network in Java, layer by layer, the way a recipe's {@code "layers"} list does (and checked by
 * the same {@link NetworkSpec} rules, naming the layer that does not fit):
 * <pre>{@code
 * NetworkSpec net = NetworkBuilder.input(1, 8, 8).precision("w1a2")
 *         .conv(16, 3).pad(1).maxPool(2)
 *         .conv(32, 3).pad(1).precision("w2a2").maxPool(2)   // this layer at 2-bit weights
 *         .flatten()
 *         .dense(10)
 *         .build();
 * }</pre>
 * {@link #precision} before any layer sets the default; after a conv or dense it sets that layer's own. A conv or
 * hidden dense is followed by batch norm and its k-bit activation; the last layer must be dense (the class scores)
 * and has a bias unless said otherwise ({@code Precision.parse("w8a8").withScaling(Scaling.PER_TENSOR)} gives one
 * weight scale per tensor). Instances are mutable builders, not shared between threads.
 */
public final class NetworkBuilder {
    private final int channels;
    private final int height;
    private final int width;
    private Precision defaultPrecision = Precision.parse("w1a2");
    private final List<LayerSpec> layers = new ArrayList<>();
    /** The layer the layer-level setters apply to (the last conv or dense), or null. */
    private Integer open;
    /** Layers whose bias was set explicitly. */
    private final java.util.Set<Integer> biasSet = new java.util.HashSet<>();

    private NetworkBuilder(int channels, int height, int width) {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("input: expected positive channels, height and width, got " + channels + "x"
                    + height + "x" + width);
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /** Starts a network on C x H x W 8-bit images. */
    public static NetworkBuilder input(int channels, int height, int width) {
        return new NetworkBuilder(channels, height, width);
    }

    /** A precision by name ("w1a2", "wta2", "w8a8": weights 1, t or 2..8 bits; activations 1..8 bits). */
    public NetworkBuilder precision(String name) {
        return precision(Precision.parse(name));
    }

    /** Before any layer: the default of every layer; after a conv or dense: that layer's own precision. */
    public NetworkBuilder precision(Precision p) {
        if (open == null) {
            if (!layers.isEmpty()) {
                throw new IllegalStateException("precision: give it right after a conv or dense layer, or before the first"
                        + " layer for the default; the last layer is " + layers.getLast());
            }
            defaultPrecision = p;
            return this;
        }
        return replace(switch (layers.get(open)) {
            case LayerSpec.Conv c -> new LayerSpec.Conv(c.outChannels(), c.kernel(), c.stride(), c.pad(), c.bias(),
                    p);
            case LayerSpec.Dense d -> new LayerSpec.Dense(d.outFeatures(), d.bias(), p);
            default -> throw new IllegalStateException("not a weight layer");
        });
    }

    /** A convolution with a square kernel, stride 1, no padding, no bias. */
    public NetworkBuilder conv(int outChannels, int kernel) {
        layers.add(new LayerSpec.Conv(outChannels, kernel, 1, 0, false, defaultPrecision));
        open = layers.size() - 1;
        return this;
    }

    /** The stride of the convolution just added. */
    public NetworkBuilder stride(int stride) {
        LayerSpec.Conv c = openConv("stride");
        return replace(new LayerSpec.Conv(c.outChannels(), c.kernel(), stride, c.pad(), c.bias(), c.precision()));
    }

    /** The zero padding of the convolution just added. */
    public NetworkBuilder pad(int pad) {
        LayerSpec.Conv c = openConv("pad");
        return replace(new LayerSpec.Conv(c.outChannels(), c.kernel(), c.stride(), pad, c.bias(), c.precision()));
    }

    /** Max pooling over kernel x kernel windows with stride kernel. */
    public NetworkBuilder maxPool(int kernel) {
        return maxPool(kernel, kernel);
    }

    public NetworkBuilder maxPool(int kernel, int stride) {
        layers.add(new LayerSpec.MaxPool(kernel, stride));
        open = null;
        return this;
    }

    /** [C, H, W] to [C*H*W]. */
    public NetworkBuilder flatten() {
        layers.add(new LayerSpec.Flatten());
        open = null;
        return this;
    }

    /** The per-channel sum over all positions. */
    public NetworkBuilder sumPool() {
        layers.add(new LayerSpec.GlobalSumPool());
        open = null;
        return this;
    }

    /** A dense layer; the last one gives the class scores. */
    public NetworkBuilder dense(int outFeatures) {
        layers.add(new LayerSpec.Dense(outFeatures, false, defaultPrecision));
        open = layers.size() - 1;
        return this;
    }

    /** Whether the conv or dense layer just added has a bias (default: only the last layer). */
    public NetworkBuilder bias(boolean bias) {
        if (open == null) {
            throw new IllegalStateException("bias: give it right after a conv or dense layer");
        }
        LayerSpec l = layers.get(open);
        biasSet.add(open);
        return replace(switch (l) {
            case LayerSpec.Conv c -> new LayerSpec.Conv(c.outChannels(), c.kernel(), c.stride(), c.pad(), bias, c.precision());
            case LayerSpec.Dense d -> new LayerSpec.Dense(d.outFeatures(), bias, d.precision());
            default -> throw new IllegalStateException("not a weight layer");
        });
    }

    /**
     * The checked network (as a recipe's layer list: the last dense layer has a bias unless {@link #bias}(false)).
     *
     * @throws IllegalArgumentException naming the first layer that does not fit ("network: layers[3]: ...")
     */
    public NetworkSpec build() {
        List<LayerSpec> out = new ArrayList<>(layers);
        if (!out.isEmpty() && out.getLast() instanceof LayerSpec.Dense d && !biasSet.contains(out.size() - 1)) {
            out.set(out.size() - 1, new LayerSpec.Dense(d.outFeatures(), true, d.precision()));
        }
        return new NetworkSpec(channels, height, width, out);
    }

    private LayerSpec.Conv openConv(String what) {
        if (open == null || !(layers.get(open) instanceof LayerSpec.Conv c)) {
            throw new IllegalStateException(what + ": give it right after a conv layer");
        }
        return c;
    }

    private NetworkBuilder replace(LayerSpec l) {
        layers.set(open, l);
        return this;
    }
}
