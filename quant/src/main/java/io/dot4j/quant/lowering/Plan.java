package io.dot4j.quant.lowering;

import io.dot4j.core.nn.BatchNorm;
import io.dot4j.core.nn.Flatten;
import io.dot4j.core.nn.MaxPool2d;
import io.dot4j.core.nn.Module;
import io.dot4j.quant.layers.GlobalSumPool;
import io.dot4j.quant.layers.QuantActivation;
import io.dot4j.quant.layers.QuantConv2d;
import io.dot4j.quant.layers.QuantLinear;
import io.dot4j.quant.network.QuantizedNetwork;
import io.dot4j.quant.quantizers.QuantizedWeights;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link QuantizedNetwork} read into integer terms, in core's own layouts (NCHW, weights [out, in, kh, kw]): integer
 * weight levels, per-channel folds (eval-mode batch norm), level bits and steps. A snapshot: later training does not
 * change it. {@link Lowering} turns it into the runtime's IR (permuting layouts, solving thresholds);
 * {@link IntegerSimulation} runs it directly.
 */
public record Plan(int channels, int height, int width, List<Block> blocks, int numClasses) {

    /** A tensor shape, channel-first as core sees it. */
    public record Dims(int c, int h, int w) {
        public int elements() {
            return c * h * w;
        }
    }

    public sealed interface Block {
        /** The name of the stage (conv, dense or pooling layer) this block comes from. */
        String name();
    }

    /**
     * Convolution + batch norm + activation. {@code q} rows are output channels, columns (c, ky, kx) as core stores
     * them.
     */
    public record ConvBlock(String name, Dims in, Dims out, int kernel, int stride, int pad, int inBits, int weightBits,
                            QuantizedWeights q, ChannelFold[] folds, int outBits, double stepOut) implements Block {
    }

    /**
     * Hidden dense + batch norm + activation; columns of q in core's NCHW flatten order of {@code in}, which is the
     * spatial shape before a Flatten (its channel-last order is the runtime's column order).
     */
    public record DenseBlock(String name, Dims in, int inBits, int weightBits, QuantizedWeights q, ChannelFold[] folds,
                             int outBits, double stepOut) implements Block {
    }

    /** The scores: acc + bias (bias may be empty). */
    public record ScoresBlock(String name, Dims in, int inBits, int weightBits, QuantizedWeights q, int[] bias)
            implements Block {
    }

    public record PoolBlock(String name, Dims in, Dims out, int kernel, int stride) implements Block {
    }

    public record FlattenBlock(String name, Dims in) implements Block {
    }

    public record SumPoolBlock(String name, Dims in, int outBits) implements Block {
    }

