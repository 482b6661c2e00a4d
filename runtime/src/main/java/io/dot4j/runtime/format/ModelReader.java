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
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import io.dot4j.runtime.io.InputFiles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Reads and validates a {@code .dot4j} file of format version 4, 3 or 2 (layout in docs/MODEL_FORMAT.md).
 *
 * <p>Every count, shape and length is checked against its bounds and against the bytes that remain
 * <em>before</em> anything is allocated, so a corrupt or hostile file cannot cause an out-of-memory error or a
 * long loop. Anything wrong is reported as a {@link ModelFormatException} naming the byte offset and the field;
 * no other exception escapes.
 */
public final class ModelReader {
    private ModelReader() {
    }

    /** True if the file starts with the .dot4j magic bytes (a quick check of what a command was given). */
    public static boolean hasMagic(Path path) throws IOException {
        InputFiles.requireRegular(path);
        try (var in = java.nio.file.Files.newInputStream(path)) {
            return java.util.Arrays.equals(in.readNBytes(FormatSpec.MAGIC.length), FormatSpec.MAGIC);
        }
    }

    /**
     * The format version of a {@code .dot4j} file (2, 3 or 4, the versions this reader knows), read from its header
     * without reading the model; {@code inspect} uses it to account for the file's bytes in its own layout.
     */
    public static int formatVersion(Path path) throws IOException {
        byte[] head;
        InputFiles.requireRegular(path);
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(FormatSpec.PREFIX_BYTES);
        }
        String source = String.valueOf(path.getFileName());
        if (head.length < FormatSpec.PREFIX_BYTES || !java.util.Arrays.equals(head, 0, FormatSpec.MAGIC.length,
                FormatSpec.MAGIC, 0, FormatSpec.MAGIC.length)) {
            throw new ModelFormatException(source, 0, "no .dot4j magic and version: not a .dot4j model");
        }
        int version = (head[8] & 0xFF) | (head[9] & 0xFF) << 8;
        if (!known(version)) {
            throw new ModelFormatException(source, 8, "'version' = " + version + ", this reader knows versions "
                    + FormatSpec.VERSION_2 + ", " + FormatSpec.VERSION_3 + " and " + FormatSpec.VERSION);
        }
        return version;
    }

    /** Reads a model file. */
    public static IntModel read(Path path) throws IOException {
        String source = String.valueOf(path.getFileName());
        InputFiles.requireRegular(path);
        long size = Files.size(path);
        if (size > FormatSpec.MAX_FILE_BYTES) {
            throw new ModelFormatException(source, FormatSpec.MAX_FILE_BYTES, "file is " + size
                    + " bytes, longer than the " + FormatSpec.MAX_FILE_BYTES + " bytes a .dot4j model may have");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            // read at most one byte past the limit, whatever the file claims to be
            bytes = in.readNBytes((int) FormatSpec.MAX_FILE_BYTES + 1);
        }
        if (bytes.length > FormatSpec.MAX_FILE_BYTES) {
            throw new ModelFormatException(source, FormatSpec.MAX_FILE_BYTES,
                    "file is longer than the " + FormatSpec.MAX_FILE_BYTES + " bytes a .dot4j model may have");
        }
        return read(bytes, source);
    }

    /** Reads a model from the bytes of a {@code .dot4j} file. */
    public static IntModel read(byte[] bytes) throws ModelFormatException {
        return read(bytes, "<bytes>");
    }

    /** Reads a model from the bytes of a {@code .dot4j} file; {@code source} names it in error messages. */
    public static IntModel read(byte[] bytes, String source) throws ModelFormatException {
        return read(bytes, source, FormatSpec.MAX_UNPACKED_WEIGHT_BYTES);
    }

    /** As {@link #read(byte[], String)} with another memory budget for unpacked weights (tests use a small one). */
    static IntModel read(byte[] bytes, String source, long unpackedWeightBudget) throws ModelFormatException {
        if (bytes == null) {
            throw new ModelFormatException(source, 0, "no bytes");
        }
        Parser p = new Parser(bytes, source, unpackedWeightBudget);
        try {
            return p.model();
        } catch (ModelFormatException e) {
            throw p.withCrcHint(e);
        } catch (RuntimeException | StackOverflowError e) {
            // a check we forgot must still surface as a format error, never as a crash
            throw new ModelFormatException(source, p.pos, "unreadable model (" + e + ")", e);
        }
    }

    private static boolean known(int version) {
        return version == FormatSpec.VERSION || version == FormatSpec.VERSION_3 || version == FormatSpec.VERSION_2;
    }

    private static final class Parser {
        final byte[] b;
        final String src;
        int pos;
        int limit;
        String prefix = ""; // "layer i " while inside a layer record
        int inputAt; // offset of inputChannels, the first field of the input shape
        int classesAt;
        boolean v2; // version 2: fixed-width counts, reserved bytes, weight rows padded to 64-bit words
        boolean signBitmaps; // version 4: one sign bit per channel, not one byte
        final long unpackedWeightBudget;
        long unpackedWeightBytes; // memory the packed weights read so far take

        Parser(byte[] b, String src, long unpackedWeightBudget) {
            this.b = b;
            this.src = src;
            this.unpackedWeightBudget = unpackedWeightBudget;
        }

        ModelFormatException fail(long at, String msg) {
            return new ModelFormatException(src, at, msg);
        }

        ModelFormatException withCrcHint(ModelFormatException e) {
            if (b.length < FormatSpec.PREFIX_BYTES + FormatSpec.CRC_BYTES || e.detail().startsWith("'crc32'")) {
                return e;
            }
            if (storedCrc() != computedCrc()) {
                return new ModelFormatException(src, e.offset(),
                        e.detail() + " (the CRC-32 does not match either: the file is corrupt or truncated)");
            }
            return e;
        }

        long storedCrc() {
            int at = b.length - FormatSpec.CRC_BYTES;
            return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
        }

        long computedCrc() {
            CRC32 crc = new CRC32();
            crc.update(b, 0, b.length - FormatSpec.CRC_BYTES);
            return crc.getValue();
        }

        void need(int n, String field) throws ModelFormatException {
            if ((long) pos + n > limit) {
                String where = limit == b.length - FormatSpec.CRC_BYTES ? "before the CRC" : "in the record";
                throw fail(pos, prefix + "'" + field + "' needs " + n + " byte(s), but only " + Math.max(0, limit - pos)
                        + " remain " + where);
            }
        }

        int u8(String field) throws ModelFormatException {
            need(1, field);
            return b[pos++] & 0xFF;
        }

        int u16(String field) throws ModelFormatException {
            need(2, field);
            int v = (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8;
            pos += 2;
            return v;
        }

        int i32(String field) throws ModelFormatException {
            need(4, field);
            int v = (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8 | (b[pos + 2] & 0xFF) << 16 | (b[pos + 3] & 0xFF) << 24;
            pos += 4;
            return v;
        }

        /** A signed integer stored in {@code width} = 1, 2 or 4 bytes. */
        int signed(int width, String field) throws ModelFormatException {
            return width == 1 ? (byte) u8(field) : width == 2 ? (short) u16(field) : i32(field);
        }

        long u32(String field) throws ModelFormatException {
            return i32(field) & 0xFFFFFFFFL;
        }

        long i64() {
            long v = 0;
            for (int k = 7; k >= 0; k--) {
                v = v << 8 | (b[pos + k] & 0xFF);
            }
            pos += 8;
            return v;
        }

        /** Reads a field and checks its range; the error points at the field's first byte. */
        int field(String field, int bytes, long min, long max) throws ModelFormatException {
            int at = pos;
            long v = bytes == 1 ? u8(field) : bytes == 2 ? u16(field) : u32(field);
            if (v < min || v > max) {
                throw fail(at, prefix + "'" + field + "' = " + v + ", expected " + min + ".." + max);
            }
            return (int) v;
        }

        /**
         * An unsigned LEB128 varint of at most 5 bytes in its shortest form (one value, one encoding), checked
         * against {@code min..max}; errors point at its first byte.
         */
        long varint(String field, long min, long max) throws ModelFormatException {
            int at = pos;
            long v = 0;
            for (int i = 0; ; i++) {
                if (i == 5) {
                    throw fail(at, prefix + "'" + field + "' varint is longer than 5 bytes");
                }
                int x = u8(field);
                v |= (long) (x & 0x7F) << (7 * i);
                if ((x & 0x80) == 0) {
                    if (x == 0 && i > 0) {
                        throw fail(at, prefix + "'" + field + "' varint ends in a 0x00 byte: not its shortest encoding");
                    }
                    break;
                }
            }
            if (v < min || v > max) {
                throw fail(at, prefix + "'" + field + "' = " + v + ", expected " + min + ".." + max);
            }
            return v;
        }

        /** A count: a varint in versions 3 and 4, a u16/u32 of {@code v2Bytes} in version 2. */
        int count(String field, int v2Bytes, long min, long max) throws ModelFormatException {
            return v2 ? field(field, v2Bytes, min, max) : (int) varint(field, min, max);
        }

        /** Reserved zero bytes exist only in version 2. */
        void reserved(int bytes) throws ModelFormatException {
            if (v2) {
                zero("reserved", bytes);
            }
        }

        void zero(String field, int bytes) throws ModelFormatException {
            int at = pos;
            long v = bytes == 1 ? u8(field) : u16(field);
            if (v != 0) {
                throw fail(at, prefix + "'" + field + "' = " + v + ", expected 0 (reserved)");
            }
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
            if (!known(version)) {
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
}
