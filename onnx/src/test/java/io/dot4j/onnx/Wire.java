package io.dot4j.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A schema-less protobuf reader for the tests: it splits a message into its fields (by number) with protobuf-java's
 * {@link CodedInputStream}, so the tests can inspect what the exporter wrote without trusting the exporter's code.
 */
final class Wire {
    private final Map<Integer, List<Object>> fields = new LinkedHashMap<>();

    private Wire(byte[] bytes) {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        try {
            while (true) {
                int tag = in.readTag();
                if (tag == 0) {
                    break;
                }
                int field = WireFormat.getTagFieldNumber(tag);
                Object value = switch (WireFormat.getTagWireType(tag)) {
                    case WireFormat.WIRETYPE_VARINT -> in.readInt64();
                    case WireFormat.WIRETYPE_FIXED32 -> in.readRawLittleEndian32();
                    case WireFormat.WIRETYPE_FIXED64 -> in.readRawLittleEndian64();
                    case WireFormat.WIRETYPE_LENGTH_DELIMITED -> in.readByteArray();
                    default -> throw new IllegalStateException("unexpected wire type in tag " + tag);
                };
                fields.computeIfAbsent(field, k -> new ArrayList<>()).add(value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Wire parse(byte[] bytes) {
        return new Wire(bytes);
    }

    List<Object> all(int field) {
        return fields.getOrDefault(field, List.of());
    }

    boolean has(int field) {
        return fields.containsKey(field);
    }

    long int64(int field) {
        return (Long) single(field);
    }

    float float32(int field) {
        return Float.intBitsToFloat((Integer) single(field));
    }

    String string(int field) {
        return new String((byte[]) single(field), StandardCharsets.UTF_8);
    }

    byte[] bytes(int field) {
        return (byte[]) single(field);
    }

    Wire message(int field) {
        return parse(bytes(field));
    }

    List<Wire> messages(int field) {
        return all(field).stream().map(b -> parse((byte[]) b)).toList();
    }

    List<String> strings(int field) {
        return all(field).stream().map(b -> new String((byte[]) b, StandardCharsets.UTF_8)).toList();
    }

    long[] int64s(int field) {
        return all(field).stream().mapToLong(v -> (Long) v).toArray();
    }

    static float[] littleEndianFloats(byte[] raw) {
        float[] f = new float[raw.length / 4];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
        return f;
    }

    static long[] littleEndianLongs(byte[] raw) {
        long[] l = new long[raw.length / 8];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(l);
        return l;
    }

    private Object single(int field) {
        List<Object> v = all(field);
        if (v.size() != 1) {
            throw new AssertionError("field " + field + ": expected exactly one value, found " + v.size());
        }
        return v.get(0);
    }
}
