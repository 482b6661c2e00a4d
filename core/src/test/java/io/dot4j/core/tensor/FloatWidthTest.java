package io.dot4j.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * Core's float kernels at the width this JVM chose: the machine's (or {@code -Ddot4j.vectorBits}, set by the surefire
 * executions of core's pom that run the kernel tests at 128, 256 and 512 bits and under {@code -XX:UseAVX=2}), with
 * the vector path on at every width, and allocation-free where the CPU has the width (elsewhere HotSpot emulates the
 * vectors on the heap, and only the other tests' exactness checks apply).
 */
class FloatWidthTest {
    private static final int RUNS = 2_000;

    @Test
    void theKernelsRunAtTheChosenWidthWithTheVectorPathOn() {
        String forced = System.getProperty(FloatWidth.PROPERTY);
        int expected = forced != null ? Integer.parseInt(forced) : Math.max(128, FloatWidth.preferredBits());
        assertEquals(expected, FloatWidth.BITS, "width");
        assertTrue(GemmKernels.VECTOR, "the vector kernels must run at " + FloatWidth.BITS + " bits, not the scalar ones");
        assertEquals(2 * FloatWidth.LANES, GemmKernels.NR, "panel width");
        assertEquals("vector-" + expected, Gemm.kernel());
        String preferred = System.getProperty("dot4j.expectPreferredBits"); // the -XX:UseAVX=2 execution sets 256
        if (preferred != null) {
            assertEquals(Integer.parseInt(preferred), FloatWidth.preferredBits(), "the machine's width in this JVM");
        }
    }

    @Test
    void theVectorKernelsAllocateNothingOnceCompiled() {
        assumeTrue(FloatWidth.NATIVE, "vectors of " + FloatWidth.BITS + " bits are emulated on this CPU");
        Rng rng = new Rng(5);
        int nr = GemmKernels.NR, kc = 40;
        float[] a = Tensor.randn(rng, 1f, 6 * kc).data(), b = Tensor.randn(rng, 1f, kc * nr).data();
        float[] c = new float[6 * nr];
        float[] ra = Tensor.randn(rng, 1f, 3 * 70).data(), rb = Tensor.randn(rng, 1f, 9 * 70).data();
        float[] rc = new float[3 * 9];
        float[] px = Tensor.randn(rng, 1f, 2 * 14 * 30).data(), py = new float[2 * 7 * 15];
        Map<String, IntConsumer> calls = new LinkedHashMap<>();
        calls.put("gemm tile 6", i -> GemmVectorKernels.tile(6, kc, a, 0, kc, 1, b, 0, nr, c, 0, nr, (i & 1) == 0));
        calls.put("gemm tile 1", i -> GemmVectorKernels.tile(1, kc, a, 0, kc, 1, b, 0, nr, c, 0, nr, true));
        calls.put("row dot", i -> RowDotVectorKernels.rows(3, 9, 70, ra, rb, rc, 0, 9));
        calls.put("max pool", i -> MaxPool2x2Vector.values(px, py, 14, 30, 7, 15, 0, 2));
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        Map<String, Long> bytes = new LinkedHashMap<>();
        calls.forEach((name, call) -> {
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 60 && best >= RUNS; round++) {
                long before = mx.getThreadAllocatedBytes(tid);
                for (int i = 0; i < RUNS; i++) {
                    call.accept(i);
                }
                best = Math.min(best, mx.getThreadAllocatedBytes(tid) - before);
            }
            bytes.put(name, best);
        });
        long worst = bytes.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(worst < RUNS, "core's " + FloatWidth.BITS + "-bit kernels allocated, in bytes per " + RUNS + " runs: "
                + bytes);
    }
}
