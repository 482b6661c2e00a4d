package io.dot4j.runtime.kernels;

import io.dot4j.runtime.analysis.LayerAnalysis;
import io.dot4j.runtime.analysis.ModelAnalysis;
import io.dot4j.runtime.analysis.ValueRange;
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
import io.dot4j.runtime.kernels.spi.BitConvKernel;
import java.util.List;

/**
 * The planar engine: every layer as a {@link PlanarStage} on channel-major buffers whose inner loops run along whole
 * grids of positions (long, unit-stride loops that C2 vectorizes), with every buffer preallocated per thread
 * ({@link Workspace}), so a tiny model costs a few microseconds and no allocation per image. Built for small
 * models: {@link #compile} returns null when a buffer or a widened weight matrix would be too large, and the engine
 * then uses its per-layer steps.
 */
final class PlanarPlan {
    /** Largest int buffer or widened weight matrix the plan allocates (elements). */
    static final long MAX_INTS = 1L << 24;
    private final Shape input;
    private final PlanarStage[] stages;

    private PlanarPlan(Shape input, PlanarStage[] stages) {
        this.input = input;
        this.stages = stages;
    }

    static PlanarPlan compile(IntModel model) {
        return compile(model, BitConvKernels.select());
    }

    /** The plan with binary convolutions on {@code kernel}. */
    static PlanarPlan compile(IntModel model, BitConvKernel kernel) {
        List<TensorType> types = model.outputTypes();
        Shape s = model.input();
        Layout l = Layout.channelLast(s.channels(), s.height(), s.width());
        int length = s.elements();
        TensorType inType = model.inputType();
        ModelAnalysis analysis = ModelAnalysis.of(model); // the value bounds, stated once
        PlanarStage[] stages = new PlanarStage[model.layers().size()];
        for (int i = 0; i < stages.length; i++) {
            Layer layer = model.layers().get(i);
            LayerAnalysis la = analysis.layer(i);
            Shape out = types.get(i).shape();
            PlanarStage st;
            if (layer instanceof Conv) {
                Conv c = (Conv) layer;
                int[] w = c.weights().toInts();
                if (w.length > MAX_INTS) {
                    return null;
                }
                if (c.weightBits() == 8 || inType.bits() > 4) {
                    st = new PlanarIntConv(l, c.outChannels(), c.kernelHeight(), c.kernelWidth(), c.stride(), c.padding(),
                            out.height(), out.width(), w, kernel, inType.maxLevel(),
                            // every partial sum, and the tap sum X of the 2P - X form for ±1 weights
                            Math.max(maxAbs(la.partialSumRange().orElseThrow()), la.inputSumRange().orElseThrow().max()));
                } else {
                    st = new PlanarBitConv(l, inType.bits(), c.outChannels(), c.kernelHeight(), c.kernelWidth(), c.stride(),
                            c.padding(), out.height(), out.width(), c.weightBits(), w, kernel);
                    if (i >= 1 && stages[i - 1] instanceof PlanarThreshold) {
                        ((PlanarBitConv) st).fuseInputThreshold((PlanarThreshold) stages[i - 1]);
                    }
                }
            } else if (layer instanceof Dense) {
                Dense d = (Dense) layer;
                if ((long) d.outFeatures() * d.inFeatures() > MAX_INTS) {
                    return null;
                }
                int[] bias = new int[d.outFeatures()];
                for (int o = 0; o < bias.length; o++) {
                    bias[o] = d.bias(o);
                }
                st = new PlanarDense(l, d.outFeatures(), d.weights().toInts(), bias);
            } else if (layer instanceof ThresholdActivation) {
                ThresholdActivation t = (ThresholdActivation) layer;
                PlanarThreshold th = new PlanarThreshold(l, length, t.perChannel(), t.thresholds(), t.negative(),
                        maxAbs(la.inputRange()));
                if (i > 0 && stages[i - 1] instanceof PlanarBitConv) {
                    ((PlanarBitConv) stages[i - 1]).fuseThreshold(th);
                } else if (i > 0 && stages[i - 1] instanceof PlanarIntConv) {
                    ((PlanarIntConv) stages[i - 1]).fuseThreshold(th);
                }
                st = th;
            } else if (layer instanceof MaxPool) {
                MaxPool p = (MaxPool) layer;
                st = new PlanarMaxPool(l, length, p.kernel(), p.stride(), out.height(), out.width());
            } else if (layer instanceof GlobalSumPool) {
                st = new PlanarGlobalSum(l);
                if (i >= 2 && stages[i - 1] instanceof PlanarThreshold && stages[i - 2] instanceof PlanarBitConv) {
                    ((PlanarBitConv) stages[i - 2]).fuseSum();
                }
            } else if (layer instanceof Flatten) {
                st = new PlanarFlatten(l);
            } else {
                return null;
            }
            if (st.outLength() > MAX_INTS) {
                return null;
            }
            stages[i] = st;
            l = st.out;
            length = st.outLength();
            inType = types.get(i);
        }
        return new PlanarPlan(s, stages);
    }

    /** Largest |value| in {@code r}. */
    private static long maxAbs(ValueRange r) {
        return Math.max(Math.abs(r.min()), Math.abs(r.max()));
    }

    /** Per-thread buffers: the input as ints, every stage's output and scratch. */
    static final class Workspace {
        final int[] input;
        final int[][] buffers;
        final Object[] scratch;

