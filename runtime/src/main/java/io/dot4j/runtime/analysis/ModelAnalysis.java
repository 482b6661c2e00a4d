package io.dot4j.runtime.analysis;

import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.TensorType;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a back end needs to know about an {@link IntModel}, derived once from the IR: per layer the value
 * range and bit width of every output and partial sum, the threshold keys, the weight planes and the MACs
 * ({@link LayerAnalysis}); the buffers a whole-tensor device and the Java engine hold ({@link BufferPlan}); and what
 * a streaming back end holds ({@link StreamingPlan}). The Java engine, the C generator and the Verilog generator read
 * it instead of re-deriving the lowered semantics.
 *
 * <p>All ranges are sound for every input image (pixels 0..255): no output of the reference interpreter lies outside
 * them. They are bounds, not always reached (inputs of a sum are treated as independent).
 *
 * @param model   the model analysed
 * @param layers  one analysis per layer, in order
 * @param buffers the whole-tensor buffer plan
 * @param streaming the streaming plan
 */
public record ModelAnalysis(IntModel model, List<LayerAnalysis> layers, BufferPlan buffers, StreamingPlan streaming) {

    public ModelAnalysis {
        if (model == null || layers == null || buffers == null || streaming == null) {
            throw new IllegalArgumentException("model, layers, buffers and streaming are required");
        }
        layers = List.copyOf(layers);
    }

    /** Analyses {@code model}; costs one pass over its weights. */
    public static ModelAnalysis of(IntModel model) {
        if (model == null) {
            throw new IllegalArgumentException("model is required");
        }
        List<TensorType> types = model.outputTypes();
        List<LayerAnalysis> out = new ArrayList<>(types.size());
        TensorType in = model.inputType();
        List<ValueRange> ranges = List.of(new ValueRange(0, in.maxLevel()));
        for (int i = 0; i < types.size(); i++) {
            LayerAnalysis a = RangePropagation.analyse(i, model.layers().get(i), in, types.get(i), ranges);
            out.add(a);
            in = types.get(i);
            ranges = a.channelRanges();
        }
        return new ModelAnalysis(model, out, BufferPlan.of(model), StreamingPlan.of(model));
    }

    /** The analysis of layer {@code index}. */
    public LayerAnalysis layer(int index) {
        if (index < 0 || index >= layers.size()) {
            throw new IndexOutOfBoundsException("layer " + index + ", expected 0.." + (layers.size() - 1));
        }
        return layers.get(index);
    }

    /** Range of the class scores (the last layer's accumulators). */
    public ValueRange scoreRange() {
        return layers.get(layers.size() - 1).range();
    }
}
