package io.dot4j.runtime.format;

import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.Flatten;
import io.dot4j.runtime.ir.GlobalSumPool;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Layer;
import io.dot4j.runtime.ir.LayerException;
import io.dot4j.runtime.ir.Limits;
import io.dot4j.runtime.ir.MaxPool;
import io.dot4j.runtime.ir.ModelValidationException;
import io.dot4j.runtime.ir.Shape;
import io.dot4j.runtime.ir.TensorType;
import io.dot4j.runtime.ir.ThresholdActivation;
import io.dot4j.runtime.ir.Weights;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the bytes of a {@code .dot4j} file into a validated {@link IntModel}: the header, then one record per layer,
 * each checked against its bounds and the bytes that remain before anything is allocated (layout in
 * docs/MODEL_FORMAT.md). {@link ModelReader} is the public entry point.
 */
final class ModelParser extends FieldCursor {
    int inputAt; // offset of inputChannels, the first field of the input shape
    int classesAt;
    boolean signBitmaps; // version 4: one sign bit per channel, not one byte
    final long unpackedWeightBudget;
    long unpackedWeightBytes; // memory the packed weights read so far take

    ModelParser(byte[] b, String src, long unpackedWeightBudget) {
        super(b, src);
        this.unpackedWeightBudget = unpackedWeightBudget;
    }

    IntModel model() throws ModelFormatException {
        for (int i = 0; i < FormatSpec.MAGIC.length; i++) {
            if (i >= b.length) {
                throw fail(i, "'magic' is cut off: the file has only " + b.length + " bytes, not a .dot4j model");
            }
            if (b[i] != FormatSpec.MAGIC[i]) {
                throw fail(i, "'magic' byte = 0x" + Integer.toHexString(b[i] & 0xFF) + ", expected 0x"
                        + Integer.toHexString(FormatSpec.MAGIC[i] & 0xFF) + ": not a .dot4j model");
            }
        }
        pos = FormatSpec.MAGIC.length;
        limit = b.length;
        int version = u16("version");
        if (version == 1) {
            throw fail(8, "'version' = 1: format version 1 is no longer read; re-export the model");
        }
        if (!ModelReader.known(version)) {
            throw fail(8, "'version' = " + version + ", this reader knows versions " + FormatSpec.VERSION_2 + ", "
                    + FormatSpec.VERSION_3 + " and " + FormatSpec.VERSION);
        }
        v2 = version == FormatSpec.VERSION_2;
        signBitmaps = version >= FormatSpec.VERSION;
        // the smallest header: version 2's fixed one, or version 3 and 4's prefix + five one-byte varints
        int minHeader = v2 ? FormatSpec.V2_HEADER_BYTES : FormatSpec.PREFIX_BYTES + 5;
        if (b.length < minHeader + FormatSpec.CRC_BYTES) {
            throw fail(b.length, "file ends after " + b.length + " bytes, shorter than the smallest "
                    + (minHeader + FormatSpec.CRC_BYTES) + "-byte header and CRC");
        }
        limit = b.length - FormatSpec.CRC_BYTES;
        if (v2) {
            zero("flags", 2);
        }
        inputAt = pos;
        int c = count("inputChannels", 2, 1, Limits.MAX_DIM);
        int h = count("inputHeight", 2, 1, Limits.MAX_DIM);
        int w = count("inputWidth", 2, 1, Limits.MAX_DIM);
        classesAt = pos;
        int classes = count("numClasses", 2, 1, Limits.MAX_CLASSES);
        int layerCountAt = pos;
        int count = count("layerCount", 4, 1, Limits.MAX_LAYERS);
        int minRecord = v2 ? FormatSpec.V2_RECORD_HEADER_BYTES : FormatSpec.V3_MIN_RECORD_BYTES;
        long maxLayers = Math.min(Limits.MAX_LAYERS, (limit - pos) / minRecord);
        if (count > maxLayers) {
            throw fail(layerCountAt, "'layerCount' = " + count + ", but the file has room for at most " + maxLayers + " layer records");
        }
        Shape input;
        try {
            input = new Shape(c, h, w);
        } catch (IllegalArgumentException e) {
            throw fail(inputAt, "'input' " + e.getMessage());
        }
        TensorType t = TensorType.levels(input, IntModel.PIXEL_BITS);
        List<Layer> layers = new ArrayList<>(count);
        int[] starts = new int[count];
        for (int i = 0; i < count; i++) {
            starts[i] = pos;
            Layer layer = layer(i);
            try {
                t = IntModel.nextType(i, layer, t);
            } catch (ModelValidationException e) {
                throw fail(starts[i], e.getMessage());
            }
            layers.add(layer);
        }
        if (pos != limit) {
            throw fail(pos, (limit - pos) + " unexpected byte(s) after the last layer record");
        }
        long stored = storedCrc(), computed = computedCrc();
        if (stored != computed) {
            throw fail(limit, "'crc32' = 0x" + Long.toHexString(stored) + ", but bytes 0.." + (limit - 1) + " give 0x"
                    + Long.toHexString(computed) + ": the file is corrupt");
        }
        try {
            return new IntModel(input, layers, classes);
        } catch (ModelValidationException e) {
            int at = e.layerIndex() >= 0 ? starts[e.layerIndex()] : "numClasses".equals(e.field()) ? classesAt : inputAt;
            throw fail(at, e.getMessage());
        }
    }

