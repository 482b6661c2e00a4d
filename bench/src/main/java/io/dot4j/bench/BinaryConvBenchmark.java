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

import java.util.concurrent.TimeUnit;

/**
 * Batches per second of one conv layer, 64 -> 64 channels, 3x3, padding 1, on 14x14: the runtime's binary kernel
 * (1-bit weights, 2-bit activations, inside the minimal model {@link BenchModels#binaryConvLayer()}) against ONNX
 * Runtime's float Conv of the same shape.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class BinaryConvBenchmark {
    @Param({Workloads.DOT4J, Workloads.DOT4J_A1, Workloads.ORT, Workloads.ORT_NOSPIN})
    public String engine;

    @Param({"1", "64"})
    public int batch;

    @Param({"1", "2"})
    public int threads;

    private BatchRunner runner;

    @Setup(Level.Trial)
    public void setUp() {
        runner = Workloads.convLayer(engine, batch, threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        runner.close();
    }

    @Benchmark
    public long conv() {
        return runner.run();
    }
}
