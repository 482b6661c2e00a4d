package io.dot4j.runtime.vector;

import io.dot4j.runtime.kernels.WidthEngineChecks;
import java.util.Random;

/**
 * Entry point of the child JVMs of {@link EveryWidthInChildJvmTest}: runs the kernel's property checks and the
 * engine-against-{@code ReferenceInterpreter} checks at this JVM's {@link VectorWidth} (set with
 * {@code -Ddot4j.vectorBits}, or by the CPU flags HotSpot was told to use), then, where the width is native, measures
 * the allocation of the kernel's methods. Prints one line {@code kernel=... bits=... native=... preferred=...
 * allocated=... plan=...} (allocated is -1 when not measured; plan is a hash of the operations and fusions of
 * the engines of fixed random models, kernel names left out); a failed check ends the JVM with status 1 and its message.
 *
 * <p>Argument: the number of random cases per check (kept small where vectors are emulated: they are slow).
 */
public final class WidthCheck {
    private WidthCheck() {
    }

    public static void main(String[] args) {
        int tries = Integer.parseInt(args[0]);
        try {
            VectorBitConvKernelTest kernel = new VectorBitConvKernelTest();
            Random seeds = new Random(20261207L + VectorWidth.BITS);
            for (int i = 0; i < tries; i++) {
                kernel.vectorKernelFollowsTheDefinition(seeds.nextLong());
                kernel.shortConvFollowsTheDefinition(seeds.nextLong());
                kernel.shortConvSignsFollowsTheDefinition(seeds.nextLong());
                kernel.packPixelRowCountsRanges(seeds.nextLong());
                kernel.thresholdPackCountsLevels(seeds.nextLong());
                kernel.thresholdPackReadsBytesUnsigned(seeds.nextLong());
                kernel.poolPackTakesWindowMaxima(seeds.nextLong());
                WidthEngineChecks.check(seeds.nextLong());
            }
            long allocated = -1;
            if (VectorWidth.NATIVE) {
                java.util.Map<String, Long> bytes = VectorBitConvKernelTest.allocatedBytes(VectorBitConvKernelTest.RUNS);
                allocated = bytes.values().stream().mapToLong(Long::longValue).max().orElseThrow();
                System.out.println("allocated bytes per " + VectorBitConvKernelTest.RUNS + " runs: " + bytes);
            }
            System.out.println("kernel=" + new VectorBitConvKernel().name() + " bits=" + VectorWidth.BITS + " native="
                    + VectorWidth.NATIVE + " preferred=" + VectorWidth.preferredBits() + " allocated=" + allocated
                    + " plan=" + WidthEngineChecks.planSignature());
        } catch (AssertionError e) {
            System.out.println("FAILED at " + VectorWidth.BITS + " bits: " + e.getMessage());
            System.exit(1);
        }
    }
}
