package io.dot4j.bench;

import io.dot4j.core.nn.Linear;
import io.dot4j.core.nn.Sequential;
import io.dot4j.core.tensor.Rng;
import io.dot4j.onnx.ExportOptions;
import io.dot4j.onnx.OnnxExporter;
import io.dot4j.runtime.kernels.BitConvKernels;
import io.dot4j.runtime.kernels.KernelLine;
import io.dot4j.runtime.kernels.spi.BitConvKernel;
import io.dot4j.runtime.kernels.spi.BitConvProgram;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The machine's ceiling, re-measured wherever the suite runs (one thread, best of the rounds): a binary dense layer of
 * PERF_NOTES' shape (K = 4,096 bits, N = 1,024 outputs, batch B = 64) on the C reference kernel
 * ({@code c/binary_dot.c}, built here with {@code gcc -O3 -march=native}) and on dot4j's own binary kernel (the one
 * the runtime selected, running the layer as a {@link BitConvProgram}: one slot per 64-bit word, one position per
 * input), beside ONNX Runtime's float Gemm of the same shape ([64, 4096] x [4096, 1024], plus a bias). Every row names
 * the CPU, flags, width and kernel ({@link KernelLine}).
 */
final class CeilingBench {
    static final int K = 4096, N = 1024, B = 64;

    private CeilingBench() {
    }

    static void run(PrintStream out, int rounds) throws IOException, InterruptedException {
        double macs = (double) K * N * B;
        out.println("## Ceiling: binary dense layer K = 4,096 bits, N = 1,024, batch 64, 1 thread (best of " + rounds
                + " rounds)");
        out.println();
        out.println(KernelLine.current());
        out.println();
        out.println("| kernel | form | G MAC/s |");
        out.println("| --- | --- | ---: |");
        String[] c = cReference(rounds);
        out.printf(Locale.ROOT, "| C reference (gcc -O3 -march=native) | %s | %s |%n", c[0], c[1]);
        BitConvKernel kernel = BitConvKernels.select();
        out.printf(Locale.ROOT, "| dot4j %s | binary conv program, 4-row tiles | %.1f |%n", kernel.name(),
                macs / dot4jSeconds(kernel, rounds) * 1e-9);
        out.printf(Locale.ROOT, "| ONNX Runtime float Gemm | [64, 4096] x [4096, 1024] + bias, 1 intra-op thread | %.1f |%n",
                macs / ortSeconds(rounds) * 1e-9);
        out.println();
        out.println("Binary rows count one AND + popcount bit as one MAC; the ORT row counts float multiply-adds.");
        out.println();
    }

    /** {form, G MAC/s} of the C kernel, or {"not built: reason", "-"}. */
    static String[] cReference(int rounds) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("dot4j-ceiling");
        try {
            Path src = dir.resolve("binary_dot.c"), exe = dir.resolve("binary_dot");
            try (InputStream in = CeilingBench.class.getResourceAsStream("/c/binary_dot.c")) {
                if (in == null) {
                    return new String[] {"not built: c/binary_dot.c missing from the bench jar", "-"};
                }
                Files.copy(in, src);
            }
            String[] built = exec(List.of("gcc", "-O3", "-march=native", "-o", exe.toString(), src.toString()));
            if (built == null || !built[0].equals("0")) {
                return new String[] {"not built: " + (built == null ? "no gcc on the PATH" : built[1].strip()), "-"};
            }
            String[] ran = exec(List.of(exe.toString(), "" + rounds, "" + K, "" + N, "" + B));
            if (ran == null || !ran[0].equals("0")) {
                return new String[] {"failed: " + (ran == null ? "could not start" : ran[1].strip()), "-"};
            }
            String[] f = ran[1].strip().split(" "); // c-reference FORM K N B GMACS best of R
            return new String[] {f[1], f[5]};
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** {exit status, output}, or null when the program cannot be started. */
    private static String[] exec(List<String> cmd) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new String[] {"timeout", text};
            }
            return new String[] {"" + p.exitValue(), text};
        } catch (IOException e) {
            return null;
        }
    }

    /** Best seconds of one run of the layer on {@code kernel}, checked against Long.bitCount first. */
    static double dot4jSeconds(BitConvKernel kernel, int rounds) {
        int words = K / 64;
        SplittableRandom r = new SplittableRandom(1);
        long[] w = new long[N * words], grid = new long[words * B + B];
        int[] off = new int[words], shift = new int[words];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextLong();
        }
        for (int i = 0; i < words * B; i++) {
            grid[i] = r.nextLong();
        }
        for (int s = 0; s < words; s++) {
            off[s] = s * B; // word s of input p at grid[s * B + p]
        }
        BitConvProgram p = new BitConvProgram(N, off, shift, w, B, B, 1, 0, 0, null, null);
        int[] dst = new int[N * B];
        kernel.run(p, grid, new long[B], dst, 0);
        for (int row = 0; row < N; row += 97) {
            for (int in = 0; in < B; in += 13) {
                int c = 0;
                for (int s = 0; s < words; s++) {
                    c += Long.bitCount(p.weight(row, s) & grid[p.off[s] + in]);
                }
                if (c != dst[row * B + in]) {
                    throw new IllegalStateException(kernel.name() + " counts " + dst[row * B + in] + " at row " + row
                            + ", input " + in + "; Long.bitCount gives " + c);
                }
            }
        }
        for (int i = 0; i < 20; i++) { // warm-up: C2 compiles the tiles
            kernel.run(p, grid, new long[B], dst, 0);
        }
        long best = Long.MAX_VALUE;
        long[] x = new long[B];
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            kernel.run(p, grid, x, dst, 0);
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best / 1e9;
    }

    /** Best seconds of one ORT run of the float layer on one intra-op thread. */
    static double ortSeconds(int rounds) {
        Sequential net = new Sequential().add("fc", new Linear(K, N, new Rng(1)));
        byte[] onnx = OnnxExporter.export(net, ExportOptions.image(K, 1, 1));
        float[] x = new float[B * K];
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        List<Long> times = new ArrayList<>();
        try (OrtRunner ort = new OrtRunner(onnx, x, new long[] {B, K, 1, 1}, 1, true)) {
            for (int i = 0; i < 10; i++) {
                ort.run();
            }
            for (int round = 0; round < rounds; round++) {
                long t0 = System.nanoTime();
                ort.run();
                times.add(System.nanoTime() - t0);
            }
        }
        return times.stream().mapToLong(Long::longValue).min().orElseThrow() / 1e9;
    }
}
