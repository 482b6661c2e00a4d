package io.dot4j.runtime.vector;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector width every kernel of this module runs at, chosen once when the class is initialized: the machine's
 * preferred width (512 bits with AVX-512, 256 with AVX2, 128 with SSE or NEON; wider SVE shapes are capped at 512),
 * or {@code -Ddot4j.vectorBits=128|256|512} for tests. A width the CPU lacks still gives exact results, but HotSpot
 * then emulates the vectors as heap objects (slow, allocating). The species are {@code static final} so that C2
 * treats them as constants; a species in an instance field can keep the vector operations from being intrinsified.
 */
public final class VectorWidth {
    /** The system property that overrides the machine's width (read once, at class initialization). */
    public static final String PROPERTY = "dot4j.vectorBits";
    /** Bits per vector: 128, 256 or 512. */
    public static final int BITS = chooseBits();
    /**
     * Whether the CPU has vectors of {@link #BITS} (the preferred width or a narrower one), so that C2 intrinsifies
     * them; otherwise they are emulated on the heap: exact but slow and allocating.
     */
    public static final boolean NATIVE = BITS <= preferredBits();

    /** 64-bit lanes at full width (one grid word per lane). */
    static final VectorSpecies<Long> LONGS = VectorSpecies.of(long.class, shape(BITS));
    /** 32-bit lanes at full width. */
    static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, shape(BITS));
    /** 32-bit lanes at half width: the narrowed {@link #LONGS} (as many lanes). */
    static final VectorSpecies<Integer> HALF_INTS =
            VectorSpecies.of(int.class, shape(BITS / 2));
    /** 16-bit lanes at full width. */
    static final VectorSpecies<Short> SHORTS = VectorSpecies.of(short.class, shape(BITS));
    /** 8-bit lanes at full width. */
    static final VectorSpecies<Byte> BYTES = VectorSpecies.of(byte.class, shape(BITS));
    /**
     * 8-bit lanes that zero-extend to {@link #INTS}: a quarter of the width, but at least 64 bits (the narrowest
     * shape), so at 128 bits it holds two int vectors' worth (parts 0 and 1).
     */
    static final VectorSpecies<Byte> QUARTER_BYTES =
            VectorSpecies.of(byte.class, shape(Math.max(64, BITS / 4)));

    /** Long lanes per vector (8, 4 or 2). */
    static final int LONG_LANES = BITS / 64;
    /** Int lanes per vector (16, 8 or 4). */
    static final int INT_LANES = BITS / 32;
    /**
     * Whether the binary tiles may hold 16 accumulators: AVX-512 has 32 vector registers; AVX2 and SSE have 16, where
     * 16 accumulators plus the loads would spill.
     */
    static final boolean WIDE_TILE = BITS == 512;

    private VectorWidth() {
    }

    /** The kernel's name for logs and benchmarks: "vector-512", "vector-256" or "vector-128". */
    public static String kernelName() {
        return "vector-" + BITS;
    }

    /** The largest of 512, 256 and 128 bits not above the JVM's preferred vector size (0 when below 128 bits). */
    public static int preferredBits() {
        int bits = LongVector.SPECIES_PREFERRED.vectorBitSize();
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

    private static VectorShape shape(int bits) {
        return VectorShape.forBitSize(bits);
    }
}
