package io.dot4j.codegen.c;

import io.dot4j.runtime.analysis.LayerAnalysis;
import io.dot4j.runtime.analysis.ModelAnalysis;
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
import java.util.Locale;

/**
 * The streamed program of a model, decided once: which IR layers fuse into which stage, the pixel format between
 * stages and every static buffer. The C is written from this plan, and {@link #describe()} prints it (the RAM plan)
 * before anything is compiled.
 */
public final class StreamPlan {
    /** Levels of at most this many bits feed a 1- or 2-bit layer as bit-planes through AND-popcount. */
    static final int POPCOUNT_MAX_INPUT_BITS = 4;

    private final IntModel model;
    private final List<Stage> stages;

    private StreamPlan(IntModel model, List<Stage> stages) {
        this.model = model;
        this.stages = List.copyOf(stages);
    }

    public static StreamPlan of(IntModel model) {
        ModelAnalysis analysis = ModelAnalysis.of(model);
        List<TensorType> types = model.outputTypes();
        List<Layer> layers = model.layers();
        List<Stage> stages = new ArrayList<>();
        Shape shape = model.input();
        PixelFormat fmt = PixelFormat.image(shape.channels());
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            int id = stages.size();
            switch (l) {
                case Conv c -> {
                    // a conv produces accumulators, which only thresholds take: always fused with the next layer
                    TensorType ot = types.get(i + 1);
                    boolean pop = popcount(c.weightBits(), fmt);
                    LayerAnalysis la = analysis.layer(i);
                    stages.add(new Stage.Mac(id, i + 1, false, c.kernelHeight(), c.kernelWidth(), c.stride(), c.padding(),
                            c.outChannels(), la.weightPlanes().orElseThrow(), new int[0],
                            analysis.layer(i + 1).thresholdKeys().orElseThrow(),
                            analysis.streaming().layers().get(i).rows(), shape, fmt, null, ot.shape(),
                            PixelFormat.levels(ot), pop));
                    shape = ot.shape();
                    fmt = PixelFormat.levels(ot);
                    i++;
                }
                case Dense d -> {
                    boolean fused = i + 1 < layers.size() && layers.get(i + 1) instanceof ThresholdActivation;
                    TensorType ot = types.get(fused ? i + 1 : i);
                    PixelFormat vec = fmt.kind() == PixelFormat.Kind.IMAGE ? fmt
                            : new PixelFormat(fmt.kind(), d.inFeatures(), fmt.bits());
                    PixelFormat out = fused ? PixelFormat.levels(ot) : null;
                    stages.add(new Stage.Mac(id, fused ? i + 1 : i, true, 1, 1, 1, 0, d.outFeatures(),
                            analysis.layer(i).weightPlanes().orElseThrow(), d.bias(),
                            fused ? analysis.layer(i + 1).thresholdKeys().orElseThrow() : null, 1, shape, fmt, vec,
                            ot.shape(), out, popcount(d.weightBits(), vec)));
                    shape = ot.shape();
                    fmt = out;
                    i += fused ? 1 : 0;
                }
                case Flatten f -> {
                    if (i + 1 < layers.size() && layers.get(i + 1) instanceof Dense) {
                        continue; // the dense layer gathers the stream itself
                    }
                    TensorType ot = types.get(i);
                    PixelFormat out = new PixelFormat(fmt.kind() == PixelFormat.Kind.WIDE ? PixelFormat.Kind.WIDE
                            : PixelFormat.Kind.PLANES, ot.shape().channels(), ot.bits());
                    stages.add(new Stage.Gather(id, i, shape, fmt, ot.shape(), out));
                    shape = ot.shape();
                    fmt = out;
                }
                case ThresholdActivation t -> {
                    TensorType ot = types.get(i);
                    stages.add(new Stage.Levels(id, i, analysis.layer(i).thresholdKeys().orElseThrow(), shape, fmt, ot.shape(), PixelFormat.levels(ot)));
                    fmt = PixelFormat.levels(ot);
                }
                case MaxPool m -> {
                    TensorType ot = types.get(i);
                    stages.add(new Stage.Pool(id, i, m, shape, fmt, ot.shape(), PixelFormat.levels(ot)));
                    shape = ot.shape();
                    fmt = PixelFormat.levels(ot);
                }
                case GlobalSumPool g -> {
                    TensorType ot = types.get(i);
                    stages.add(new Stage.Sum(id, i, shape, fmt, ot.shape(), PixelFormat.levels(ot)));
                    shape = ot.shape();
                    fmt = PixelFormat.levels(ot);
                }
            }
        }
        return new StreamPlan(model, stages);
    }

    private static boolean popcount(int weightBits, PixelFormat in) {
        return weightBits <= 2 && in.kind() == PixelFormat.Kind.PLANES && in.bits() <= POPCOUNT_MAX_INPUT_BITS;
    }

    public IntModel model() {
        return model;
    }

    List<Stage> stages() {
        return stages;
    }

    /** Every static buffer of the generated C, in stage order. */
    List<Stage.Buffer> buffers() {
        List<Stage.Buffer> all = new ArrayList<>();
        for (Stage s : stages) {
            all.addAll(s.buffers());
        }
        return all;
    }

    /** Bytes of the model's own static buffers (the image and the scores are the caller's). */
    public long staticBytes() {
        return buffers().stream().mapToLong(Stage.Buffer::bytes).sum();
    }

    /** Bytes of the caller's input image. */
    public long imageBytes() {
        return model.input().elements();
    }

    /** The RAM plan, one line per buffer. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "C RAM plan (streamed: %d stages, rows through line buffers)%n", stages.size()));
        for (Stage st : stages) {
            s.append(String.format(Locale.ROOT, "  stage %d  layer %-2d %-7s %s -> %s%n", st.id(), st.layer(), label(st),
                    st.inShape(), st.outShape()));
            for (Stage.Buffer b : st.buffers()) {
                s.append(String.format(Locale.ROOT, "      %-10s %,7d bytes  %s%n", b.name(), b.bytes(), b.role()));
            }
        }
        s.append(String.format(Locale.ROOT, "  model buffers      %,7d bytes (static, .bss)%n", staticBytes()));
        s.append(String.format(Locale.ROOT, "  input image        %,7d bytes (the caller's, u8 pixels)%n", imageBytes()));
        s.append(String.format(Locale.ROOT, "  scores             %,7d bytes (the caller's, int32)%n", 4L * model.numClasses()));
        s.append("  plus the stack (measured by bench-mcu)").append(System.lineSeparator());
        return s.toString();
    }

    private static String label(Stage s) {
        return switch (s) {
            case Stage.Mac m -> (m.dense() ? "dense" : "conv") + (m.popcount() ? "/pop" : "/mac");
            case Stage.Pool p -> "maxpool";
            case Stage.Levels l -> "thresh";
            case Stage.Sum u -> "sum";
            case Stage.Gather g -> "flatten";
        };
    }
}
