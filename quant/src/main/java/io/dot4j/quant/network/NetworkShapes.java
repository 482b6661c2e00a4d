package io.dot4j.quant.network;

import io.dot4j.runtime.limits.Footprint;
import io.dot4j.runtime.limits.ResourceLimits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link QuantizedNetwork} built from a {@link NetworkSpec} will cost and which weight shapes it will have,
 * from the spec alone: recipes, sweeps and checkpoints are sized and checked against {@link ResourceLimits} before
 * anything is built. Per layer, as {@link QuantizedNetwork#build} makes it: a convolution or hidden dense layer holds
 * its weights, optional bias, a batch norm (2 parameters and 2 buffers per channel) and, with PACT, one clip; its
 * forward pass keeps three float tensors per image (the layer's, the batch norm's and the activation's outputs).
 */
public final class NetworkShapes {
    private NetworkShapes() {
    }

    /** Each layer's footprint, in order (the input's two tensors, pixels and quantized pixels, count in the first). */
    public static List<Footprint> layers(NetworkSpec spec) {
        List<Footprint> out = new ArrayList<>();
        long c = spec.channels(), h = spec.height(), w = spec.width();
        long floats = Footprint.times(2, c, h, w);
        for (int i = 0; i < spec.layers().size(); i++) {
            boolean last = i == spec.layers().size() - 1;
            long params = 0, macs = 0, outputs;
            switch (spec.layers().get(i)) {
                case LayerSpec.Conv cv -> {
                    long fan = Footprint.times(c, cv.kernel(), cv.kernel());
                    h = (h + 2L * cv.pad() - cv.kernel()) / cv.stride() + 1;
                    w = (w + 2L * cv.pad() - cv.kernel()) / cv.stride() + 1;
                    c = cv.outChannels();
                    params = hidden(Footprint.times(c, fan), c, cv.bias(), cv.precision().pact());
                    macs = Footprint.times(c, h, w, fan);
                    outputs = Footprint.times(3, c, h, w);
                }
                case LayerSpec.MaxPool mp -> {
                    h = (h - mp.kernel()) / mp.stride() + 1;
                    w = (w - mp.kernel()) / mp.stride() + 1;
                    outputs = Footprint.times(c, h, w);
                }
                case LayerSpec.Flatten f -> {
                    c = Footprint.times(c, h, w);
                    h = 1;
                    w = 1;
                    outputs = 0; // a view
                }
                case LayerSpec.GlobalSumPool g -> {
                    h = 1;
                    w = 1;
                    outputs = c;
                }
                case LayerSpec.Dense d -> {
                    long in = Footprint.times(c, h, w);
                    c = d.outFeatures();
                    h = 1;
                    w = 1;
                    long weights = Footprint.times(c, in);
                    params = last ? Footprint.add(weights, d.bias() ? c : 0) : hidden(weights, c, d.bias(), d.precision().pact());
                    macs = weights;
                    outputs = last ? c : Footprint.times(3, c);
                }
            }
            out.add(new Footprint(params, Footprint.times(Footprint.add(floats, outputs), Float.BYTES), macs));
            floats = 0;
        }
        return out;
    }

    private static long hidden(long weights, long channels, boolean bias, boolean pact) {
        return Footprint.add(weights, Footprint.times(channels, bias ? 5 : 4) + (pact ? 1 : 0));
    }

    /** The whole network's footprint. */
    public static Footprint footprint(NetworkSpec spec) {
        Footprint total = Footprint.ZERO;
        for (Footprint f : layers(spec)) {
            total = total.plus(f);
        }
        return total;
    }

    /**
     * Refuses a network over a limit; the message names {@code source}, the layer that contributes most to the measure
     * over its limit ({@code layers[i]}) and both numbers.
     */
    public static void check(NetworkSpec spec, ResourceLimits limits, String source) {
        List<Footprint> layers = layers(spec);
        Footprint total = Footprint.ZERO;
        for (Footprint f : layers) {
            total = total.plus(f);
        }
        long[] totals = {total.parameters(), total.activationBytes(), total.macs()};
        long[] caps = {limits.parameters(), limits.activationBytes(), limits.macs()};
        for (int m = 0; m < 3; m++) {
            if (totals[m] > caps[m]) {
                int worst = 0;
                for (int i = 1; i < layers.size(); i++) {
                    if (measure(layers.get(i), m) > measure(layers.get(worst), m)) {
                        worst = i;
                    }
                }
                limits.check(total, source, "layers[" + worst + "] (the largest part)");
            }
        }
    }

    private static long measure(Footprint f, int m) {
        return m == 0 ? f.parameters() : m == 1 ? f.activationBytes() : f.macs();
    }

    /** The weight tensor of every convolution and dense layer ("conv1.W" -> [out, in, k, k], "fc1.W" -> [out, in]). */
    public static Map<String, long[]> weights(NetworkSpec spec) {
        return weights(spec, QuantizedNetwork.defaultNames(spec.layers()));
    }

    static Map<String, long[]> weights(NetworkSpec spec, List<String> names) {
        Map<String, long[]> out = new LinkedHashMap<>();
        long c = spec.channels(), h = spec.height(), w = spec.width();
        for (int i = 0; i < spec.layers().size(); i++) {
            switch (spec.layers().get(i)) {
                case LayerSpec.Conv cv -> {
                    out.put(names.get(i) + ".W", new long[] {cv.outChannels(), c, cv.kernel(), cv.kernel()});
                    h = (h + 2L * cv.pad() - cv.kernel()) / cv.stride() + 1;
                    w = (w + 2L * cv.pad() - cv.kernel()) / cv.stride() + 1;
                    c = cv.outChannels();
                }
                case LayerSpec.MaxPool mp -> {
                    h = (h - mp.kernel()) / mp.stride() + 1;
                    w = (w - mp.kernel()) / mp.stride() + 1;
                }
                case LayerSpec.Flatten f -> {
                    c = c * h * w;
                    h = 1;
                    w = 1;
                }
                case LayerSpec.GlobalSumPool g -> {
                    h = 1;
                    w = 1;
                }
                case LayerSpec.Dense d -> {
                    out.put(names.get(i) + ".W", new long[] {d.outFeatures(), c * h * w});
                    c = d.outFeatures();
                    h = 1;
                    w = 1;
                }
            }
        }
        return out;
    }
}