    Layer layer(int i) throws ModelFormatException {
        prefix = "layer " + i + " ";
        int start = pos;
        int kind = field("kind", 1, FormatSpec.KIND_CONV, FormatSpec.KIND_FLATTEN);
        prefix = "layer " + i + " (" + kindName(kind) + ") ";
        int lenAt = pos;
        long len = v2 ? u32("bodyLength") : varint("bodyLength", 0, FormatSpec.MAX_FILE_BYTES);
        if (len > limit - pos) {
            throw fail(lenAt, prefix + "'bodyLength' = " + len + ", but only " + (limit - pos) + " bytes remain before the CRC");
        }
        int outer = limit;
        int end = pos + (int) len;
        limit = end;
        Map<String, Integer> at = new HashMap<>();
        Layer layer;
        try {
            switch (kind) {
                case FormatSpec.KIND_CONV:
                    layer = conv(at);
                    break;
                case FormatSpec.KIND_DENSE:
                    layer = dense(at);
                    break;
                case FormatSpec.KIND_THRESHOLD:
                    layer = threshold(at);
                    break;
                case FormatSpec.KIND_MAXPOOL:
                    at.put("kernel", pos);
                    int k = field("kernel", 1, 1, Limits.MAX_KERNEL);
                    at.put("stride", pos);
                    layer = new MaxPool(k, field("stride", 1, 1, Limits.MAX_STRIDE));
                    break;
                case FormatSpec.KIND_GLOBAL_SUM_POOL:
                    layer = new GlobalSumPool();
                    break;
                default:
                    layer = new Flatten();
                    break;
            }
        } catch (LayerException e) {
            throw fail(at.getOrDefault(e.field(), start), prefix + e.getMessage());
        }
        if (pos != end) {
            throw fail(lenAt, prefix + "'bodyLength' = " + len + ", but the record holds "
                    + (pos - (end - (int) len)) + " bytes");
        }
        limit = outer;
        prefix = "";
        return layer;
    }

    private static String kindName(int kind) {
        switch (kind) {
            case FormatSpec.KIND_CONV: return "Conv";
            case FormatSpec.KIND_DENSE: return "Dense";
            case FormatSpec.KIND_THRESHOLD: return "ThresholdActivation";
            case FormatSpec.KIND_MAXPOOL: return "MaxPool";
            case FormatSpec.KIND_GLOBAL_SUM_POOL: return "GlobalSumPool";
            default: return "Flatten";
        }
    }

