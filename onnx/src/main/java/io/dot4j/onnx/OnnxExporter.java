package io.dot4j.onnx;

import io.dot4j.core.data.TempSibling;
import io.dot4j.core.nn.Activation;
import io.dot4j.core.nn.AvgPool2d;
import io.dot4j.core.nn.BatchNorm;
import io.dot4j.core.nn.Conv2d;
import io.dot4j.core.nn.Dropout;
import io.dot4j.core.nn.Flatten;
import io.dot4j.core.nn.GlobalAvgPool;
import io.dot4j.core.nn.Linear;
import io.dot4j.core.nn.MaxPool2d;
import io.dot4j.core.nn.Module;
import io.dot4j.core.nn.Sequential;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Exports a float network built from core's modules as an ONNX model (opset {@value OnnxSchema#OPSET}, IR version
 * {@value OnnxSchema#IR_VERSION}) with the inference semantics of dot4j's forward in evaluation mode: batch norm
 * uses its running statistics and dropout is the identity (it emits no node).
 *
 * <p>The graph has one input "input", float [N, C, H, W], and the output "logits" (plus "probabilities", a Softmax
 * over axis 1, if asked). Nodes are named by the module's dotted path; initializers by the parameter's path
 * ({@code conv1.W}, {@code bn.mean}, ...), so an ONNX viewer shows the same names as a dot4j checkpoint.
 *
 * <p>Only the exact classes below are exported; a subclass may override {@code forward}, so it is refused like any
 * other unknown module, with an {@link OnnxExportException} naming its path:
 * Sequential (flattened), Conv2d (Conv), Linear (Gemm, after a Flatten when its input is not flat), BatchNorm
 * (BatchNormalization), MaxPool2d (MaxPool), AvgPool2d (AveragePool, count_include_pad = 1), GlobalAvgPool
 * (GlobalAveragePool then Reshape to [N, C]), Flatten (Flatten axis 1), Activation relu / tanh / sigmoid / hardtanh
 * (Relu, Tanh, Sigmoid, Clip to [-1, 1]) and Dropout (nothing).
 */
public final class OnnxExporter {
    public static final String INPUT = "input";
    public static final String LOGITS = "logits";
    public static final String PROBABILITIES = "probabilities";
    static final String PRODUCER_VERSION = "0.1.0";

    private final OnnxGraph graph = new OnnxGraph("dot4j");
    /** The tensor the next module reads and its per-sample shape (without the batch axis). */
    private String current = INPUT;
    private int[] shape;

    private OnnxExporter(ExportOptions options) {
        shape = new int[] {options.channels(), options.height(), options.width()};
        graph.input(INPUT, shape);
    }

    /** The ONNX ModelProto bytes of {@code model}. */
    public static byte[] export(Module model, ExportOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        OnnxExporter e = new OnnxExporter(options);
        e.visit("", model);
        if (e.current.equals(INPUT)) {
            // a network of identities only (e.g. just dropout): the output still needs a producing node
            e.graph.node("identity", "Identity", List.of(INPUT), "identity");
            e.current = "identity";
        }
        e.graph.renameOutput(e.current, LOGITS);
        e.graph.output(LOGITS, e.shape);
        if (options.softmax()) {
            if (e.shape.length != 1) {
                throw new OnnxExportException("(root)", "a softmax output needs flat logits [N, classes], but the network yields [N, "
                        + join(e.shape) + "]");
            }
            e.graph.node("softmax", "Softmax", List.of(LOGITS), PROBABILITIES).attr("axis", 1L);
            e.graph.output(PROBABILITIES, e.shape);
        }
        return e.graph.toModelBytes(PRODUCER_VERSION, "float network exported by dot4j:\n" + model, options.metadata());
    }

    /** Writes the model to {@code file} atomically: a temporary file in the same folder, then a rename. */
    public static void write(Module model, ExportOptions options, Path file) throws IOException {
        byte[] bytes = export(model, options);
        Path tmp = TempSibling.create(file);
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    // ---------------------------------------------------------------- modules

    private void visit(String path, Module m) {
        Class<?> c = m.getClass();
        if (c == Sequential.class) {
            Sequential s = (Sequential) m;
            for (String name : s.names()) {
                visit(path.isEmpty() ? name : path + "." + name, s.child(name));
            }
        } else if (c == Conv2d.class) {
            conv(path, (Conv2d) m);
        } else if (c == Linear.class) {
            linear(path, (Linear) m);
        } else if (c == BatchNorm.class) {
            batchNorm(path, (BatchNorm) m);
        } else if (c == MaxPool2d.class) {
            MaxPool2d p = (MaxPool2d) m;
            pool(path, m, "MaxPool", p.kernel(), p.stride(), p.pad(), false);
        } else if (c == AvgPool2d.class) {
            AvgPool2d p = (AvgPool2d) m;
            pool(path, m, "AveragePool", p.kernel(), p.stride(), p.pad(), true);
        } else if (c == GlobalAvgPool.class) {
            globalAvgPool(path, m);
        } else if (c == Flatten.class) {
            flatten(name(path, "flatten"));
        } else if (c == Activation.class) {
            activation(path, (Activation) m);
        } else if (c == Dropout.class) {
            // identity at inference: no node, the next module reads the same tensor
        } else {
            throw new OnnxExportException(display(path), m + " (" + c.getName() + ") has no ONNX mapping; supported modules are "
                    + "Sequential, Conv2d, Linear, BatchNorm, MaxPool2d, AvgPool2d, GlobalAvgPool, Flatten, Dropout and "
                    + "Activation relu/tanh/sigmoid/hardtanh (exact classes: a subclass may change forward)");
        }
    }

    private void conv(String path, Conv2d m) {
        requireImage(path, m);
        if (shape[0] != m.inChannels()) {
            throw mismatch(path, m, m.inChannels() + " input channels");
        }
        int oh = outSize(shape[1], m.kernelH(), m.stride(), m.pad());
        int ow = outSize(shape[2], m.kernelW(), m.stride(), m.pad());
        if (oh < 1 || ow < 1) {
            throw mismatch(path, m, "an input of at least " + m.kernelH() + "x" + m.kernelW() + " after padding");
        }
        String w = graph.floats(path + ".W", m.weight().data().data(), m.outChannels(), m.inChannels(), m.kernelH(), m.kernelW());
        List<String> in = m.bias() == null ? List.of(current, w)
                : List.of(current, w, graph.floats(path + ".b", m.bias().data().data(), m.outChannels()));
        String out = name(path, "conv");
        int p = m.pad();
        graph.node(out, "Conv", in, out)
                .attr("kernel_shape", (long) m.kernelH(), m.kernelW())
                .attr("strides", (long) m.stride(), m.stride())
                .attr("pads", (long) p, p, p, p)
                .attr("dilations", 1L, 1L)
                .attr("group", 1L);
        advance(out, m.outChannels(), oh, ow);
    }

    private void linear(String path, Linear m) {
        int features = elements(shape);
        if (features != m.inFeatures()) {
            throw mismatch(path, m, m.inFeatures() + " features per sample");
        }
        if (shape.length != 1) {
            flatten(name(path, "linear") + "/flatten");
        }
        String w = graph.floats(path + ".W", m.weight().data().data(), m.outFeatures(), m.inFeatures());
        List<String> in = m.bias() == null ? List.of(current, w)
                : List.of(current, w, graph.floats(path + ".b", m.bias().data().data(), m.outFeatures()));
        String out = name(path, "linear");
        // y = x W^T + b: Gemm with transB, since dot4j stores W as [out, in]
        graph.node(out, "Gemm", in, out).attr("alpha", 1f).attr("beta", 1f).attr("transA", 0L).attr("transB", 1L);
        advance(out, m.outFeatures());
    }

    private void batchNorm(String path, BatchNorm m) {
        if ((shape.length != 1 && shape.length != 3) || shape[0] != m.channels()) {
            throw mismatch(path, m, "[" + m.channels() + "] or [" + m.channels() + ", H, W] per sample");
        }
        int c = m.channels();
        List<String> in = List.of(current,
                graph.floats(path + ".gamma", m.gamma().data().data(), c),
                graph.floats(path + ".beta", m.beta().data().data(), c),
                graph.floats(path + ".mean", m.runningMean().data(), c),
                graph.floats(path + ".var", m.runningVar().data(), c));
        String out = name(path, "batchnorm");
        graph.node(out, "BatchNormalization", in, out).attr("epsilon", m.eps());
        advance(out, shape);
    }

    private void pool(String path, Module m, String op, int k, int s, int p, boolean average) {
        requireImage(path, m);
        int oh = outSize(shape[1], k, s, p);
        int ow = outSize(shape[2], k, s, p);
        if (oh < 1 || ow < 1) {
            throw mismatch(path, m, "an input of at least " + k + "x" + k + " after padding");
        }
        String out = name(path, op.toLowerCase());
        OnnxGraph.Node n = graph.node(out, op, List.of(current), out)
                .attr("kernel_shape", (long) k, k)
                .attr("strides", (long) s, s)
                .attr("pads", (long) p, p, p, p);
        if (average) {
            // dot4j divides every window by k*k, padding included (Chainer's rule)
            n.attr("count_include_pad", 1L);
        }
        advance(out, shape[0], oh, ow);
    }

    private void globalAvgPool(String path, Module m) {
        requireImage(path, m);
        int c = shape[0];
        String pooled = name(path, "globalavgpool") + "/pool";
        graph.node(pooled, "GlobalAveragePool", List.of(current), pooled);
        String target = graph.int64s(path.isEmpty() ? "globalavgpool.shape" : path + ".shape", new long[] {-1, c}, 2);
        String out = name(path, "globalavgpool");
        graph.node(out, "Reshape", List.of(pooled, target), out);
        advance(out, c);
    }

    private void flatten(String out) {
        graph.node(out, "Flatten", List.of(current), out).attr("axis", 1L);
        advance(out, elements(shape));
    }

    private void activation(String path, Activation m) {
        String out = name(path, m.kind());
        switch (m.kind()) {
            case "relu" -> graph.node(out, "Relu", List.of(current), out);
            case "tanh" -> graph.node(out, "Tanh", List.of(current), out);
            case "sigmoid" -> graph.node(out, "Sigmoid", List.of(current), out);
            case "hardtanh" -> {
                String prefix = path.isEmpty() ? "hardtanh" : path;
                graph.node(out, "Clip", List.of(current, graph.floats(prefix + ".min", new float[] {-1f}),
                        graph.floats(prefix + ".max", new float[] {1f})), out);
            }
            default -> throw new OnnxExportException(display(path), m + ": activation kind '" + m.kind()
                    + "' has no ONNX mapping; supported kinds are relu, tanh, sigmoid and hardtanh");
        }
        advance(out, shape);
    }

    // ---------------------------------------------------------------- helpers

    private void advance(String tensor, int... newShape) {
        current = tensor;
        shape = newShape.clone();
    }

    private void requireImage(String path, Module m) {
        if (shape.length != 3) {
            throw mismatch(path, m, "an image [C, H, W] per sample");
        }
    }

    private OnnxExportException mismatch(String path, Module m, String expected) {
        return new OnnxExportException(display(path), m + " expects " + expected + ", but its input is [N, " + join(shape) + "]");
    }

    private static int outSize(int size, int kernel, int stride, int pad) {
        int padded = size + 2 * pad - kernel;
        return padded < 0 ? 0 : padded / stride + 1;
    }

    private static int elements(int[] s) {
        return Arrays.stream(s).reduce(1, Math::multiplyExact);
    }

    /** A node or tensor name: the module's path, or the op's name for an exported root module. */
    private static String name(String path, String fallback) {
        return path.isEmpty() ? fallback : path;
    }

    private static String display(String path) {
        return path.isEmpty() ? "(root)" : path;
    }

    private static String join(int[] s) {
        return String.join(", ", Arrays.stream(s).mapToObj(Integer::toString).toList());
    }
}
