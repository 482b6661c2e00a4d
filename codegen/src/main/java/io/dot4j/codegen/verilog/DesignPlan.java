package io.dot4j.codegen.verilog;

import io.dot4j.runtime.analysis.LayerAnalysis;
import io.dot4j.runtime.analysis.ModelAnalysis;
import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.Flatten;
import io.dot4j.runtime.ir.GlobalSumPool;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Layer;
import io.dot4j.runtime.ir.MaxPool;
import io.dot4j.runtime.ir.ThresholdActivation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hardware pipeline of a model, decided once: its stages in order (a generated module per convolution or dense
 * layer with its thresholds fused in, a max-pool or global-sum building block per pooling layer; Flatten moves no
 * data) and every layer's fold. {@link #describe()} prints it.
 */
public record DesignPlan(IntModel model, List<Stage> stages) {

    /** Plans {@code model} with the folds of {@code spec} and {@link FoldChooser}'s for the other layers. */
    public static DesignPlan of(IntModel model, FoldSpec spec) {
        return of(model, spec, FoldChooser.DEFAULT_BUDGET);
    }

    /** As {@link #of(IntModel, FoldSpec)} with a logic-cell budget for the chosen folds. */
    public static DesignPlan of(IntModel model, FoldSpec spec, int budget) {
        return new DesignPlan(model, FoldChooser.choose(stages(model, spec), spec, budget));
    }

