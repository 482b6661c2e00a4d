package io.dot4j.quant.network;

import io.dot4j.core.autograd.NoGrad;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.nn.Activation;
import io.dot4j.core.nn.BatchNorm;
import io.dot4j.core.nn.Conv2d;
import io.dot4j.core.nn.Dropout;
import io.dot4j.core.nn.Flatten;
import io.dot4j.core.nn.Linear;
import io.dot4j.core.nn.MaxPool2d;
import io.dot4j.core.nn.Module;
import io.dot4j.core.nn.Sequential;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import io.dot4j.quant.layers.GlobalSumPool;
import io.dot4j.quant.layers.Precision;
import io.dot4j.quant.layers.QuantActivation;
import io.dot4j.quant.layers.QuantConv2d;
import io.dot4j.quant.layers.QuantLinear;

import io.dot4j.quant.quantizers.InputQuantizer;
import io.dot4j.quant.quantizers.Scaling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * A quantization-aware network the integer runtime can run, built from a {@link NetworkSpec}: the input goes through
 * the 8-bit {@link InputQuantizer}, then every convolution and hidden dense layer is followed by a
 * {@link BatchNorm} ("&lt;name&gt;_bn") and a {@link QuantActivation} ("&lt;name&gt;_act"); max pooling comes after the
 * activation; the last dense layer gives the scores (one weight scale, bias on the integer grid). The input is
 * pixels / 255 as [N, C, H, W].
 *
 * <p>Stages are the children in forward order; {@code io.dot4j.quant.lowering.Lowering} turns them into an IntModel.
 */
public final class QuantizedNetwork extends Module {
    private final int channels;
    private final int height;
    private final int width;
    private final List<String> order = new ArrayList<>();

