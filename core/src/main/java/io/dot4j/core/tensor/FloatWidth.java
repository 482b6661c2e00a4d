package io.dot4j.core.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float vector width of core's Vector API kernels, chosen once at class initialization: the machine's preferred
 * width (512 bits with AVX-512, 256 with AVX2, 128 with SSE or NEON; wider SVE shapes capped at 512), or
 * {@code -Ddot4j.vectorBits=128|256|512} for tests (the same property as the runtime's kernels). The species is
 * {@code static final} so that C2 treats it as a constant. Every kernel gives the same bits at every width. Only loaded
 * when {@code jdk.incubator.vector} is present.
 */
final class FloatWidth {
    static final String PROPERTY = "dot4j.vectorBits";
    /** Bits per vector: 128, 256 or 512. */
    static final int BITS = chooseBits();
    /** The species of every float kernel. */
    static final VectorSpecies<Float> FLOATS = VectorSpecies.of(float.class, VectorShape.forBitSize(BITS));
    /** Float lanes per vector: 16, 8 or 4. */
    static final int LANES = BITS / 32;
    /** Whether the CPU has vectors this wide (else HotSpot emulates them: exact, but slow and allocating). */
    static final boolean NATIVE = BITS <= preferredBits();

    private FloatWidth() {
    }

    /** The largest of 512, 256 and 128 bits not above the JVM's preferred vector size (0 when below 128 bits). */
    static int preferredBits() {
        int bits = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        return bits >= 512 ? 512 : bits >= 256 ? 256 : bits >= 128 ? 128 : 0;
    }

    private static int chooseBits() {
        String s = System.getProperty(PROPERTY);
        if (s == null || s.isBlank()) {
            return Math.max(128, preferredBits());
        }
        return switch (s.strip()) {
            case "128" -> 128;
            case "256" -> 256;
            case "512" -> 512;
            default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + s + ": expected 128, 256 or 512");
        };
    }
}
