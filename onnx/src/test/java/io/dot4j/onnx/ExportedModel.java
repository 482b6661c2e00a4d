package io.dot4j.onnx;

import io.dot4j.onnx.OnnxSchema.Attribute;
import io.dot4j.onnx.OnnxSchema.Graph;
import io.dot4j.onnx.OnnxSchema.Model;
import io.dot4j.onnx.OnnxSchema.Node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An exported ModelProto read back through {@link Wire}, with look-ups by node and initializer name. */
final class ExportedModel {
    final Wire model;
    final Wire graph;
    final List<Wire> nodes;
    final Map<String, Wire> initializers = new LinkedHashMap<>();

    ExportedModel(byte[] bytes) {
        model = Wire.parse(bytes);
        graph = model.message(Model.GRAPH);
        nodes = graph.messages(Graph.NODE);
        for (Wire t : graph.messages(Graph.INITIALIZER)) {
            initializers.put(t.string(OnnxSchema.Tensor.NAME), t);
        }
    }

    List<String> opTypes() {
        return nodes.stream().map(n -> n.string(Node.OP_TYPE)).toList();
    }

    Wire node(String name) {
        return nodes.stream().filter(n -> n.string(Node.NAME).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no node named " + name + "; nodes: "
                        + nodes.stream().map(n -> n.string(Node.NAME)).toList()));
    }

    /** Attribute name -> the attribute message, of one node. */
    static Map<String, Wire> attributes(Wire node) {
        Map<String, Wire> m = new LinkedHashMap<>();
        for (Wire a : node.messages(Node.ATTRIBUTE)) {
            m.put(a.string(Attribute.NAME), a);
        }
        return m;
    }

    Wire initializer(String name) {
        Wire t = initializers.get(name);
        if (t == null) {
            throw new AssertionError("no initializer named " + name + "; initializers: " + initializers.keySet());
        }
        return t;
    }
}
