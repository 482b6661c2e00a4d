package io.dot4j.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Batches per second of the LeNet-sized workload (images/s = score x batch):
 * dot4j-float (core's forward of LeNet-5), dot4j-int (a deployed .dot4j model in the runtime, the float path's
 * integer successor), and ONNX Runtime on the exported float LeNet-5 with and without spinning threads.
 * {@link BenchSuite} runs the engines of one case back to back and prints their ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class LeNetBenchmark {
    @Param({Workloads.DOT4J_FLOAT, Workloads.DOT4J_INT, Workloads.ORT, Workloads.ORT_NOSPIN})
    public String engine;

    @Param({"1", "64"})
    public int batch;

    @Param({"1", "2"})
    public int threads;

    /** A .dot4j file for dot4j-int, or "generated" for the built-in tiny binary CNN. */
    @Param({BenchModels.GENERATED})
    public String model;

    private BatchRunner runner;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        runner = Workloads.lenet(engine, batch, threads, model);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        runner.close();
    }

    @Benchmark
    public long forward() {
        return runner.run();
    }
}
