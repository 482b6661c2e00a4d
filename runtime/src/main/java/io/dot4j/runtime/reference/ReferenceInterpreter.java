package io.dot4j.runtime.reference;

import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.Flatten;
import io.dot4j.runtime.ir.GlobalSumPool;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Layer;
import io.dot4j.runtime.ir.MaxPool;
import io.dot4j.runtime.ir.Shape;
import io.dot4j.runtime.ir.TensorType;
import io.dot4j.runtime.ir.ThresholdActivation;
import java.util.ArrayList;
import java.util.List;

/**
 * The slow, obviously right interpreter: plain integer loops over unpacked weights (-1/+1, -3..3, int8)
 * and levels, written straight from the definitions in the IR classes. Every other path (the fast engine,
 * generated C and Verilog) is checked against it layer by layer. All tensors are channel-last (HWC).
 */
public final class ReferenceInterpreter {
    private final IntModel model;
    private final List<TensorType> types;
    private final List<int[]> unpackedWeights = new ArrayList<>();

    public ReferenceInterpreter(IntModel model) {
        this.model = model;
        this.types = model.outputTypes();
        for (Layer l : model.layers()) {
            if (l instanceof Conv) {
                unpackedWeights.add(((Conv) l).weights().toInts());
            } else if (l instanceof Dense) {
                unpackedWeights.add(((Dense) l).weights().toInts());
            } else {
                unpackedWeights.add(null);
            }
        }
    }

    /** The class scores (outputs of the last layer) for one image. */
    public int[] scores(byte[] pixels) {
        List<int[]> all = run(pixels);
        return all.get(all.size() - 1);
    }

    /** The output of every layer, in order, for one image of C*H*W pixels (channel-last). */
    public List<int[]> run(byte[] pixels) {
        Shape in = model.input();
        if (pixels == null || pixels.length != in.elements()) {
            throw new IllegalArgumentException("expected " + in.elements() + " pixels for input " + in + ", got "
                    + (pixels == null ? "null" : pixels.length));
        }
        int[] x = new int[pixels.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = pixels[i] & 0xFF;
        }
        List<int[]> outputs = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            Layer layer = model.layers().get(i);
            Shape inShape = i == 0 ? in : types.get(i - 1).shape();
            Shape outShape = types.get(i).shape();
            if (layer instanceof Conv) {
                x = conv((Conv) layer, unpackedWeights.get(i), x, inShape, outShape);
            } else if (layer instanceof Dense) {
                x = dense((Dense) layer, unpackedWeights.get(i), x);
            } else if (layer instanceof ThresholdActivation) {
                x = threshold((ThresholdActivation) layer, x, inShape);
            } else if (layer instanceof MaxPool) {
                x = maxPool((MaxPool) layer, x, inShape, outShape);
            } else if (layer instanceof GlobalSumPool) {
                x = globalSum(x, inShape);
            } else if (layer instanceof Flatten) {
                x = x.clone();
            } else {
                throw new IllegalStateException("unknown layer " + layer);
            }
            outputs.add(x);
        }
        return outputs;
    }

    private static int[] conv(Conv l, int[] w, int[] x, Shape in, Shape out) {
        int[] y = new int[out.elements()];
        int fanIn = l.fanIn();
        for (int oy = 0; oy < out.height(); oy++) {
            for (int ox = 0; ox < out.width(); ox++) {
                for (int o = 0; o < out.channels(); o++) {
                    int acc = 0;
                    for (int ky = 0; ky < l.kernelHeight(); ky++) {
                        for (int kx = 0; kx < l.kernelWidth(); kx++) {
                            int iy = oy * l.stride() - l.padding() + ky;
                            int ix = ox * l.stride() - l.padding() + kx;
                            for (int c = 0; c < l.inChannels(); c++) {
                                // padding holds level 0
                                int v = iy < 0 || iy >= in.height() || ix < 0 || ix >= in.width() ? 0 : x[in.index(c, iy, ix)];
                                acc += w[o * fanIn + (ky * l.kernelWidth() + kx) * l.inChannels() + c] * v;
                            }
                        }
                    }
                    y[out.index(o, oy, ox)] = acc;
                }
            }
        }
        return y;
    }

    private static int[] dense(Dense l, int[] w, int[] x) {
        int[] y = new int[l.outFeatures()];
        for (int o = 0; o < y.length; o++) {
            int acc = l.bias(o);
            for (int i = 0; i < l.inFeatures(); i++) {
                acc += w[o * l.inFeatures() + i] * x[i];
            }
            y[o] = acc;
        }
        return y;
    }

    private static int[] threshold(ThresholdActivation l, int[] x, Shape in) {
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = l.level(i % in.channels(), x[i]);
        }
        return y;
    }

    private static int[] maxPool(MaxPool l, int[] x, Shape in, Shape out) {
        int[] y = new int[out.elements()];
        for (int oy = 0; oy < out.height(); oy++) {
            for (int ox = 0; ox < out.width(); ox++) {
                for (int c = 0; c < out.channels(); c++) {
                    int m = Integer.MIN_VALUE;
                    for (int ky = 0; ky < l.kernel(); ky++) {
                        for (int kx = 0; kx < l.kernel(); kx++) {
                            m = Math.max(m, x[in.index(c, oy * l.stride() + ky, ox * l.stride() + kx)]);
                        }
                    }
                    y[out.index(c, oy, ox)] = m;
                }
            }
        }
        return y;
    }

    private static int[] globalSum(int[] x, Shape in) {
        int[] y = new int[in.channels()];
        for (int i = 0; i < x.length; i++) {
            y[i % in.channels()] += x[i];
        }
        return y;
    }
}
