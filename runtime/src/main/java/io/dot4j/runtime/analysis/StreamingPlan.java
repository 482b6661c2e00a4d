package io.dot4j.runtime.analysis;

import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.GlobalSumPool;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Layer;
import io.dot4j.runtime.ir.MaxPool;
import io.dot4j.runtime.ir.Shape;
import io.dot4j.runtime.ir.TensorType;
import java.util.ArrayList;
import java.util.List;

/**
 * The memory of a streaming back end: every layer's {@link LineBuffer}, all held at once (the layers of a streaming
 * pipeline run together), so the streaming peak is their sum. Not counted: weights and thresholds (in flash or ROM),
 * the one input row in flight between two layers, and registers.
 *
 * @param layers one line buffer per layer, in order
 */
public record StreamingPlan(List<LineBuffer> layers) {

    public StreamingPlan {
        layers = List.copyOf(layers);
    }

    static StreamingPlan of(IntModel model) {
        List<TensorType> types = model.outputTypes();
        List<LineBuffer> out = new ArrayList<>(types.size());
        TensorType in = model.inputType();
        for (int i = 0; i < types.size(); i++) {
            out.add(lineBuffer(i, model.layers().get(i), in, types.get(i)));
            in = types.get(i);
        }
        return new StreamingPlan(out);
    }

    private static LineBuffer lineBuffer(int index, Layer layer, TensorType in, TensorType out) {
        Shape s = in.shape();
        long rowElements = (long) s.width() * s.channels();
        long rowBytes = in.isLevels() ? (rowElements * in.bits() + 7) / 8 : 4 * rowElements;
        if (layer instanceof Conv) {
            Conv c = (Conv) layer;
            return new LineBuffer(index, layer.kind(), c.kernelHeight(), c.stride(), c.padding(),
                    Math.min(c.kernelHeight(), s.height()), rowBytes, 0);
        }
        if (layer instanceof MaxPool) {
            MaxPool p = (MaxPool) layer;
            return new LineBuffer(index, layer.kind(), p.kernel(), p.stride(), 0, Math.min(p.kernel(), s.height()),
                    rowBytes, 0);
        }
        if (layer instanceof GlobalSumPool) {
            return new LineBuffer(index, layer.kind(), 0, 0, 0, 0, rowBytes, out.storageBytes());
        }
        if (layer instanceof Dense) {
            return new LineBuffer(index, layer.kind(), 0, 0, 0, 0, rowBytes, 4L * out.shape().elements());
        }
        return new LineBuffer(index, layer.kind(), 0, 0, 0, 0, rowBytes, 0);
    }

    /** The streaming peak: the sum of every layer's {@link LineBuffer#totalBytes()}. */
    public long peakBytes() {
        long sum = 0;
        for (LineBuffer b : layers) {
            sum += b.totalBytes();
        }
        return sum;
    }
}