        Workspace(int inputLength, PlanarStage[] stages) {
            input = new int[inputLength];
            buffers = new int[stages.length][];
            scratch = new Object[stages.length];
            for (int i = 0; i < stages.length; i++) {
                buffers[i] = new int[stages[i].outLength()];
                scratch[i] = stages[i].newScratch();
            }
        }
    }

    PlanarStage[] stages() {
        return stages;
    }

    /** Ints of one {@link Workspace}'s input and output buffers (what {@link Workspace} allocates, scratch aside). */
    long workspaceInts() {
        long n = input.elements();
        for (PlanarStage st : stages) {
            n += st.outLength();
        }
        return n;
    }

    Workspace newWorkspace() {
        return new Workspace(input.elements(), stages);
    }

    /** Attaches {@code helper} to every stage of {@code ws} that can share an image's work (null detaches). */
    void attachHelper(Workspace ws, TileHelper helper) {
        for (int i = 0; i < stages.length; i++) {
            stages[i].attachHelper(ws.scratch[i], helper);
        }
    }

    /** Whether the binary convolution at {@code c}, its thresholds and the global sum pool after them run as one. */
    private static boolean summed(PlanarStage[] stages, int c) {
        return c + 2 < stages.length && stages[c + 2] instanceof PlanarGlobalSum && ((PlanarBitConv) stages[c]).fusesSum();
    }

    /** Runs one image; returns the scores as a new array and, if {@code trace} is not null, adds every layer's output. */
    int[] run(byte[] pixels, Workspace ws, List<int[]> trace) {
        int[] x = ws.input;
        int first = 0;
        if (trace == null && stages.length > 2 && stages[0] instanceof PlanarThreshold && stages[1] instanceof PlanarBitConv
                && ((PlanarBitConv) stages[1]).inputThreshold() == stages[0]) {
            // the first binary convolution thresholds and packs the pixels itself: no widening to ints
            PlanarBitConv c = (PlanarBitConv) stages[1];
            boolean outTh = c.fusesThreshold() && stages[2] instanceof PlanarThreshold;
            if (outTh && summed(stages, 1)) {
                c.runFromAccumulatorsSummed(pixels, ws.buffers[1], ws.buffers[3], ws.scratch[1]);
                first = 4;
                x = ws.buffers[3];
            } else {
                first = outTh ? 3 : 2;
                c.runFromAccumulators(pixels, ws.buffers[first - 1], ws.scratch[1], outTh);
                x = ws.buffers[first - 1];
            }
        } else {
            for (int i = 0; i < x.length; i++) {
                x[i] = pixels[i] & 0xFF;
            }
        }
        for (int i = first; i < stages.length; i++) {
            PlanarStage st = stages[i];
            if (trace == null) {
                // fusions (only without a trace, which needs every layer's output): a 2x2 pool read by the next
                // convolution, and a convolution that applies the following thresholds itself
                if (st instanceof PlanarThreshold && i + 1 < stages.length && stages[i + 1] instanceof PlanarBitConv
                        && ((PlanarBitConv) stages[i + 1]).inputThreshold() == st) {
                    // channel-last thresholds applied by the next binary convolution as it packs its grid
                    PlanarBitConv c = (PlanarBitConv) stages[i + 1];
                    boolean outTh = c.fusesThreshold() && i + 2 < stages.length && stages[i + 2] instanceof PlanarThreshold;
                    if (outTh && summed(stages, i + 1)) {
                        c.runFromAccumulatorsSummed(x, ws.buffers[i + 1], ws.buffers[i + 3], ws.scratch[i + 1]);
                        x = ws.buffers[i + 3];
                        i += 3;
                        continue;
                    }
                    int o = outTh ? i + 2 : i + 1;
                    c.runFromAccumulators(x, ws.buffers[o], ws.scratch[i + 1], outTh);
                    x = ws.buffers[o];
                    i = o;
                    continue;
                }
                int j = i, prs = 0, pcs = 0;
                if (i + 1 < stages.length && st instanceof PlanarMaxPool && ((PlanarMaxPool) st).fusable()
                        && stages[i + 1] instanceof PlanarStage.PoolFusable) {
                    j = i + 1;
                    prs = st.in.rs;
                    pcs = st.in.cs;
                }
                PlanarStage c = stages[j];
                if (c instanceof PlanarBitConv && ((PlanarBitConv) c).fusesThreshold() && j + 1 < stages.length
                        && stages[j + 1] instanceof PlanarThreshold && summed(stages, j)) {
                    ((PlanarBitConv) c).runSummed(x, ws.buffers[j], ws.buffers[j + 2], ws.scratch[j], prs, pcs);
                    x = ws.buffers[j + 2];
                    i = j + 2;
                    continue;
                }
                if (j + 1 < stages.length && c instanceof PlanarStage.ThresholdFusable
                        && ((PlanarStage.ThresholdFusable) c).fusesThreshold() && stages[j + 1] instanceof PlanarThreshold) {
                    ((PlanarStage.ThresholdFusable) c).runThresholded(x, ws.buffers[j + 1], ws.scratch[j], prs, pcs);
                    x = ws.buffers[j + 1];
                    i = j + 1;
                    continue;
                }
                if (j != i) {
                    ((PlanarStage.PoolFusable) c).run(x, ws.buffers[j], ws.scratch[j], prs, pcs);
                    x = ws.buffers[j];
                    i = j;
                    continue;
                }
            }
            st.run(x, ws.buffers[i], ws.scratch[i]);
            x = ws.buffers[i];
            if (trace != null) {
                trace.add(stages[i].out.toChannelLast(x));
            }
        }
        return stages[stages.length - 1].out.toChannelLast(x);
    }
}
