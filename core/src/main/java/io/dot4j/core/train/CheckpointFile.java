package io.dot4j.core.train;

import io.dot4j.core.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dot4j.core.tensor.Tensor;
import io.dot4j.runtime.io.InputFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The checkpoint container (see docs/CHECKPOINT_FORMAT.md): magic, version, a JSON header naming every tensor and
 * its shape plus free metadata, the tensors as raw little-endian float32 in header order, and a CRC-32 of everything
 * before it. Writing is atomic (temporary file in the same folder, then rename); reading validates every length
 * against the file size before allocating, and names the file and offset of any problem.
 */
public final class CheckpointFile {
    static final byte[] MAGIC = "DOT4JCKP".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    /** magic 8 + version 4 + header length 4. */
    static final int PREFIX = 16;
    static final int MAX_HEADER = 64 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a checkpoint file holds: the metadata (the header's "meta" object) and the named tensors in order. */
    public record Contents(ObjectNode meta, Map<String, Tensor> tensors) {
        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        }
    }

    private CheckpointFile() {
    }

    public static void write(Path file, ObjectNode meta, Map<String, Tensor> tensors) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        header.put("format", "dot4j-checkpoint");
        ArrayNode list = header.putArray("tensors");
        long payload = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            ObjectNode t = list.addObject();
            t.put("name", e.getKey());
            ArrayNode shape = t.putArray("shape");
            for (int d : e.getValue().shape()) {
                shape.add(d);
            }
            payload += 4L * e.getValue().size();
        }
        header.set("meta", meta);
        byte[] h = JSON.writeValueAsBytes(header);
        long total = PREFIX + h.length + payload + 4;
        if (total > Integer.MAX_VALUE - 16) {
            throw new IOException(file + ": checkpoint of " + total + " bytes is too large (limit 2 GiB)");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).putInt(VERSION).putInt(h.length).put(h);
        for (Tensor t : tensors.values()) {
            for (float v : t.data()) {
                buf.putFloat(v);
            }
        }
        CRC32 crc = new CRC32();
        crc.update(buf.array(), 0, buf.position());
        buf.putInt((int) crc.getValue());
        AtomicFiles.write(file, buf.array());
    }

    public static Contents read(Path file) throws IOException {
        InputFiles.requireRegular(file);
        long size = Files.size(file);
        if (size < PREFIX + 2 + 4) {
            throw new CheckpointFormatException(file, 0, "file of " + size + " bytes is too short for a checkpoint (at least "
                    + (PREFIX + 6) + ")");
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new CheckpointFormatException(file, 0, "file of " + size + " bytes is larger than any checkpoint (2 GiB)");
        }
        byte[] all = Files.readAllBytes(file);
        if (all.length != size) {
            throw new CheckpointFormatException(file, Math.min(all.length, size), "the file changed while being read");
        }
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[MAGIC.length];
        buf.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new CheckpointFormatException(file, 0, "expected magic \"DOT4JCKP\", actual "
                    + new String(magic, StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", "?") + " (not a dot4j checkpoint)");
        }
        int version = buf.getInt();
        if (version != VERSION) {
            throw new CheckpointFormatException(file, 8, "unsupported version " + version + ", expected " + VERSION);
        }
        int headerLength = buf.getInt();
        long maxHeader = size - PREFIX - 4;
        if (headerLength < 2 || headerLength > maxHeader || headerLength > MAX_HEADER) {
            throw new CheckpointFormatException(file, 12, "header length " + headerLength + " is out of range [2, "
                    + Math.min(maxHeader, MAX_HEADER) + "] for a file of " + size + " bytes");
        }
        JsonNode header;
        try {
            // from the bytes: invalid UTF-8 is an error at its offset, not a silent replacement character
            header = JSON.readTree(all, PREFIX, headerLength);
        } catch (JsonProcessingException e) {
            long at = PREFIX + (e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getByteOffset()));
            throw new CheckpointFormatException(file, at, "the JSON header is malformed: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            // the parser's encoding detection (UTF-16/32 from zero bytes) fails with a bare CharConversionException
            throw new CheckpointFormatException(file, PREFIX, "the JSON header is not UTF-8 text: " + e.getMessage(), e);
        }
        if (header == null || !header.isObject() || !"dot4j-checkpoint".equals(header.path("format").asText())
                || !header.path("tensors").isArray() || !header.path("meta").isObject()) {
            throw new CheckpointFormatException(file, PREFIX, "expected a JSON header object with \"format\": \"dot4j-checkpoint\","
                    + " a \"tensors\" array and a \"meta\" object");
        }
        long payloadStart = PREFIX + (long) headerLength;
        long payloadEnd = size - 4;
        long offset = payloadStart;
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (JsonNode t : header.get("tensors")) {
            String name = t.path("name").asText(null);
            JsonNode shapeNode = t.path("shape");
            if (name == null || name.isEmpty() || !shapeNode.isArray() || shapeNode.size() > 8) {
                throw new CheckpointFormatException(file, PREFIX, "tensor entry " + shapes.size()
                        + " of the header needs a \"name\" and a \"shape\" array of at most 8 dimensions, actual " + t);
            }
            if (shapes.containsKey(name)) {
                throw new CheckpointFormatException(file, PREFIX, "tensor " + name + " appears twice in the header");
            }
            int[] shape = new int[shapeNode.size()];
            long count = 1;
            for (int i = 0; i < shape.length; i++) {
                JsonNode d = shapeNode.get(i);
                if (!d.isIntegralNumber() || !d.canConvertToInt() || d.asInt() < 0) {
                    throw new CheckpointFormatException(file, PREFIX, "tensor " + name + ": dimension " + i + " must be an int >= 0,"
                            + " actual " + d);
                }
                shape[i] = d.asInt();
                count *= shape[i];
                if (count > payloadEnd) {
                    break;
                }
            }
            long bytes = 4 * count;
            if (offset + bytes > payloadEnd) {
                throw new CheckpointFormatException(file, offset, "tensor " + name + " of shape " + Arrays.toString(shape) + " needs "
                        + bytes + " bytes but only " + (payloadEnd - offset) + " remain before the CRC (file truncated?)");
            }
            shapes.put(name, shape);
            offset += bytes;
        }
        if (offset != payloadEnd) {
            throw new CheckpointFormatException(file, offset, (payloadEnd - offset)
                    + " bytes after the last tensor where the CRC-32 was expected (header and data disagree)");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, (int) payloadEnd);
        int stored = buf.getInt((int) payloadEnd);
        if (stored != (int) crc.getValue()) {
            throw new CheckpointFormatException(file, payloadEnd, String.format(java.util.Locale.ROOT,
                    "CRC-32 mismatch: stored %08x, computed %08x (the file is corrupt)", stored, (int) crc.getValue()));
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        buf.position((int) payloadStart);
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            Tensor t = Tensor.zeros(e.getValue());
            float[] d = t.data();
            for (int i = 0; i < d.length; i++) {
                d[i] = buf.getFloat();
            }
            tensors.put(e.getKey(), t);
        }
        return new Contents((ObjectNode) header.get("meta"), tensors);
    }
}
