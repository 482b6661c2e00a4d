package io.dot4j.quant.lowering;

import io.dot4j.quant.network.QuantizedNetwork;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.reference.ReferenceInterpreter;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link QuantizedNetwork} in integer arithmetic exactly as the runtime will, two independent ways:
 * <ul>
 *   <li>{@link #run}: directly from the quant layers' integer weights in core's own layouts (NCHW tensors, weights
 *   [out, in, kh, kw], NCHW flatten), each activation level decided by the defining comparison of
 *   {@link ChannelFold} (no thresholds, no permutations, no bit packing);</li>
 *   <li>{@link #runtimeTrace}: the lowered {@link IntModel} on the runtime's {@link ReferenceInterpreter}.</li>
 * </ul>
 * Both give one output per IR layer (accumulators after Conv/Dense, levels after the others), so they can be compared
 * layer by layer after {@link Output#channelLast()}. The simulation is a snapshot of the network when it was made.
 */
public final class IntegerSimulation {
    private final Plan plan;
    private final IntModel model;
    private final ReferenceInterpreter reference;

    private IntegerSimulation(Plan plan) {
        this.plan = plan;
        this.model = Lowering.lower(plan);
        this.reference = new ReferenceInterpreter(model);
    }

    public static IntegerSimulation of(QuantizedNetwork net) {
        return new IntegerSimulation(Plan.of(net));
    }

    public Plan plan() {
        return plan;
    }

    /** The lowered model. */
    public IntModel model() {
        return model;
    }

    /**
     * One layer's output in core's channel-first order; {@code c, h, w} is the tensor's shape (for a Flatten, the
     * shape before flattening, which is how its channel-last order is defined).
     */
    public record Output(int[] values, int c, int h, int w) {
        /** The same values in the runtime's channel-last order. */
        public int[] channelLast() {
            return Layouts.toChannelLast(values, c, h, w);
        }
    }

    /** Class scores of one image given as C*H*W pixels in channel-first order (as data sets store them). */
    public int[] scores(byte[] pixels) {
        List<Output> all = run(pixels);
        return all.getLast().values();
    }

    /** Predicted class: argmax of the scores, lowest index on ties. */
    public int predict(byte[] pixels) {
        return IntModel.argmax(scores(pixels));
    }

    /** The runtime reference interpreter's output of every layer (channel-last), for channel-first pixels. */
    public List<int[]> runtimeTrace(byte[] pixels) {
        return reference.run(Layouts.toChannelLast(pixels, plan.channels(), plan.height(), plan.width()));
    }

    /** The direct integer simulation: one output per IR layer. */
    public List<Output> run(byte[] pixels) {
        int c = plan.channels(), h = plan.height(), w = plan.width();
        if (pixels == null || pixels.length != c * h * w) {
            throw new IllegalArgumentException("integer simulation: expected " + c * h * w + " pixels (" + c + "x" + h + "x" + w
                    + "), actual " + (pixels == null ? "null" : pixels.length));
        }
        int[] x = new int[pixels.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = pixels[i] & 0xFF;
        }
        List<Output> out = new ArrayList<>();
        for (Plan.Block b : plan.blocks()) {
            switch (b) {
                case Plan.ConvBlock cb -> {
                    int[] acc = conv(cb, x);
                    Plan.Dims o = cb.out();
                    out.add(new Output(acc, o.c(), o.h(), o.w()));
                    x = levels(acc, o.c(), o.h() * o.w(), cb.folds(), cb.outBits(), cb.stepOut());
                    out.add(new Output(x, o.c(), o.h(), o.w()));
                }
                case Plan.DenseBlock db -> {
                    int[] acc = dense(db.q().levels(), db.q().rows(), x, new int[0]);
                    out.add(new Output(acc, acc.length, 1, 1));
                    x = levels(acc, acc.length, 1, db.folds(), db.outBits(), db.stepOut());
                    out.add(new Output(x, x.length, 1, 1));
                }
                case Plan.ScoresBlock sb -> {
                    x = dense(sb.q().levels(), sb.q().rows(), x, sb.bias());
                    out.add(new Output(x, x.length, 1, 1));
                }
                case Plan.PoolBlock pb -> {
                    x = maxPool(pb, x);
                    out.add(new Output(x, pb.out().c(), pb.out().h(), pb.out().w()));
                }
                case Plan.FlattenBlock fb -> out.add(new Output(x.clone(), fb.in().c(), fb.in().h(), fb.in().w()));
                case Plan.SumPoolBlock sp -> {
                    Plan.Dims in = sp.in();
                    int[] s = new int[in.c()];
                    for (int ch = 0; ch < in.c(); ch++) {
                        for (int p = 0; p < in.h() * in.w(); p++) {
                            s[ch] += x[ch * in.h() * in.w() + p];
                        }
                    }
                    x = s;
                    out.add(new Output(x, in.c(), 1, 1));
                }
            }
        }
        return out;
    }

    private static int[] conv(Plan.ConvBlock cb, int[] x) {
        Plan.Dims in = cb.in(), o = cb.out();
        int k = cb.kernel(), stride = cb.stride(), pad = cb.pad();
        int ih = in.h(), iw = in.w(), oh = o.h(), ow = o.w();
        int[] q = cb.q().levels();
        int cols = cb.q().cols();
        long[] acc = new long[o.elements()];
        // weight-stationary loop order: each weight scans the output positions it touches
        for (int oc = 0; oc < o.c(); oc++) {
            int outBase = oc * oh * ow;
            for (int c = 0; c < in.c(); c++) {
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        long wq = q[oc * cols + (c * k + ky) * k + kx];
                        if (wq == 0) {
                            continue;
                        }
                        for (int oy = 0; oy < oh; oy++) {
                            int iy = oy * stride - pad + ky;
                            if (iy < 0 || iy >= ih) {
                                continue; // zero padding = level 0
                            }
                            int rowBase = (c * ih + iy) * iw;
                            for (int ox = 0; ox < ow; ox++) {
                                int ix = ox * stride - pad + kx;
                                if (ix >= 0 && ix < iw) {
                                    acc[outBase + oy * ow + ox] += wq * x[rowBase + ix];
                                }
                            }
                        }
                    }
                }
            }
        }
        int[] y = new int[acc.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.toIntExact(acc[i]);
        }
        return y;
    }

    private static int[] dense(int[] q, int rows, int[] x, int[] bias) {
        int cols = x.length;
        int[] y = new int[rows];
        for (int o = 0; o < rows; o++) {
            long acc = bias.length == 0 ? 0 : bias[o];
            for (int i = 0; i < cols; i++) {
                acc += (long) q[o * cols + i] * x[i];
            }
            y[o] = Math.toIntExact(acc);
        }
        return y;
    }

    private static int[] levels(int[] acc, int channels, int plane, ChannelFold[] folds, int bits, double step) {
        int n = (1 << bits) - 1;
        int[] y = new int[acc.length];
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < plane; p++) {
                int i = c * plane + p;
                y[i] = folds[c].level(acc[i], n, step);
            }
        }
        return y;
    }

    private static int[] maxPool(Plan.PoolBlock pb, int[] x) {
        Plan.Dims in = pb.in(), o = pb.out();
        int[] y = new int[o.elements()];
        for (int c = 0; c < o.c(); c++) {
            for (int oy = 0; oy < o.h(); oy++) {
                for (int ox = 0; ox < o.w(); ox++) {
                    int m = Integer.MIN_VALUE;
                    for (int ky = 0; ky < pb.kernel(); ky++) {
                        for (int kx = 0; kx < pb.kernel(); kx++) {
                            m = Math.max(m, x[(c * in.h() + oy * pb.stride() + ky) * in.w() + ox * pb.stride() + kx]);
                        }
                    }
                    y[(c * o.h() + oy) * o.w() + ox] = m;
                }
            }
        }
        return y;
    }
}
