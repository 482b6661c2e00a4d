package io.dot4j.onnx;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.nn.Activation;
import io.dot4j.core.nn.AvgPool2d;
import io.dot4j.core.nn.BatchNorm;
import io.dot4j.core.nn.Conv2d;
import io.dot4j.core.nn.Dropout;
import io.dot4j.core.nn.Flatten;
import io.dot4j.core.nn.GlobalAvgPool;
import io.dot4j.core.nn.Initializer;
import io.dot4j.core.nn.Linear;
import io.dot4j.core.nn.MaxPool2d;
import io.dot4j.core.nn.Module;
import io.dot4j.core.nn.Sequential;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.zoo.ModelZoo;
import io.dot4j.onnx.OnnxSchema.Attribute;
import io.dot4j.onnx.OnnxSchema.AttributeType;
import io.dot4j.onnx.OnnxSchema.DataType;
import io.dot4j.onnx.OnnxSchema.Graph;
import io.dot4j.onnx.OnnxSchema.Model;
import io.dot4j.onnx.OnnxSchema.Node;
import io.dot4j.onnx.OnnxSchema.Shape;
import io.dot4j.onnx.OnnxSchema.Type;
import io.dot4j.onnx.OnnxSchema.ValueInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnnxExporterTest {

    private static ExportedModel export(Module m, ExportOptions o) {
        return new ExportedModel(OnnxExporter.export(m, o));
    }

    private static long intAttr(Wire node, String name) {
        Wire a = ExportedModel.attributes(node).get(name);
        assertEquals(AttributeType.INT, a.int64(Attribute.TYPE), name + " type");
        return a.int64(Attribute.I);
    }

    private static long[] intsAttr(Wire node, String name) {
        Wire a = ExportedModel.attributes(node).get(name);
        assertEquals(AttributeType.INTS, a.int64(Attribute.TYPE), name + " type");
        return a.int64s(Attribute.INTS);
    }

    private static long[] dims(Wire valueInfo) {
        Wire shape = valueInfo.message(ValueInfo.TYPE).message(Type.TENSOR_TYPE).message(Type.TENSOR_SHAPE);
        return shape.messages(Shape.DIM).stream().mapToLong(d -> d.has(Shape.DIM_VALUE) ? d.int64(Shape.DIM_VALUE) : -1).toArray();
    }

    @Test
    void headerDeclaresIrVersionOpsetProducerAndMetadata() {
        ExportedModel m = export(ModelZoo.create("lenet300", new Rng(1)),
                ExportOptions.image(1, 28, 28).withMetadata("dot4j.model", "lenet300"));
        assertEquals(OnnxSchema.IR_VERSION, m.model.int64(Model.IR_VERSION));
        assertTrue(OnnxSchema.IR_VERSION >= 7);
        Wire opset = m.model.message(Model.OPSET_IMPORT);
        assertEquals("", opset.string(OnnxSchema.OperatorSetId.DOMAIN));
        assertEquals(OnnxSchema.OPSET, opset.int64(OnnxSchema.OperatorSetId.VERSION));
        assertTrue(OnnxSchema.OPSET >= 13);
        assertEquals("dot4j", m.model.string(Model.PRODUCER_NAME));
        Wire meta = m.model.message(Model.METADATA_PROPS);
        assertEquals("dot4j.model", meta.string(OnnxSchema.StringStringEntry.KEY));
        assertEquals("lenet300", meta.string(OnnxSchema.StringStringEntry.VALUE));
    }

    @Test
    void inputAndOutputHaveASymbolicBatchAndThePerSampleShape() {
        ExportedModel m = export(ModelZoo.create("lenet5", new Rng(2)), ExportOptions.image(1, 28, 28));
        Wire in = m.graph.message(Graph.INPUT);
        assertEquals("input", in.string(ValueInfo.NAME));
        Wire tensorType = in.message(ValueInfo.TYPE).message(Type.TENSOR_TYPE);
        assertEquals(DataType.FLOAT, tensorType.int64(Type.TENSOR_ELEM_TYPE));
        Wire batch = tensorType.message(Type.TENSOR_SHAPE).messages(Shape.DIM).get(0);
        assertEquals("N", batch.string(Shape.DIM_PARAM));
        assertArrayEquals(new long[] {-1, 1, 28, 28}, dims(in));
        Wire out = m.graph.message(Graph.OUTPUT);
        assertEquals("logits", out.string(ValueInfo.NAME));
        assertArrayEquals(new long[] {-1, 10}, dims(out));
    }

    @Test
    void lenet5MapsToConvMaxPoolFlattenGemmRelu() {
        ExportedModel m = export(ModelZoo.create("lenet5", new Rng(3)), ExportOptions.image(1, 28, 28));
        assertEquals(List.of("Conv", "MaxPool", "Conv", "MaxPool", "Flatten", "Gemm", "Relu", "Gemm"), m.opTypes());
        // tensors flow from node to node under the module paths, and the last one is renamed "logits"
        assertEquals(List.of("input", "conv1.W", "conv1.b"), m.node("conv1").strings(Node.INPUT));
        assertEquals(List.of("conv1"), m.node("conv1").strings(Node.OUTPUT));
        assertEquals(List.of("pool2"), m.node("flatten").strings(Node.INPUT));
        assertEquals(List.of("logits"), m.node("fc2").strings(Node.OUTPUT));
    }

    @Test
    void convAttributesAndWeightLayout() {
        Conv2d conv = new Conv2d(3, 4, 3, 2, 1, new Rng(4));
        ExportedModel m = export(new Sequential().add("c", conv), ExportOptions.image(3, 9, 7));
        Wire node = m.node("c");
        assertArrayEquals(new long[] {3, 3}, intsAttr(node, "kernel_shape"));
        assertArrayEquals(new long[] {2, 2}, intsAttr(node, "strides"));
        assertArrayEquals(new long[] {1, 1, 1, 1}, intsAttr(node, "pads"));
        assertArrayEquals(new long[] {1, 1}, intsAttr(node, "dilations"));
        assertEquals(1, intAttr(node, "group"));
        Wire w = m.initializer("c.W");
        assertArrayEquals(new long[] {4, 3, 3, 3}, w.int64s(OnnxSchema.Tensor.DIMS));
        assertEquals(DataType.FLOAT, w.int64(OnnxSchema.Tensor.DATA_TYPE));
        // ONNX's OIHW layout is dot4j's [outC, inC, kh, kw] row-major: element (o, i, y, x) sits at the same index
        float[] raw = Wire.littleEndianFloats(w.bytes(OnnxSchema.Tensor.RAW_DATA));
        float[] expected = conv.weight().data().data();
        assertArrayEquals(expected, raw);
        assertEquals(conv.weight().data().get(3, 2, 1, 0), raw[((3 * 3 + 2) * 3 + 1) * 3]);
        assertArrayEquals(new long[] {4}, m.initializer("c.b").int64s(OnnxSchema.Tensor.DIMS));
        // (9 + 2 - 3) / 2 + 1 = 5, (7 + 2 - 3) / 2 + 1 = 4
        assertArrayEquals(new long[] {-1, 4, 5, 4}, dims(m.graph.message(Graph.OUTPUT)));
    }

    @Test
    void convWithoutBiasHasTwoInputs() {
        Conv2d conv = new Conv2d(1, 2, 3, 3, 1, 0, false, Initializer.he(), new Rng(5));
        ExportedModel m = export(new Sequential().add("c", conv), ExportOptions.image(1, 5, 5));
        assertEquals(List.of("input", "c.W"), m.node("c").strings(Node.INPUT));
        assertFalse(m.initializers.containsKey("c.b"));
    }

    @Test
    void gemmUsesTransposedWeightsAndFlattensImageInputs() {
        Linear fc = new Linear(2 * 3 * 3, 5, new Rng(6));
        ExportedModel m = export(new Sequential().add("fc", fc), ExportOptions.image(2, 3, 3));
        assertEquals(List.of("Flatten", "Gemm"), m.opTypes());
        assertEquals(1, intAttr(m.node("fc/flatten"), "axis"));
        Wire gemm = m.node("fc");
        assertEquals(1, intAttr(gemm, "transB"));
        assertEquals(0, intAttr(gemm, "transA"));
        assertEquals(List.of("fc/flatten", "fc.W", "fc.b"), gemm.strings(Node.INPUT));
        Wire w = m.initializer("fc.W");
        assertArrayEquals(new long[] {5, 18}, w.int64s(OnnxSchema.Tensor.DIMS));
        assertArrayEquals(fc.weight().data().data(), Wire.littleEndianFloats(w.bytes(OnnxSchema.Tensor.RAW_DATA)));
        assertArrayEquals(fc.bias().data().data(),
                Wire.littleEndianFloats(m.initializer("fc.b").bytes(OnnxSchema.Tensor.RAW_DATA)));
    }

    @Test
    void poolingAttributes() {
        Sequential net = new Sequential().add("max", new MaxPool2d(3, 2, 1)).add("avg", new AvgPool2d(2, 1, 1));
        ExportedModel m = export(net, ExportOptions.image(2, 8, 8));
        Wire max = m.node("max");
        assertEquals("MaxPool", max.string(Node.OP_TYPE));
        assertArrayEquals(new long[] {3, 3}, intsAttr(max, "kernel_shape"));
        assertArrayEquals(new long[] {2, 2}, intsAttr(max, "strides"));
        assertArrayEquals(new long[] {1, 1, 1, 1}, intsAttr(max, "pads"));
        assertFalse(ExportedModel.attributes(max).containsKey("count_include_pad"));
        Wire avg = m.node("avg");
        assertEquals("AveragePool", avg.string(Node.OP_TYPE));
        assertArrayEquals(new long[] {2, 2}, intsAttr(avg, "kernel_shape"));
        assertArrayEquals(new long[] {1, 1}, intsAttr(avg, "strides"));
        assertEquals(1, intAttr(avg, "count_include_pad"));
        // 8 -> (8 + 2 - 3) / 2 + 1 = 4 -> (4 + 2 - 2) / 1 + 1 = 5
        assertArrayEquals(new long[] {-1, 2, 5, 5}, dims(m.graph.message(Graph.OUTPUT)));
    }

    @Test
    void batchNormExportsRunningStatisticsAndEpsilon() {
        BatchNorm bn = new BatchNorm(3, 0.1f, 1e-3f);
        float[] mean = {0.5f, -1f, 2f};
        float[] var = {4f, 0.25f, 1f};
        System.arraycopy(mean, 0, bn.runningMean().data(), 0, 3);
        System.arraycopy(var, 0, bn.runningVar().data(), 0, 3);
        bn.gamma().data().data()[1] = -2f;
        ExportedModel m = export(new Sequential().add("bn", bn), ExportOptions.image(3, 2, 2));
        Wire node = m.node("bn");
        assertEquals("BatchNormalization", node.string(Node.OP_TYPE));
        assertEquals(List.of("input", "bn.gamma", "bn.beta", "bn.mean", "bn.var"), node.strings(Node.INPUT));
        Wire eps = ExportedModel.attributes(node).get("epsilon");
        assertEquals(AttributeType.FLOAT, eps.int64(Attribute.TYPE));
        assertEquals(1e-3f, eps.float32(Attribute.F));
        assertArrayEquals(mean, Wire.littleEndianFloats(m.initializer("bn.mean").bytes(OnnxSchema.Tensor.RAW_DATA)));
        assertArrayEquals(var, Wire.littleEndianFloats(m.initializer("bn.var").bytes(OnnxSchema.Tensor.RAW_DATA)));
        assertArrayEquals(new float[] {1f, -2f, 1f},
                Wire.littleEndianFloats(m.initializer("bn.gamma").bytes(OnnxSchema.Tensor.RAW_DATA)));
    }

    @Test
    void globalPoolReshapesToBatchByChannels() {
        ExportedModel m = export(new Sequential().add("gap", new GlobalAvgPool()), ExportOptions.image(6, 4, 4));
        assertEquals(List.of("GlobalAveragePool", "Reshape"), m.opTypes());
        Wire shape = m.initializer("gap.shape");
        assertEquals(DataType.INT64, shape.int64(OnnxSchema.Tensor.DATA_TYPE));
        assertArrayEquals(new long[] {-1, 6}, Wire.littleEndianLongs(shape.bytes(OnnxSchema.Tensor.RAW_DATA)));
        assertArrayEquals(new long[] {-1, 6}, dims(m.graph.message(Graph.OUTPUT)));
    }

    @Test
    void activationsDropoutAndSoftmax() {
        Sequential net = new Sequential()
                .add("flat", new Flatten())
                .add("a", Activation.tanh())
                .add("drop", new Dropout(0.5f, new Rng(7)))
                .add("b", Activation.sigmoid())
                .add("c", Activation.hardTanh())
                .add("d", Activation.relu());
        ExportedModel m = export(net, ExportOptions.image(1, 2, 3).withSoftmax(true));
        assertEquals(List.of("Flatten", "Tanh", "Sigmoid", "Clip", "Relu", "Softmax"), m.opTypes());
        // dropout adds no node: the sigmoid reads the tanh's output directly
        assertEquals(List.of("a"), m.node("b").strings(Node.INPUT));
        assertEquals(List.of("b", "c.min", "c.max"), m.node("c").strings(Node.INPUT));
        assertArrayEquals(new float[] {-1f}, Wire.littleEndianFloats(m.initializer("c.min").bytes(OnnxSchema.Tensor.RAW_DATA)));
        assertArrayEquals(new float[] {1f}, Wire.littleEndianFloats(m.initializer("c.max").bytes(OnnxSchema.Tensor.RAW_DATA)));
        assertEquals(0, m.initializer("c.min").int64s(OnnxSchema.Tensor.DIMS).length, "Clip bounds are scalars");
        Wire softmax = m.node("softmax");
        assertEquals(1, intAttr(softmax, "axis"));
        assertEquals(List.of("logits"), softmax.strings(Node.INPUT));
        List<String> outputs = m.graph.messages(Graph.OUTPUT).stream().map(v -> v.string(ValueInfo.NAME)).toList();
        assertEquals(List.of("logits", "probabilities"), outputs);
    }

    @Test
    void nestedSequentialsUseDottedPaths() {
        Sequential block = new Sequential().add("conv", new Conv2d(1, 2, 3, 1, 1, new Rng(8))).add("act", Activation.relu());
        ExportedModel m = export(new Sequential().add("block", block).add("pool", new MaxPool2d(2)), ExportOptions.image(1, 4, 4));
        assertEquals(List.of("block.conv", "block.act", "pool"),
                m.nodes.stream().map(n -> n.string(Node.NAME)).toList());
        assertTrue(m.initializers.containsKey("block.conv.W"));
    }

    @Test
    void exportIsDeterministic() {
        byte[] a = OnnxExporter.export(ModelZoo.create("lenet5", new Rng(9)), ExportOptions.image(1, 28, 28));
        byte[] b = OnnxExporter.export(ModelZoo.create("lenet5", new Rng(9)), ExportOptions.image(1, 28, 28));
        assertArrayEquals(a, b);
    }

    // ---------------------------------------------------------------- bad input

    /** A module the exporter knows nothing about. */
    private static final class Swish extends Module {
        @Override
        public Variable forward(Variable x) {
            return x;
        }
    }

    @Test
    void unsupportedModuleIsNamedByItsPath() {
        Sequential block = new Sequential().add("conv", new Conv2d(1, 2, 3, 1, 1, new Rng(10))).add("act", new Swish());
        Sequential net = new Sequential().add("block", block);
        OnnxExportException e = assertThrows(OnnxExportException.class, () -> OnnxExporter.export(net, ExportOptions.image(1, 4, 4)));
        assertEquals("block.act", e.modulePath());
        assertTrue(e.getMessage().contains("'block.act'") && e.getMessage().contains("Swish"), e.getMessage());
    }

    @Test
    void unknownActivationKindIsRefused() {
        Sequential net = new Sequential().add("flat", new Flatten()).add("act", new Activation("gelu", x -> x));
        OnnxExportException e = assertThrows(OnnxExportException.class, () -> OnnxExporter.export(net, ExportOptions.image(1, 2, 2)));
        assertEquals("act", e.modulePath());
        assertTrue(e.getMessage().contains("gelu"), e.getMessage());
    }

    @Test
    void subclassOfAKnownLayerIsRefused() {
        Conv2d custom = new Conv2d(1, 1, 1, 1, 0, new Rng(11)) {
            @Override
            public Variable forward(Variable x) {
                return super.forward(x);
            }
        };
        OnnxExportException e = assertThrows(OnnxExportException.class,
                () -> OnnxExporter.export(new Sequential().add("odd", custom), ExportOptions.image(1, 2, 2)));
        assertEquals("odd", e.modulePath());
    }

    @Test
    void shapeMismatchNamesTheModule() {
        Sequential net = new Sequential().add("conv", new Conv2d(3, 2, 3, 1, 0, new Rng(12)));
        OnnxExportException e = assertThrows(OnnxExportException.class, () -> OnnxExporter.export(net, ExportOptions.image(1, 8, 8)));
        assertEquals("conv", e.modulePath());
        assertTrue(e.getMessage().contains("3 input channels") && e.getMessage().contains("[N, 1, 8, 8]"), e.getMessage());
        Sequential mlp = new Sequential().add("fc", new Linear(10, 2, new Rng(13)));
        e = assertThrows(OnnxExportException.class, () -> OnnxExporter.export(mlp, ExportOptions.image(1, 3, 3)));
        assertEquals("fc", e.modulePath());
        Sequential poolAfterFlat = new Sequential().add("f", new Flatten()).add("p", new MaxPool2d(2));
        e = assertThrows(OnnxExportException.class, () -> OnnxExporter.export(poolAfterFlat, ExportOptions.image(1, 4, 4)));
        assertEquals("p", e.modulePath());
    }

    @Test
    void softmaxNeedsFlatLogits() {
        Sequential net = new Sequential().add("conv", new Conv2d(1, 2, 3, 1, 0, new Rng(14)));
        OnnxExportException e = assertThrows(OnnxExportException.class,
                () -> OnnxExporter.export(net, ExportOptions.image(1, 5, 5).withSoftmax(true)));
        assertTrue(e.getMessage().contains("softmax"), e.getMessage());
    }

    @Test
    void badOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ExportOptions.image(0, 28, 28));
        assertThrows(IllegalArgumentException.class, () -> new ExportOptions(1, 1, 1, false, Map.of("", "x")));
    }

    // ---------------------------------------------------------------- files

    @Test
    void writeIsAtomicAndLeavesNoTemporaryFiles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.onnx");
        Sequential net = ModelZoo.create("lenet300", new Rng(15));
        OnnxExporter.write(net, ExportOptions.image(1, 28, 28), file);
        assertArrayEquals(OnnxExporter.export(net, ExportOptions.image(1, 28, 28)), Files.readAllBytes(file));
        // a failing export leaves the existing file as it was and nothing else behind
        Sequential bad = new Sequential().add("x", new Swish());
        assertThrows(OnnxExportException.class, () -> OnnxExporter.write(bad, ExportOptions.image(1, 28, 28), file));
        assertArrayEquals(OnnxExporter.export(net, ExportOptions.image(1, 28, 28)), Files.readAllBytes(file));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(file), s.toList());
        }
    }
}