    private QuantizedNetwork(int channels, int height, int width) {
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /** A freshly initialized network (He weights, identity batch norms) with names conv1, pool1, fc1, ... */
    public static QuantizedNetwork build(NetworkSpec spec, Rng rng) {
        return build(spec, defaultNames(spec.layers()), rng);
    }

    /** Default names: conv1, conv2, ..., pool1, ..., flatten, sumpool, fc1, ... */
    static List<String> defaultNames(List<LayerSpec> layers) {
        List<String> names = new ArrayList<>();
        int conv = 0, pool = 0, fc = 0, flat = 0, sum = 0;
        for (LayerSpec l : layers) {
            names.add(switch (l) {
                case LayerSpec.Conv c -> "conv" + ++conv;
                case LayerSpec.MaxPool p -> "pool" + ++pool;
                case LayerSpec.Flatten f -> ++flat == 1 ? "flatten" : "flatten" + flat;
                case LayerSpec.GlobalSumPool g -> ++sum == 1 ? "sumpool" : "sumpool" + sum;
                case LayerSpec.Dense d -> "fc" + ++fc;
            });
        }
        return names;
    }

    static QuantizedNetwork build(NetworkSpec spec, List<String> names, Rng rng) {
        QuantizedNetwork net = new QuantizedNetwork(spec.channels(), spec.height(), spec.width());
        int c = spec.channels(), h = spec.height(), w = spec.width();
        double inputStep = 1.0 / InputQuantizer.LEVELS;
        DoubleSupplier step = () -> inputStep;
        List<LayerSpec> layers = spec.layers();
        for (int i = 0; i < layers.size(); i++) {
            String name = names.get(i);
            boolean last = i == layers.size() - 1;
            switch (layers.get(i)) {
                case LayerSpec.Conv cv -> {
                    net.add(name, new QuantConv2d(c, cv.outChannels(), cv.kernel(), cv.stride(), cv.pad(), cv.bias(),
                            cv.precision().weightQuantizer(), rng));
                    h = (h + 2 * cv.pad() - cv.kernel()) / cv.stride() + 1;
                    w = (w + 2 * cv.pad() - cv.kernel()) / cv.stride() + 1;
                    c = cv.outChannels();
                    net.add(name + "_bn", new BatchNorm(c));
                    QuantActivation act = QuantActivation.of(cv.precision());
                    net.add(name + "_act", act);
                    step = () -> act.step();
                }
                case LayerSpec.MaxPool mp -> {
                    net.add(name, new MaxPool2d(mp.kernel(), mp.stride(), 0));
                    h = (h - mp.kernel()) / mp.stride() + 1;
                    w = (w - mp.kernel()) / mp.stride() + 1;
                }
                case LayerSpec.Flatten f -> {
                    net.add(name, new Flatten());
                    c = c * h * w;
                    h = 1;
                    w = 1;
                }
                case LayerSpec.GlobalSumPool g -> {
                    net.add(name, new GlobalSumPool());
                    h = 1;
                    w = 1;
                }
                case LayerSpec.Dense d -> {
                    int in = c * h * w;
                    if (last) {
                        QuantLinear fc = new QuantLinear(in, d.outFeatures(), d.bias(),
                                d.precision().weightQuantizer().withScaling(Scaling.PER_TENSOR), rng);
                        fc.setBiasGrid(step);
                        net.add(name, fc);
                    } else {
                        net.add(name, new QuantLinear(in, d.outFeatures(), d.bias(), d.precision().weightQuantizer(), rng));
                        net.add(name + "_bn", new BatchNorm(d.outFeatures()));
                        QuantActivation act = QuantActivation.of(d.precision());
                        net.add(name + "_act", act);
                        step = () -> act.step();
                    }
                    c = d.outFeatures();
                    h = 1;
                    w = 1;
                }
            }
        }
        return net;
    }

    private void add(String name, Module m) {
        addChild(name, m);
        order.add(name);
    }

    /**
     * The quantized twin of a float {@link Sequential} made of Conv2d, MaxPool2d (no padding), Flatten, Linear,
     * relu activations and dropout (such as the zoo's lenet5 and lenet300), for 1x28x28 inputs, with
     * {@code Precision.parse("w1a2")} everywhere: see {@link #fromFloat(Module, int, int, int, Precision, Map)}.
     */
    public static QuantizedNetwork fromFloat(Module floatNet) {
        return fromFloat(floatNet, 1, 28, 28, Precision.parse("w1a2"), Map.of());
    }

    /**
     * The quantized twin of a float {@link Sequential}, with copies of its float weights and biases (same layer names,
     * so also the same parameter paths) to fine-tune from.
     * <ul>
     *   <li>each Conv2d and each Linear but the last gets a BatchNorm and a QuantActivation after it (the float lenet5
     *   has neither: its convolutions feed the pooling directly). The batch norms start as the identity; call
     *   {@link #calibrateBatchNorm} with a batch to start them from batch statistics;</li>
     *   <li>relu activations are dropped (the activation quantizer clips at 0 itself), dropout is dropped, other
     *   activations are refused;</li>
     *   <li>a max pooling that followed a convolution now follows its activation (pooling on levels).</li>
     * </ul>
     *
     * @param precision default precision of every layer; the last layer always gets one weight scale per tensor
     * @param overrides precision by float layer name (e.g. "conv1" -> 8-bit weights)
     */
    public static QuantizedNetwork fromFloat(Module floatNet, int channels, int height, int width, Precision precision,
                                             Map<String, Precision> overrides) {
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(overrides, "overrides");
        if (!(floatNet instanceof Sequential seq)) {
            throw new IllegalArgumentException("fromFloat: expected a Sequential network, actual " + floatNet.getClass().getSimpleName());
        }
        List<LayerSpec> specs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Module> sources = new ArrayList<>();
        for (String name : seq.names()) {
            Module m = seq.child(name);
            Precision p = overrides.getOrDefault(name, precision);
            switch (m) {
                case Conv2d cv -> {
                    if (cv.kernelH() != cv.kernelW()) {
                        throw new IllegalArgumentException("fromFloat: layer " + name + ": expected a square kernel, actual "
                                + cv.kernelH() + "x" + cv.kernelW());
                    }
                    specs.add(new LayerSpec.Conv(cv.outChannels(), cv.kernelH(), cv.stride(), cv.pad(), cv.bias() != null, p));
                }
                case MaxPool2d mp -> {
                    if (mp.pad() != 0) {
                        throw new IllegalArgumentException("fromFloat: layer " + name + ": the integer model pools without padding, "
                                + "actual pad " + mp.pad());
                    }
                    specs.add(new LayerSpec.MaxPool(mp.kernel(), mp.stride()));
                }
                case Flatten f -> specs.add(new LayerSpec.Flatten());
                case Linear fc -> specs.add(new LayerSpec.Dense(fc.outFeatures(), fc.bias() != null, p));
                case Activation a when a.kind().equals("relu") -> {
                    continue;
                }
                case Dropout d -> {
                    continue;
                }
                default -> throw new IllegalArgumentException("fromFloat: layer " + name + ": " + m + " has no integer counterpart; "
                        + "expected Conv2d, MaxPool2d, Flatten, Linear, relu or Dropout");
            }
            names.add(name);
            sources.add(m);
        }
        for (String k : overrides.keySet()) {
            if (!names.contains(k)) {
                throw new IllegalArgumentException("fromFloat: precision override for unknown layer '" + k + "'; layers are " + names);
            }
        }
        QuantizedNetwork net = build(new NetworkSpec(channels, height, width, specs), names, new Rng(0));
        for (int i = 0; i < names.size(); i++) {
            Module src = sources.get(i);
            Module dst = net.child(names.get(i));
            if (src instanceof Conv2d || src instanceof Linear) {
                for (Map.Entry<String, Variable> e : src.parameters().entrySet()) {
                    dst.parameter(e.getKey()).setData(e.getValue().data().copy());
                }
            }
        }
        return net;
    }

    @Override
    public Variable forward(Variable x) {
        if (x.rank() != 4 || x.shape()[1] != channels || x.shape()[2] != height || x.shape()[3] != width) {
            throw new IllegalArgumentException("QuantizedNetwork: expected input [N, " + channels + ", " + height + ", " + width
                    + "], actual " + java.util.Arrays.toString(x.shape()));
        }
        Variable h = new InputQuantizer().apply(x);
        for (String name : order) {
            h = child(name).forward(h);
        }
        return h;
    }

    /**
     * Sets every batch norm's running mean and variance to the statistics of this batch ([N, C, H, W], pixels / 255) as
     * it arrives there, layer by layer (each later layer sees the already calibrated earlier ones, in eval mode). Used
     * to start a twin converted from a float network; gamma and beta are left as they are.
     */
    public void calibrateBatchNorm(Tensor batch) {
        boolean wasTraining = isTraining();
        eval();
        try (NoGrad _ = NoGrad.enter()) {
            Variable h = new InputQuantizer().apply(Variable.constant(batch));
            for (String name : order) {
                Module m = child(name);
                if (m instanceof BatchNorm bn) {
                    setStatistics(bn, h.data());
                }
                h = m.forward(h);
            }
        } finally {
            setTraining(wasTraining);
        }
    }

    private static void setStatistics(BatchNorm bn, Tensor x) {
        int n = x.dim(0), c = x.dim(1);
        int hw = x.rank() == 4 ? x.dim(2) * x.dim(3) : 1;
        float[] d = x.data();
        float[] mean = bn.runningMean().data();
        float[] var = bn.runningVar().data();
        long m = (long) n * hw;
        for (int ch = 0; ch < c; ch++) {
            double s = 0, sq = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < hw; j++) {
                    double v = d[(i * c + ch) * hw + j];
                    s += v;
                    sq += v * v;
                }
            }
            double mu = s / m;
            mean[ch] = (float) mu;
            var[ch] = (float) (m > 1 ? Math.max(0, (sq - m * mu * mu) / (m - 1)) : 1.0);
        }
    }

    /** The stages in forward order (after the input quantizer). */
    public List<Module> stages() {
        List<Module> out = new ArrayList<>();
        for (String n : order) {
            out.add(child(n));
        }
        return Collections.unmodifiableList(out);
    }

    /** Stage names in forward order. */
    public List<String> stageNames() {
        return List.copyOf(order);
    }

    public int inputChannels() {
        return channels;
    }

    public int inputHeight() {
        return height;
    }

    public int inputWidth() {
        return width;
    }

    /** The quantized layers (convolutions and dense layers) by name, in order: the candidates for pruning. */
    public Map<String, Module> weightLayers() {
        Map<String, Module> out = new java.util.LinkedHashMap<>();
        for (String n : order) {
            Module m = child(n);
            if (m instanceof QuantConv2d || m instanceof QuantLinear) {
                out.put(n, m);
            }
        }
        return out;
    }

    /** The activation step of the 8-bit input, 1/255. */
    public static double inputStep() {
        return 1.0 / InputQuantizer.LEVELS;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("QuantizedNetwork(" + channels + "x" + height + "x" + width);
        for (String n : order) {
            sb.append("\n  ").append(n).append(": ").append(child(n));
        }
        return sb.append("\n)").toString();
    }

}