    /** The stages with every matrix-vector layer at PE = SIMD = 1 unless {@code spec} names it. */
    private static List<Stage> stages(IntModel model, FoldSpec spec) {
        for (Integer i : spec.folds().keySet()) {
            if (i < 0 || i >= model.layers().size() || !(model.layers().get(i) instanceof Conv
                    || model.layers().get(i) instanceof Dense)) {
                throw new IllegalArgumentException("fold for layer " + i + ": not a Conv or Dense layer of this model");
            }
        }
        ModelAnalysis analysis = ModelAnalysis.of(model);
        List<Stage> out = new ArrayList<>();
        int h = model.input().height(), w = model.input().width(), c = model.input().channels(), bits = IntModel.PIXEL_BITS;
        boolean flat = false;
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            LayerAnalysis act = i + 1 < layers.size() && layers.get(i + 1) instanceof ThresholdActivation
                    ? analysis.layer(i + 1) : null;
            if (layer instanceof Conv conv) {
                if (flat) {
                    throw unsupported(i, layer, "a convolution after Flatten");
                }
                Fold f = spec.folds().getOrDefault(i, new Fold(1, 1));
                MvuLayer m = new MvuLayer(i, true, h, w, c, bits, conv.kernelHeight(), conv.kernelWidth(), conv.stride(),
                        conv.padding(), conv.outChannels(), conv.fanIn(),
                        WeightCode.of(analysis.layer(i).weightPlanes().orElseThrow()), new int[0], analysis.layer(i), act, f);
                check(m);
                out.add(new Stage.Mvu(m));
                h = m.outH();
                w = m.outW();
                c = conv.outChannels();
                bits = act.output().bits();
                i++;
            } else if (layer instanceof Dense dense) {
                Fold f = spec.folds().getOrDefault(i, new Fold(1, 1));
                MvuLayer m = new MvuLayer(i, false, h * w, 1, c, bits, 1, 1, 1, 0, dense.outFeatures(), dense.inFeatures(),
                        WeightCode.of(analysis.layer(i).weightPlanes().orElseThrow()), dense.bias(), analysis.layer(i), act, f);
                check(m);
                out.add(new Stage.Mvu(m));
                h = 1;
                w = 1;
                c = dense.outFeatures();
                bits = act == null ? m.accWidth() : act.output().bits();
                flat = false;
                if (act != null) {
                    i++;
                }
            } else if (layer instanceof MaxPool pool) {
                if (flat) {
                    throw unsupported(i, layer, "max pooling after Flatten");
                }
                out.add(new Stage.Pool(i, h, w, c, bits, pool.kernel(), pool.stride()));
                h = (h - pool.kernel()) / pool.stride() + 1;
                w = (w - pool.kernel()) / pool.stride() + 1;
            } else if (layer instanceof GlobalSumPool) {
                if (flat) {
                    throw unsupported(i, layer, "global sum pooling after Flatten");
                }
                int ob = model.outputTypes().get(i).bits();
                out.add(new Stage.Sum(i, h * w, c, bits, ob));
                h = 1;
                w = 1;
                bits = ob;
            } else if (layer instanceof Flatten) {
                flat = true;
            } else if (layer instanceof ThresholdActivation) {
                if (flat) {
                    throw unsupported(i, layer, "thresholds on levels after Flatten");
                }
                int ob = model.outputTypes().get(i).bits();
                out.add(new Stage.Levels(i, h * w, c, bits, ob, analysis.layer(i).thresholdKeys().orElseThrow()));
                bits = ob;
            }
        }
        return out;
    }

    private static void check(MvuLayer m) {
        Fold f = m.fold();
        if (m.outChannels() % f.pe() != 0) {
            throw new IllegalArgumentException("fold for layer " + m.index() + ": PE " + f.pe() + " does not divide its "
                    + m.outChannels() + " outputs");
        }
        int unit = m.conv() ? m.fanIn() : m.inC();
        if (unit % f.simd() != 0) {
            throw new IllegalArgumentException("fold for layer " + m.index() + ": SIMD " + f.simd() + " does not divide "
                    + (m.conv() ? "its fan-in " : "the channels per input word ") + unit);
        }
    }

    private static UnsupportedModelException unsupported(int i, Layer layer, String what) {
        return new UnsupportedModelException("layer " + i + " (" + layer.kind() + "): the Verilog back end does not build "
                + what);
    }

    /** The matrix-vector layers, in order. */
    public List<MvuLayer> mvuLayers() {
        List<MvuLayer> m = new ArrayList<>();
        for (Stage s : stages) {
            if (s instanceof Stage.Mvu mvu) {
                m.add(mvu.layer());
            }
        }
        return m;
    }

    /** The last stage: the dense layer whose raw accumulators are the scores. */
    MvuLayer scoreLayer() {
        return ((Stage.Mvu) stages.get(stages.size() - 1)).layer();
    }

    /** Bits of one input word: all channels of one pixel position, 8 bits each. */
    public int inputWidth() {
        return model.input().channels() * IntModel.PIXEL_BITS;
    }

    /** Signed bits of each class score on the output. */
    public int scoreWidth() {
        return scoreLayer().accWidth();
    }

    /** The estimated initiation interval: the slowest stage's cycles per image (the input takes one word per cycle). */
    public long estimatedInterval() {
        long ii = (long) model.input().height() * model.input().width();
        for (Stage s : stages) {
            ii = Math.max(ii, s.cycles());
        }
        return ii;
    }

    /** The folds as a spec that reproduces this plan. */
    public FoldSpec folds() {
        java.util.Map<Integer, Fold> f = new java.util.TreeMap<>();
        for (MvuLayer m : mvuLayers()) {
            f.put(m.index(), m.fold());
        }
        return new FoldSpec(f);
    }

    /** One line per stage: what it is, its fold and its cycles per image. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (Stage s : stages) {
            if (s instanceof Stage.Mvu m) {
                MvuLayer l = m.layer();
                b.append(String.format(Locale.ROOT, "layer %-3d %-6s %4d outputs x %5d inputs (%d-bit)  fold PE %d x SIMD %d"
                                + "  %,9d cycles  ~%,d LCs%n", l.index(), l.conv() ? "conv" : "dense", l.outChannels(),
                        l.fanIn(), l.inBits(), l.fold().pe(), l.fold().simd(), l.cycles(), FoldChooser.cost(l)));
            } else if (s instanceof Stage.Pool p) {
                b.append(String.format(Locale.ROOT, "layer %-3d maxpool %dx%d stride %d on (%d,%d,%d), %-7s%31s%,9d cycles%n",
                        p.index(), p.kernel(), p.kernel(), p.stride(), p.c(), p.h(), p.w(), p.tiled() ? "tiles" : "window",
                        "", p.cycles()));
            } else if (s instanceof Stage.Levels t) {
                b.append(String.format(Locale.ROOT, "layer %-3d thresholds on %d-bit levels, %d channels%39s%,9d cycles%n",
                        t.index(), t.bits(), t.c(), "", t.cycles()));
            } else if (s instanceof Stage.Sum g) {
                b.append(String.format(Locale.ROOT, "layer %-3d global sum over %d positions, %d channels%38s%,9d cycles%n",
                        g.index(), g.positions(), g.c(), "", g.cycles()));
            }
        }
        b.append(String.format(Locale.ROOT, "estimated initiation interval: %,d cycles per image; fold spec %s%n",
                estimatedInterval(), folds()));
        return b.toString();
    }
}
