package io.dot4j.runtime.format;

import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Layer;
import io.dot4j.runtime.ir.MaxPool;
import io.dot4j.runtime.ir.ThresholdActivation;
import io.dot4j.runtime.ir.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the bytes of a {@code .dot4j} file go: header + every layer record + CRC. {@link #total()} equals the
 * length of the file {@link ModelWriter} writes (computed here from the layout, not by writing it).
 * Per layer, {@code weightBytes} is weights + bias and {@code thresholdBytes} sign flags + thresholds; the rest of
 * a record (kind, body length, shape fields) is structure.
 */
public record ModelSize(long headerBytes, List<LayerSize> layers, long crcBytes) {

    public ModelSize {
        layers = List.copyOf(layers);
    }

    /** The breakdown of the file {@link ModelWriter} writes (format version 4). */
    public static ModelSize of(IntModel model) {
        return of(model, FormatSpec.VERSION);
    }

    /**
     * The breakdown of the model's file in format {@code version} 4 (what {@link ModelWriter} writes), 3 or 2 (still
     * read, so {@code inspect} can account for an old file byte by byte and say what re-exporting saves).
     */
    public static ModelSize of(IntModel model, int version) {
        if (version != FormatSpec.VERSION && version != FormatSpec.VERSION_3 && version != FormatSpec.VERSION_2) {
            throw new IllegalArgumentException("format version " + version + ", expected 2, 3 or 4");
        }
        boolean v2 = version == FormatSpec.VERSION_2;
        List<LayerSize> out = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            Layer l = model.layers().get(i);
            long weights = v2 ? v2WeightBytes(l) : l.weightBytes();
            long thresholds = version == FormatSpec.VERSION ? l.thresholdBytes() : signBytesThresholdBytes(l);
            long body = (v2 ? v2FixedFields(l) : fixedFields(l)) + weights + thresholds;
            long header = v2 ? FormatSpec.V2_RECORD_HEADER_BYTES : 1 + FormatSpec.varintBytes(body);
            out.add(new LayerSize(i, l.kind(), header + body, weights, thresholds));
        }
        long headerBytes = v2 ? FormatSpec.V2_HEADER_BYTES : FormatSpec.PREFIX_BYTES
                + FormatSpec.varintBytes(model.input().channels()) + FormatSpec.varintBytes(model.input().height())
                + FormatSpec.varintBytes(model.input().width()) + FormatSpec.varintBytes(model.numClasses())
                + FormatSpec.varintBytes(model.layers().size());
        return new ModelSize(headerBytes, out, FormatSpec.CRC_BYTES);
    }

    /** Versions 2 and 3: one sign byte per channel (not one bit), then the thresholds. */
    private static long signBytesThresholdBytes(Layer l) {
        if (!(l instanceof ThresholdActivation)) {
            return l.thresholdBytes();
        }
        ThresholdActivation t = (ThresholdActivation) l;
        return t.channels() + (long) t.channels() * t.perChannel() * t.storageWidth();
    }

    /** Versions 3 and 4: channel and feature counts are varints, the rest u8, no reserved bytes. */
    static long fixedFields(Layer l) {
        if (l instanceof Conv) {
            Conv c = (Conv) l;
            return FormatSpec.varintBytes(c.outChannels()) + FormatSpec.varintBytes(c.inChannels())
                    + FormatSpec.V3_CONV_U8_FIELDS;
        }
        if (l instanceof Dense) {
            Dense d = (Dense) l;
            return FormatSpec.varintBytes(d.outFeatures()) + FormatSpec.varintBytes(d.inFeatures())
                    + FormatSpec.V3_DENSE_U8_FIELDS;
        }
        if (l instanceof ThresholdActivation) {
            return FormatSpec.varintBytes(((ThresholdActivation) l).channels()) + FormatSpec.V3_THRESHOLD_U8_FIELDS;
        }
        if (l instanceof MaxPool) {
            return FormatSpec.MAXPOOL_FIELDS;
        }
        return 0; // GlobalSumPool, Flatten
    }

    private static long v2FixedFields(Layer l) {
        if (l instanceof Conv) {
            return FormatSpec.V2_CONV_FIELDS;
        }
        if (l instanceof Dense) {
            return FormatSpec.V2_DENSE_FIELDS;
        }
        if (l instanceof ThresholdActivation) {
            return FormatSpec.V2_THRESHOLD_FIELDS;
        }
        if (l instanceof MaxPool) {
            return FormatSpec.MAXPOOL_FIELDS;
        }
        return 0;
    }

    /** Version 2 padded every plane of every row to whole 64-bit words. */
    private static long v2WeightBytes(Layer l) {
        Weights w = l instanceof Conv ? ((Conv) l).weights() : l instanceof Dense ? ((Dense) l).weights() : null;
        if (w == null || w.bits() == 8) {
            return l.weightBytes();
        }
        return l.weightBytes() - w.storageBytes() + 8L * w.rows() * w.bits() * w.wordsPerRow();
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