    Layer conv(Map<String, Integer> at) throws ModelFormatException {
        at.put("outChannels", pos);
        int outC = count("outChannels", 2, 1, Limits.MAX_DIM);
        at.put("inChannels", pos);
        int inC = count("inChannels", 2, 1, Limits.MAX_DIM);
        at.put("kernelHeight", pos);
        int kh = field("kernelHeight", 1, 1, Limits.MAX_KERNEL);
        at.put("kernelWidth", pos);
        int kw = field("kernelWidth", 1, 1, Limits.MAX_KERNEL);
        at.put("stride", pos);
        int stride = field("stride", 1, 1, Limits.MAX_STRIDE);
        at.put("padding", pos);
        int padding = field("padding", 1, 0, Limits.MAX_PADDING);
        int bitsAt = pos;
        int bits = weightBits();
        at.put("inputBits", pos);
        int inputBits = field("inputBits", 1, 1, Limits.MAX_INPUT_BITS);
        reserved(2);
        at.put("weights", pos);
        at.put("weightBits", bitsAt);
        Weights w = weights(bits, outC, (long) kh * kw * inC, limit - pos, "kernelHeight*kernelWidth*inChannels");
        return new Conv(outC, inC, kh, kw, stride, padding, inputBits, w);
    }

    Layer dense(Map<String, Integer> at) throws ModelFormatException {
        at.put("outFeatures", pos);
        int out = count("outFeatures", 4, 1, Limits.MAX_FEATURES);
        at.put("inFeatures", pos);
        int in = count("inFeatures", 4, 1, Limits.MAX_FEATURES);
        at.put("weightBits", pos);
        int bits = weightBits();
        at.put("inputBits", pos);
        int inputBits = field("inputBits", 1, 1, Limits.MAX_INPUT_BITS);
        int widthAt = pos;
        int biasWidth = u8("biasWidth");
        if (biasWidth != 0 && biasWidth != 1 && biasWidth != 2 && biasWidth != 4) {
            throw fail(widthAt, prefix + "'biasWidth' = " + biasWidth + ", expected 0 (no bias), 1, 2 or 4");
        }
        reserved(1);
        long biasBytes = (long) biasWidth * out;
        at.put("weights", pos);
        if (biasBytes > limit - pos) {
            throw fail(pos, prefix + "'bias' needs " + biasBytes + " bytes (" + out + " x " + biasWidth
                    + "), but the record has " + (limit - pos) + " left");
        }
        Weights w = weights(bits, out, in, limit - pos - biasBytes, "inFeatures");
        at.put("bias", pos);
        int[] bias = new int[biasWidth == 0 ? 0 : out];
        for (int j = 0; j < bias.length; j++) {
            bias[j] = signed(biasWidth, "bias");
        }
        Dense layer = new Dense(out, in, inputBits, w, bias);
        if (layer.biasWidth() != biasWidth) {
            throw fail(widthAt, prefix + "'biasWidth' = " + biasWidth + ", but the narrowest width that holds these biases is "
                    + layer.biasWidth() + " (one model, one encoding)");
        }
        return layer;
    }

    int weightBits() throws ModelFormatException {
        int at = pos;
        int bits = u8("weightBits");
        if (bits != 1 && bits != 2 && bits != 8) {
            throw fail(at, prefix + "'weightBits' = " + bits + ", expected 1, 2 or 8");
        }
        return bits;
    }

    /**
     * Checks the payload size against what the record holds, and the memory the unpacked words take against
     * the model's budget, before allocating anything.
     */
    Weights weights(int bits, int rows, long cols, long available, String colsName) throws ModelFormatException {
        long planes = (long) rows * bits, words = planes * ((cols + 63) >>> 6);
        long need = bits == 8 ? rows * cols : v2 ? words * 8 : WeightBitStream.bytes(planes, cols);
        if (need != available) {
            throw fail(pos, prefix + "'weights' need " + need + " bytes for " + rows + " x " + cols + " (" + colsName + ") "
                    + bits + "-bit weights, but the record has " + available);
        }
        if (bits == 8) {
            byte[] v = new byte[(int) need];
            System.arraycopy(b, pos, v, 0, v.length);
            pos += v.length;
            return Weights.int8(rows, (int) cols, v);
        }
        unpackedWeightBytes += words * 8;
        if (unpackedWeightBytes > unpackedWeightBudget) {
            throw fail(pos, prefix + "'weights' of " + rows + " x " + cols + " (" + colsName + ") " + bits
                    + "-bit weights unpack to " + words * 8 + " bytes of 64-bit words; with the layers before, more than the "
                    + unpackedWeightBudget + " a model may take");
        }
        long[] v;
        if (v2) {
            v = new long[(int) words];
            for (int j = 0; j < v.length; j++) {
                v[j] = i64();
            }
        } else {
            long tail = planes * cols & 7;
            int last = pos + (int) need - 1;
            if (tail != 0 && (b[last] & 0xFF) >>> tail != 0) {
                throw fail(last, prefix + "'weights' padding bits " + tail + "..7 of the last weight byte are 0x"
                        + Integer.toHexString(b[last] & 0xFF) + " with bits past the last weight set, expected 0");
            }
            v = WeightBitStream.unpack(b, pos, (int) planes, (int) cols);
            pos += (int) need;
        }
        return bits == 1 ? Weights.binary(rows, (int) cols, v) : Weights.twoBit(rows, (int) cols, v);
    }

