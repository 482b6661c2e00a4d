package io.dot4j.bench;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.dot4j.core.nn.Sequential;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.zoo.ModelZoo;
import io.dot4j.onnx.ExportOptions;
import io.dot4j.onnx.OnnxExporter;
import io.dot4j.runtime.format.ModelReader;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Shape;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./bench MODEL.dot4j [--onnx FLOAT.onnx] [--seconds S]}: a short side-by-side measurement for users. For each
 * case (threads x batch) it alternates the dot4j runtime and ONNX Runtime in short slices (A B, B A, ...), so both see
 * the same machine load, and prints images/s (medians over the slices) and the ratio dot4j / ORT, taking ORT's best
 * setting (with or without spinning threads) per case. JMH's full suite is {@code ./bench suite}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Images/s of a .dot4j model in the dot4j runtime vs a float ONNX model in ONNX Runtime, alternating A/B.")
public final class BenchMain implements Callable<Integer> {
    private static final int ROUNDS = 6;

    @Parameters(paramLabel = "MODEL", description = "the .dot4j model")
    Path model;

    @Option(names = "--onnx", paramLabel = "FLOAT.onnx", description = "the float twin for ONNX Runtime (default: a"
            + " random-initialized LeNet-5 exported by dot4j; speed does not depend on weights)")
    Path onnx;

    @Option(names = "--seconds", description = "total measuring time, split over all cases (default ${DEFAULT-VALUE})")
    double seconds = 20;

    @Option(names = "--threads", split = ",", description = "thread counts (default 1,2)")
    List<Integer> threads = List.of(1, 2);

    @Option(names = "--batch", split = ",", description = "batch sizes (default 1,64)")
    List<Integer> batches = List.of(1, 64);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(BenchErrors.install(new CommandLine(new BenchMain())).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!(seconds > 0) || threads.stream().anyMatch(t -> t < 1) || batches.stream().anyMatch(b -> b < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "expected --seconds > 0 and thread counts and batch sizes >= 1");
        }
        IntModel intModel = ModelReader.read(model);
        Shape in = intModel.input();
        byte[] onnxBytes;
        String onnxName;
        if (onnx != null) {
            onnxBytes = Files.readAllBytes(onnx);
            onnxName = onnx.toString();
        } else {
            if (in.height() < 16 || in.width() < 16) {
                throw new CommandLine.ParameterException(spec.commandLine(), "the model's input " + in
                        + " is too small for the default LeNet-5; give a float twin with --onnx");
            }
            Sequential net = ModelZoo.create(new io.dot4j.core.zoo.ModelSpec("lenet5",
                    Map.of("channels", in.channels(), "height", in.height(), "width", in.width())), new Rng(BenchModels.SEED));
            onnxBytes = OnnxExporter.export(net, ExportOptions.image(in.channels(), in.height(), in.width()));
            onnxName = "LeNet-5 (random weights, exported by dot4j)";
        }
        long[] perImage = onnxInputShape(onnxBytes);
        long onnxElements = 1;
        for (long d : perImage) {
            onnxElements *= d;
        }
        if (onnxElements != in.elements()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the ONNX model takes " + onnxElements
                    + " values per image but " + model + " takes " + in.elements() + " pixels (" + in + ")");
        }
        out.printf(Locale.ROOT, "dot4j: %s (%,d bytes, %,d MACs/image); ONNX Runtime: %s (%,d bytes)%n", model, Files.size(model),
                intModel.totalMacs(), onnxName, onnxBytes.length);
        out.printf(Locale.ROOT, "JDK %s, CPU %s, load average %s; alternating A/B, %d rounds, medians%n",
                System.getProperty("java.version"), BenchSuite.cpuModel(), BenchSuite.loadAverage(), ROUNDS);
        out.printf(Locale.ROOT, "dot4j runtime binary-conv %s%n", io.dot4j.runtime.kernels.KernelLine.current());
        int cases = threads.size() * batches.size();
        out.println("threads  batch   dot4j img/s     ORT img/s (setting)    ratio dot4j/ORT");
        for (int t : threads) {
            for (int b : batches) {
                byte[][] images = BenchModels.images(b, in.elements(), BenchModels.SEED);
                long[] shape = new long[perImage.length + 1];
                shape[0] = b;
                System.arraycopy(perImage, 0, shape, 1, perImage.length);
                Map<String, BatchRunner> runners = new LinkedHashMap<>();
                runners.put("dot4j", new Dot4jIntRunner(intModel, images, t));
                runners.put("ort", new OrtRunner(onnxBytes, BenchModels.normalized(images), shape, t, true));
                if (t > 1) {
                    runners.put("ort-nospin", new OrtRunner(onnxBytes, BenchModels.normalized(images), shape, t, false));
                }
                double slice = Math.max(0.05, seconds / (cases * ROUNDS * runners.size()));
                try {
                    measure(t, b, runners, slice);
                } finally {
                    runners.values().forEach(BatchRunner::close);
                }
            }
        }
        out.println("ratio = dot4j images/s / ONNX Runtime images/s at ORT's best setting for that case (>1: dot4j is faster).");
        return 0;
    }

    private void measure(int t, int b, Map<String, BatchRunner> runners, double slice) {
        for (BatchRunner r : runners.values()) {
            imagesPerSecond(r, Math.max(slice, 0.3)); // warm-up: JIT and ORT's thread pool
        }
        Map<String, List<Double>> ips = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(runners.keySet());
        for (int round = 0; round < ROUNDS; round++) {
            for (String name : order) {
                ips.computeIfAbsent(name, k -> new ArrayList<>()).add(imagesPerSecond(runners.get(name), slice));
            }
            java.util.Collections.reverse(order); // A B, B A: neither side always goes first
        }
        String best = "ort";
        if (ips.containsKey("ort-nospin") && Stats.median(ips.get("ort-nospin")) > Stats.median(ips.get("ort"))) {
            best = "ort-nospin";
        }
        double d = Stats.median(ips.get("dot4j")), o = Stats.median(ips.get(best));
        out.printf(Locale.ROOT, "%7d %6d %13.0f %13.0f (%-10s) %10.2f%n", t, b, d, o, best, d / o);
    }

    private static double imagesPerSecond(BatchRunner r, double seconds) {
        long sink = 0;
        long images = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            sink += r.run();
            images += r.batch();
            now = System.nanoTime();
        } while (now < end);
        if (sink == 42) {
            System.out.print(""); // keeps the outputs alive for the JIT
        }
        return images / ((now - start) / 1e9);
    }

    /** The ONNX model's input shape without the batch axis. */
    private static long[] onnxInputShape(byte[] bytes) throws OrtException, IOException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(bytes, new OrtSession.SessionOptions())) {
            if (s.getInputInfo().size() != 1) {
                throw new IOException("expected an ONNX model with one input, found " + s.getInputInfo().keySet());
            }
            TensorInfo info = (TensorInfo) s.getInputInfo().values().iterator().next().getInfo();
            long[] shape = info.getShape();
            long[] perImage = new long[shape.length - 1];
            System.arraycopy(shape, 1, perImage, 0, perImage.length);
            for (long d : perImage) {
                if (d < 1) {
                    throw new IOException("the ONNX model's input has a symbolic dimension past the batch axis: "
                            + java.util.Arrays.toString(shape));
                }
            }
            return perImage;
        }
    }
}
