package io.dot4j.runtime.kernels;

/**
 * The one-line kernel summary that {@code eval}, {@code bench} and {@code Dot4jModel.describe()} print, so that every
 * number is read with the machine and path that produced it: "kernel vector-256 (256-bit vectors) on CPU (flags)".
 */
public final class KernelLine {
    private KernelLine() {
    }

    /** For the binary kernel {@code name} ("vector-256", "portable", "steps") on this machine. */
    public static String of(String name) {
        int bits = PlannedOperation.vectorBits(name);
        String path = bits > 0 ? " (" + bits + "-bit vectors)" : name.equals("portable") ? " (plain Java, no Vector API)"
                : "";
        return "kernel " + name + path + " on " + CpuInfo.read().summary();
    }

    /** For the kernel engines built now would use ({@link BitConvKernels#select()}). */
    public static String current() {
        return of(BitConvKernels.select().name());
    }
}