    Layer threshold(Map<String, Integer> at) throws ModelFormatException {
        at.put("channels", pos);
        int channels = count("channels", 4, 1, Limits.MAX_FEATURES);
        at.put("bits", pos);
        int bits = field("bits", 1, 1, Limits.MAX_ACTIVATION_BITS);
        int widthAt = pos;
        int width = u8("width");
        if (width != 1 && width != 2 && width != 4) {
            throw fail(widthAt, prefix + "'width' = " + width + ", expected 1, 2 or 4");
        }
        reserved(2);
        int n = (1 << bits) - 1;
        long signBytes = signBitmaps ? (channels + 7) / 8 : channels;
        long need = signBytes + (long) channels * n * width;
        if (need != limit - pos) {
            throw fail(pos, prefix + "'negative' and 'thresholds' need " + need + " bytes for " + channels + " channels x "
                    + n + " thresholds x " + width + " byte(s), but the record has " + (limit - pos));
        }
        boolean[] neg = signBitmaps ? signBitmap(channels) : signBytes(channels);
        int[] t = new int[channels * n];
        for (int j = 0; j < t.length; j++) {
            int tAt = pos;
            t[j] = signed(width, "thresholds");
            if (j % n != 0 && t[j - 1] > t[j]) {
                throw fail(tAt, prefix + "'thresholds' of channel " + j / n + " are not sorted: t[" + (j % n - 1) + "] = "
                        + t[j - 1] + " > t[" + j % n + "] = " + t[j]);
            }
        }
        ThresholdActivation layer = new ThresholdActivation(channels, bits, t, neg);
        if (layer.storageWidth() != width) {
            throw fail(widthAt, prefix + "'width' = " + width + ", but the narrowest width that holds these thresholds is "
                    + layer.storageWidth() + " (one model, one encoding)");
        }
        return layer;
    }

    /** Version 4: bit c % 8 of byte c / 8 is channel c's sign; bits past the last channel must be 0. */
    boolean[] signBitmap(int channels) throws ModelFormatException {
        boolean[] neg = new boolean[channels];
        for (int i = 0; i < (channels + 7) / 8; i++) {
            int byteAt = pos;
            int v = u8("negative");
            int used = Math.min(8, channels - 8 * i);
            if (v >>> used != 0) {
                throw fail(byteAt, prefix + "'negative' bits past channel " + (channels - 1) + " are set (byte 0x"
                        + Integer.toHexString(v) + "), expected 0");
            }
            for (int k = 0; k < used; k++) {
                neg[8 * i + k] = (v >>> k & 1) == 1;
            }
        }
        return neg;
    }

    /** Versions 2 and 3: one byte per channel, 0 or 1. */
    boolean[] signBytes(int channels) throws ModelFormatException {
        boolean[] neg = new boolean[channels];
        for (int c = 0; c < channels; c++) {
            int flagAt = pos;
            int f = u8("negative");
            if (f > 1) {
                throw fail(flagAt, prefix + "'negative' of channel " + c + " = " + f + ", expected 0 or 1");
            }
            neg[c] = f == 1;
        }
        return neg;
    }
}