    /** Reads the network; a stage sequence the runtime cannot express is reported by stage name. */
    public static Plan of(QuantizedNetwork net) {
        List<String> names = net.stageNames();
        List<Module> stages = net.stages();
        List<Block> blocks = new ArrayList<>();
        Dims dims = new Dims(net.inputChannels(), net.inputHeight(), net.inputWidth());
        // the tensor whose order a flat vector keeps: after a Flatten, the spatial shape before it
        Dims layout = dims;
        int bits = 8;
        double step = QuantizedNetwork.inputStep();
        int numClasses = -1;
        for (int i = 0; i < stages.size(); i++) {
            String name = names.get(i);
            Module m = stages.get(i);
            boolean last = i == stages.size() - 1;
            switch (m) {
                case QuantConv2d cv -> {
                    BatchNorm bn = expect(stages, names, i + 1, BatchNorm.class, name);
                    QuantActivation act = expect(stages, names, i + 2, QuantActivation.class, name);
                    if (cv.kernelH() != cv.kernelW()) {
                        throw error(name, "the integer model needs a square kernel, actual " + cv.kernelH() + "x" + cv.kernelW());
                    }
                    int k = cv.kernelH();
                    Dims out = new Dims(cv.outChannels(), (dims.h() + 2 * cv.pad() - k) / cv.stride() + 1,
                            (dims.w() + 2 * cv.pad() - k) / cv.stride() + 1);
                    if (cv.inChannels() != dims.c()) {
                        throw error(name, "expects " + cv.inChannels() + " input channels, actual " + dims.c());
                    }
                    QuantizedWeights q = cv.quantizedWeights();
                    ChannelFold[] folds = folds(name, q, cv.bias() == null ? null : cv.bias().data().data(), bn, step);
                    blocks.add(new ConvBlock(name, dims, out, k, cv.stride(), cv.pad(), bits, cv.quantizer().runtimeBits(), q,
                            folds, act.bits(), act.step()));
                    dims = out;
                    bits = act.bits();
                    step = act.step();
                    i += 2;
                }
                case QuantLinear fc when !last -> {
                    BatchNorm bn = expect(stages, names, i + 1, BatchNorm.class, name);
                    QuantActivation act = expect(stages, names, i + 2, QuantActivation.class, name);
                    checkIn(name, fc, dims);
                    QuantizedWeights q = fc.quantizedWeights();
                    ChannelFold[] folds = folds(name, q, fc.bias() == null ? null : fc.bias().data().data(), bn, step);
                    blocks.add(new DenseBlock(name, layout, bits, fc.quantizer().runtimeBits(), q, folds, act.bits(), act.step()));
                    dims = new Dims(fc.outFeatures(), 1, 1);
                    bits = act.bits();
                    step = act.step();
                    i += 2;
                }
                case QuantLinear fc -> {
                    checkIn(name, fc, dims);
                    QuantizedWeights q = fc.quantizedWeights();
                    float s = q.scale(0);
                    for (int r = 1; r < q.rows(); r++) {
                        if (q.scale(r) != s) {
                            throw error(name, "the scores layer needs one weight scale for all outputs (argmax must not be "
                                    + "rescaled per class), but output " + r + " has " + q.scale(r) + " and output 0 has " + s);
                        }
                    }
                    double gridStep = fc.biasGridInputStep();
                    if (fc.bias() != null && !Double.isNaN(gridStep) && gridStep != step) {
                        throw error(name, "the bias grid uses input step " + gridStep + " but the input levels have step " + step);
                    }
                    int[] bias = new int[0];
                    if (fc.bias() != null) {
                        bias = fc.integerBias(step);
                    }
                    blocks.add(new ScoresBlock(name, layout, bits, fc.quantizer().runtimeBits(), q, bias));
                    numClasses = fc.outFeatures();
                }
                case MaxPool2d mp -> {
                    if (mp.pad() != 0) {
                        throw error(name, "the integer model pools without padding, actual pad " + mp.pad());
                    }
                    if (i == 0 || !(stages.get(i - 1) instanceof QuantActivation || stages.get(i - 1) instanceof MaxPool2d)) {
                        throw error(name, "max pooling must come right after a QuantActivation (pooling on levels)");
                    }
                    if (mp.kernel() > dims.h() || mp.kernel() > dims.w()) {
                        throw error(name, "kernel " + mp.kernel() + " exceeds the input " + dims.h() + "x" + dims.w());
                    }
                    Dims out = new Dims(dims.c(), (dims.h() - mp.kernel()) / mp.stride() + 1,
                            (dims.w() - mp.kernel()) / mp.stride() + 1);
                    blocks.add(new PoolBlock(name, dims, out, mp.kernel(), mp.stride()));
                    dims = out;
                }
                case Flatten f -> {
                    blocks.add(new FlattenBlock(name, dims));
                    layout = dims;
                    dims = new Dims(dims.elements(), 1, 1);
                    continue;
                }
                case GlobalSumPool g -> {
                    long max = (long) dims.h() * dims.w() * ((1L << bits) - 1);
                    int outBits = Math.max(1, 64 - Long.numberOfLeadingZeros(max));
                    blocks.add(new SumPoolBlock(name, dims, outBits));
                    dims = new Dims(dims.c(), 1, 1);
                    bits = outBits;
                }
                default -> throw error(name, m + " cannot be lowered here; expected a QuantConv2d or QuantLinear (followed by "
                        + "BatchNorm and QuantActivation), MaxPool2d, Flatten, GlobalSumPool, or the final QuantLinear");
            }
            layout = dims;
        }
        if (numClasses < 0) {
            throw new IllegalArgumentException("lowering: the network must end with a QuantLinear (the scores), actual "
                    + (names.isEmpty() ? "no stages" : names.getLast()));
        }
        return new Plan(net.inputChannels(), net.inputHeight(), net.inputWidth(), List.copyOf(blocks), numClasses);
    }

    private static void checkIn(String name, QuantLinear fc, Dims dims) {
        if (fc.inFeatures() != dims.elements()) {
            throw error(name, "expects " + fc.inFeatures() + " inputs, actual " + dims.c() + "x" + dims.h() + "x" + dims.w());
        }
    }

    private static <T extends Module> T expect(List<Module> stages, List<String> names, int i, Class<T> type, String owner) {
        if (i >= stages.size() || !type.isInstance(stages.get(i))) {
            throw error(owner, "must be followed by a " + type.getSimpleName() + ", actual "
                    + (i >= stages.size() ? "the end of the network" : names.get(i) + " (" + stages.get(i) + ")"));
        }
        return type.cast(stages.get(i));
    }

    static IllegalArgumentException error(String stage, String message) {
        return new IllegalArgumentException("lowering: stage '" + stage + "': " + message);
    }

    /** slope = A * s * stepIn, offset = A * (b - mu) + beta with A = gamma / sqrt(var + eps), per output channel. */
    static ChannelFold[] folds(String name, QuantizedWeights q, float[] bias, BatchNorm bn, double stepIn) {
        int rows = q.rows();
        if (bn.channels() != rows) {
            throw error(name, "batch norm has " + bn.channels() + " channels, the layer " + rows);
        }
        float[] gamma = bn.gamma().data().data();
        float[] beta = bn.beta().data().data();
        float[] mu = bn.runningMean().data();
        float[] var = bn.runningVar().data();
        double eps = bn.eps();
        ChannelFold[] out = new ChannelFold[rows];
        for (int o = 0; o < rows; o++) {
            double a = gamma[o] / Math.sqrt((double) var[o] + eps);
            double b = bias == null ? 0.0 : bias[o];
            double slope = a * q.scale(o) * stepIn;
            double offset = a * (b - mu[o]) + beta[o];
            if (!Double.isFinite(slope) || !Double.isFinite(offset)) {
                throw error(name, "channel " + o + " folds to a non-finite line (gamma " + gamma[o] + ", var " + var[o]
                        + ", mean " + mu[o] + ", beta " + beta[o] + ", scale " + q.scale(o) + ")");
            }
            out[o] = new ChannelFold(slope, offset);
        }
        return out;
    }
}
