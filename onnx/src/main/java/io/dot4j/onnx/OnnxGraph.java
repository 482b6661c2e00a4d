package io.dot4j.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An ONNX graph under construction: nodes in topological order, float and int64 initializers, one float input and
 * named float outputs, all with a symbolic batch dimension "N". {@link #toModelBytes} serializes it as a ModelProto.
 * Tensor and node names must be unique; the builder checks it so that a clash fails here, not in a runtime.
 */
final class OnnxGraph {
    static final String BATCH = "N";

    /** One node; attributes keep insertion order (values: Long, Float, String, long[] or float[]). */
    static final class Node {
        final String name;
        final String opType;
        final List<String> inputs;
        final List<String> outputs;
        final Map<String, Object> attributes = new LinkedHashMap<>();

        Node(String name, String opType, List<String> inputs, List<String> outputs) {
            this.name = name;
            this.opType = opType;
            this.inputs = new ArrayList<>(inputs);
            this.outputs = new ArrayList<>(outputs);
        }

        Node attr(String key, long value) {
            attributes.put(key, value);
            return this;
        }

        Node attr(String key, float value) {
            attributes.put(key, value);
            return this;
        }

        Node attr(String key, long... values) {
            attributes.put(key, values.clone());
            return this;
        }
    }

    private record Initializer(String name, int dataType, long[] dims, byte[] raw) {
    }

    private record Value(String name, int[] perSampleShape) {
    }

    private final String name;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Initializer> initializers = new ArrayList<>();
    private final List<Value> inputs = new ArrayList<>();
    private final List<Value> outputs = new ArrayList<>();
    private final Set<String> tensorNames = new LinkedHashSet<>();
    private final Set<String> nodeNames = new LinkedHashSet<>();

    OnnxGraph(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** Declares a graph input of shape [N, perSampleShape...]. */
    void input(String tensor, int... perSampleShape) {
        claimTensor(tensor);
        inputs.add(new Value(tensor, perSampleShape.clone()));
    }

    /** Declares an existing tensor as a graph output of shape [N, perSampleShape...]. */
    void output(String tensor, int... perSampleShape) {
        if (!tensorNames.contains(tensor)) {
            throw new IllegalStateException("graph output '" + tensor + "' is produced by no node");
        }
        outputs.add(new Value(tensor, perSampleShape.clone()));
    }

    /** Adds a float initializer (row-major data, stored little-endian in raw_data) and returns its name. */
    String floats(String tensor, float[] data, long... dims) {
        checkCount(tensor, data.length, dims);
        ByteBuffer b = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(data);
        claimTensor(tensor);
        initializers.add(new Initializer(tensor, OnnxSchema.DataType.FLOAT, dims.clone(), b.array()));
        return tensor;
    }

    /** Adds an int64 initializer and returns its name. */
    String int64s(String tensor, long[] data, long... dims) {
        checkCount(tensor, data.length, dims);
        ByteBuffer b = ByteBuffer.allocate(8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(data);
        claimTensor(tensor);
        initializers.add(new Initializer(tensor, OnnxSchema.DataType.INT64, dims.clone(), b.array()));
        return tensor;
    }

    /** Adds a node with one output tensor; returns it so the caller can set attributes. */
    Node node(String nodeName, String opType, List<String> in, String out) {
        if (!nodeNames.add(nodeName)) {
            throw new IllegalStateException("node name '" + nodeName + "' is used twice");
        }
        for (String t : in) {
            if (!t.isEmpty() && !tensorNames.contains(t)) {
                throw new IllegalStateException("node '" + nodeName + "' reads '" + t + "', which nothing defines yet");
            }
        }
        claimTensor(out);
        Node n = new Node(nodeName, opType, in, List.of(out));
        nodes.add(n);
        return n;
    }

    /** Renames the tensor a node produced (nothing may read it yet), e.g. to give the graph output a stable name. */
    void renameOutput(String from, String to) {
        for (Node n : nodes) {
            if (n.inputs.contains(from)) {
                throw new IllegalStateException("cannot rename '" + from + "': node '" + n.name + "' reads it");
            }
        }
        for (Node n : nodes) {
            int i = n.outputs.indexOf(from);
            if (i >= 0) {
                claimTensor(to);
                tensorNames.remove(from);
                n.outputs.set(i, to);
                return;
            }
        }
        throw new IllegalStateException("no node produces '" + from + "'");
    }

    private void claimTensor(String tensor) {
        if (tensor == null || tensor.isEmpty()) {
            throw new IllegalStateException("tensor names must be non-empty");
        }
        if (!tensorNames.add(tensor)) {
            throw new IllegalStateException("tensor name '" + tensor + "' is used twice");
        }
    }

    private static void checkCount(String tensor, int count, long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (n != count) {
            throw new IllegalStateException("initializer '" + tensor + "': " + count + " values for dims of " + n + " elements");
        }
    }

    /** The serialized ModelProto. */
    byte[] toModelBytes(String producerVersion, String docString, Map<String, String> metadata) {
        ProtoMessage graph = new ProtoMessage();
        for (Node n : nodes) {
            graph.message(OnnxSchema.Graph.NODE, nodeProto(n));
        }
        graph.string(OnnxSchema.Graph.NAME, name);
        for (Initializer i : initializers) {
            graph.message(OnnxSchema.Graph.INITIALIZER, new ProtoMessage()
                    .int64s(OnnxSchema.Tensor.DIMS, i.dims())
                    .int64(OnnxSchema.Tensor.DATA_TYPE, i.dataType())
                    .string(OnnxSchema.Tensor.NAME, i.name())
                    .bytes(OnnxSchema.Tensor.RAW_DATA, i.raw()));
        }
        for (Value v : inputs) {
            graph.message(OnnxSchema.Graph.INPUT, valueInfo(v));
        }
        for (Value v : outputs) {
            graph.message(OnnxSchema.Graph.OUTPUT, valueInfo(v));
        }
        ProtoMessage model = new ProtoMessage()
                .int64(OnnxSchema.Model.IR_VERSION, OnnxSchema.IR_VERSION)
                .string(OnnxSchema.Model.PRODUCER_NAME, "dot4j")
                .string(OnnxSchema.Model.PRODUCER_VERSION, producerVersion)
                .string(OnnxSchema.Model.DOMAIN, "io.dot4j")
                .int64(OnnxSchema.Model.MODEL_VERSION, 1)
                .string(OnnxSchema.Model.DOC_STRING, docString)
                .message(OnnxSchema.Model.GRAPH, graph)
                .message(OnnxSchema.Model.OPSET_IMPORT, new ProtoMessage()
                        .string(OnnxSchema.OperatorSetId.DOMAIN, "")
                        .int64(OnnxSchema.OperatorSetId.VERSION, OnnxSchema.OPSET));
        metadata.forEach((k, v) -> model.message(OnnxSchema.Model.METADATA_PROPS, new ProtoMessage()
                .string(OnnxSchema.StringStringEntry.KEY, k)
                .string(OnnxSchema.StringStringEntry.VALUE, v)));
        return model.toByteArray();
    }

    private static ProtoMessage nodeProto(Node n) {
        ProtoMessage p = new ProtoMessage();
        for (String i : n.inputs) {
            p.string(OnnxSchema.Node.INPUT, i);
        }
        for (String o : n.outputs) {
            p.string(OnnxSchema.Node.OUTPUT, o);
        }
        p.string(OnnxSchema.Node.NAME, n.name).string(OnnxSchema.Node.OP_TYPE, n.opType);
        n.attributes.forEach((key, value) -> p.message(OnnxSchema.Node.ATTRIBUTE, attribute(key, value)));
        return p;
    }

    private static ProtoMessage attribute(String key, Object value) {
        ProtoMessage a = new ProtoMessage().string(OnnxSchema.Attribute.NAME, key);
        if (value instanceof Long l) {
            a.int64(OnnxSchema.Attribute.I, l).int64(OnnxSchema.Attribute.TYPE, OnnxSchema.AttributeType.INT);
        } else if (value instanceof Float f) {
            a.float32(OnnxSchema.Attribute.F, f).int64(OnnxSchema.Attribute.TYPE, OnnxSchema.AttributeType.FLOAT);
        } else if (value instanceof long[] ints) {
            a.int64s(OnnxSchema.Attribute.INTS, ints).int64(OnnxSchema.Attribute.TYPE, OnnxSchema.AttributeType.INTS);
        } else {
            throw new IllegalStateException("attribute " + key + ": unsupported value type " + value.getClass().getSimpleName());
        }
        return a;
    }

    private static ProtoMessage valueInfo(Value v) {
        ProtoMessage shape = new ProtoMessage()
                .message(OnnxSchema.Shape.DIM, new ProtoMessage().string(OnnxSchema.Shape.DIM_PARAM, BATCH));
        for (int d : v.perSampleShape()) {
            shape.message(OnnxSchema.Shape.DIM, new ProtoMessage().int64(OnnxSchema.Shape.DIM_VALUE, d));
        }
        ProtoMessage tensorType = new ProtoMessage()
                .int64(OnnxSchema.Type.TENSOR_ELEM_TYPE, OnnxSchema.DataType.FLOAT)
                .message(OnnxSchema.Type.TENSOR_SHAPE, shape);
        return new ProtoMessage()
                .string(OnnxSchema.ValueInfo.NAME, v.name())
                .message(OnnxSchema.ValueInfo.TYPE, new ProtoMessage().message(OnnxSchema.Type.TENSOR_TYPE, tensorType));
    }
}
