package io.dot4j.fuzz;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Token-level mutation of a JSON document (a recipe, a sweep, a checkpoint header): values replaced by the numbers and
 * strings that broke readers before (32,768, 2^31, 300.75, a NUL in a path, /dev/zero, deep nesting), keys removed,
 * unknown keys added, array elements duplicated, subtrees swapped; sometimes an invalid UTF-8 byte on top.
 */
final class JsonMutator {
    /** Writes what the mutations make, deep nesting included (the readers' own limits then apply). */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(10_000).build())
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(10_000).build()).build());
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JsonMutator() {
    }

    private record Slot(JsonNode parent, String field, int index) {
        JsonNode get() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode v) {
            if (field != null) {
                ((ObjectNode) parent).set(field, v);
            } else {
                ((ArrayNode) parent).set(index, v);
            }
        }
    }

    static byte[] mutate(byte[] json, SplittableRandom r) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            return Mutator.bytes(json, List.of(json), r);
        }
        if (root == null || !root.isContainerNode()) {
            return Mutator.bytes(json, List.of(json), r);
        }
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits; e++) {
            List<Slot> slots = new ArrayList<>();
            collect(root, slots, 0);
            if (slots.isEmpty()) {
                break;
            }
            Slot s = slots.get(r.nextInt(slots.size()));
            switch (r.nextInt(6)) {
                case 0, 1, 2 -> s.set(value(r));
                case 3 -> {
                    if (s.field() != null) {
                        ((ObjectNode) s.parent()).remove(s.field());
                    } else {
                        ((ArrayNode) s.parent()).add(s.get().deepCopy()); // one more element
                    }
                }
                case 4 -> {
                    if (s.get().isObject()) {
                        ((ObjectNode) s.get()).put("unknown" + r.nextInt(3), r.nextInt(100));
                    } else {
                        s.set(slots.get(r.nextInt(slots.size())).get().deepCopy()); // another subtree here
                    }
                }
                default -> s.set(slots.get(r.nextInt(slots.size())).get().deepCopy());
            }
        }
        byte[] out;
        try {
            out = JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            return json;
        }
        if (r.nextInt(8) == 0 && out.length > 0) {
            out = out.clone();
            out[r.nextInt(out.length)] = (byte) (r.nextBoolean() ? 0xff : 0xc0); // never valid UTF-8 here
        }
        return out;
    }

    /** The slots of a document's first levels (a deeply nested value is replaced whole, not edited inside). */
    private static void collect(JsonNode n, List<Slot> out, int depth) {
        if (depth > 40) {
            return;
        }
        if (n.isObject()) {
            for (var it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                out.add(new Slot(n, k, -1));
                collect(n.get(k), out, depth + 1);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                out.add(new Slot(n, null, i));
                collect(n.get(i), out, depth + 1);
            }
        }
    }

    private static JsonNode value(SplittableRandom r) {
        return switch (r.nextInt(16)) {
            case 0 -> F.numberNode(32_768);
            case 1 -> F.numberNode(65_535 + r.nextInt(3));
            case 2 -> F.numberNode(2_147_483_648L);
            case 3 -> F.numberNode(300.75);
            case 4 -> F.numberNode(-1 - r.nextInt(3));
            case 5 -> F.numberNode(0);
            case 6 -> F.numberNode(1e308);
            case 7 -> F.textNode("a\u0000b.json");
            case 8 -> F.textNode(r.nextBoolean() ? "/dev/zero" : "/proc/self/fd/0");
            case 9 -> F.textNode("x".repeat(1 + r.nextInt(100_000)));
            case 10 -> F.nullNode();
            case 11 -> F.booleanNode(r.nextBoolean());
            case 12 -> F.objectNode();
            case 13 -> F.arrayNode().add(1).add(2);
            case 14 -> nested(990 + r.nextInt(30)); // around the JSON parsers' nesting limit of 1,000
            default -> F.numberNode(r.nextInt(1 << 20));
        };
    }

    private static JsonNode nested(int depth) {
        JsonNode n = F.numberNode(1);
        for (int i = 0; i < depth; i++) {
            n = F.arrayNode().add(n);
        }
        return n;
    }
}
