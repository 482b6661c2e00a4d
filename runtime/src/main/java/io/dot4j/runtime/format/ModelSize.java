package io.dot4j.runtime.format;

import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Layer;
import io.dot4j.runtime.ir.MaxPool;
import io.dot4j.runtime.ir.ThresholdActivation;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the bytes of a {@code .dot4j} file go: header + every layer record + CRC. {@link #total()} equals the
 * length of the file {@link ModelWriter} writes (computed here from the layout, not by writing it).
 */
public record ModelSize(long headerBytes, List<LayerSize> layers, long crcBytes) {

    public ModelSize {
        layers = List.copyOf(layers);
    }

    public static ModelSize of(IntModel model) {
        List<LayerSize> out = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            Layer l = model.layers().get(i);
            long fields = fixedFields(l);
            out.add(new LayerSize(i, l.kind(), FormatSpec.RECORD_HEADER_BYTES + fields + l.weightBytes() + l.thresholdBytes(),
                    l.weightBytes(), l.thresholdBytes()));
        }
        return new ModelSize(FormatSpec.HEADER_BYTES, out, FormatSpec.CRC_BYTES);
    }

    static int fixedFields(Layer l) {
        if (l instanceof Conv) {
            return FormatSpec.CONV_FIELDS;
        }
        if (l instanceof Dense) {
            return FormatSpec.DENSE_FIELDS;
        }
        if (l instanceof ThresholdActivation) {
            return FormatSpec.THRESHOLD_FIELDS;
        }
        if (l instanceof MaxPool) {
            return FormatSpec.MAXPOOL_FIELDS;
        }
        return 0; // GlobalSumPool, Flatten
    }

    /** Bytes of the whole file. */
    public long total() {
        return headerBytes + layers.stream().mapToLong(LayerSize::recordBytes).sum() + crcBytes;
    }

    /** Bytes of weights and biases over all layers. */
    public long weightBytes() {
        return layers.stream().mapToLong(LayerSize::weightBytes).sum();
    }

    /** Bytes of thresholds and sign flags over all layers. */
    public long thresholdBytes() {
        return layers.stream().mapToLong(LayerSize::thresholdBytes).sum();
    }
}
