package io.dot4j.runtime.kernels;

import io.dot4j.runtime.kernels.spi.BitConvProgram;
import io.dot4j.runtime.vector.VectorBitConvKernel;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * How many 512-bit vector operations per second this CPU retires from Java, for the shapes the binary conv is made
 * of: AND + ADD and POPCOUNT + ADD (each loop keeps 8 independent chains, so it measures throughput, not latency),
 * against {@link VectorBitConvKernel} itself on the kernel benchmark's layer (64 rows, 18 slots = 9 taps x 2 planes,
 * 224 positions, no epilogue): 2,016 tile steps of 4 grid loads, 4 broadcast weight words and 16 AND -> POPCOUNT ->
 * ADD triples, 52 operations each.
 * If the tile step costs about as many nanoseconds per operation as the plain loops, the kernel is bound by the
 * machine's vector issue rate, and only fewer operations per multiply-add can make it faster.
 * Not a unit test: run it by hand on an idle machine (see docs/BENCHMARKS.md, "Why the 2-bit layer stops near 7x on this CPU"):
 * {@code java --add-modules jdk.incubator.vector -cp
 * runtime-vector/target/test-classes:runtime-vector/target/classes:runtime/target/classes
 * io.dot4j.runtime.kernels.VectorOpThroughput [ROUNDS]}.
 */
public final class VectorOpThroughput {
    private static final VectorSpecies<Long> L = LongVector.SPECIES_512;
    private static final int ROWS = 64;
    private static final int SLOTS = 18;
    private static final int POSITIONS = 224;
    /** 16 tiles of 4 rows x 7 blocks of 32 positions x 18 slots. */
    private static final int TILE_STEPS_PER_CALL = ROWS / 4 * POSITIONS / 32 * SLOTS;

    private VectorOpThroughput() {
    }

    /** 8 chains x (AND, ADD) per iteration: 16 operations. */
    static long andAdd(long[] g, int n) {
        LongVector a0 = LongVector.fromArray(L, g, 0), a1 = LongVector.fromArray(L, g, 8), a2 = a0.not(), a3 = a1.not();
        LongVector a4 = a0.neg(), a5 = a1.neg(), a6 = a0.add(a1), a7 = a1.add(a1);
        for (int i = 0; i < n; i++) {
            LongVector w = LongVector.broadcast(L, g[i & 1023]);
            a0 = a0.add(a0.and(w));
            a1 = a1.add(a1.and(w));
            a2 = a2.add(a2.and(w));
            a3 = a3.add(a3.and(w));
            a4 = a4.add(a4.and(w));
            a5 = a5.add(a5.and(w));
            a6 = a6.add(a6.and(w));
            a7 = a7.add(a7.and(w));
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).reduceLanes(VectorOperators.ADD);
    }

    /** 8 chains x (POPCOUNT, ADD) per iteration over loaded words: 22 operations (6 make the inputs differ), 2 loads. */
    static long popcountAdd(long[] g, int n) {
        LongVector s0 = LongVector.zero(L), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        for (int i = 0; i < n; i++) {
            int o = (i & 511) * 2;
            LongVector x = LongVector.fromArray(L, g, o), y = LongVector.fromArray(L, g, o + 8);
            s0 = s0.add(x.lanewise(VectorOperators.BIT_COUNT));
            s1 = s1.add(y.lanewise(VectorOperators.BIT_COUNT));
            s2 = s2.add(x.not().lanewise(VectorOperators.BIT_COUNT));
            s3 = s3.add(y.not().lanewise(VectorOperators.BIT_COUNT));
            s4 = s4.add(x.neg().lanewise(VectorOperators.BIT_COUNT));
            s5 = s5.add(y.neg().lanewise(VectorOperators.BIT_COUNT));
            s6 = s6.add(x.add(y).lanewise(VectorOperators.BIT_COUNT));
            s7 = s7.add(x.sub(y).lanewise(VectorOperators.BIT_COUNT));
        }
        return s0.add(s1).add(s2).add(s3).add(s4).add(s5).add(s6).add(s7).reduceLanes(VectorOperators.ADD);
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        java.util.Random r = new java.util.Random(1);
        long[] g = new long[4096];
        for (int i = 0; i < g.length; i++) {
            g[i] = r.nextLong();
        }
        long[] w = new long[ROWS * SLOTS];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextLong();
        }
        int[] off = new int[SLOTS], shift = new int[SLOTS]; // like the real grid: plane * 512 + dy * 16 + dx
        for (int s = 0; s < SLOTS; s++) {
            off[s] = 600 + (s / 9) * 512 + ((s % 9) / 3 - 1) * 16 + (s % 3 - 1);
        }
        // scale 1, no window-sum term, no thresholds: the kernel runs its tiles and skips the epilogue
        BitConvProgram program = new BitConvProgram(ROWS, off, shift, w, POSITIONS, POSITIONS, 1, 0, 0, null, null);
        VectorBitConvKernel kernel = new VectorBitConvKernel();
        int[] dst = new int[ROWS * POSITIONS];
        int n = 1_000_000, calls = 2000;
        long sink = 0;
        System.out.println("ns per 512-bit operation (median of the rounds after the first two)");
        double[][] ns = new double[3][rounds];
        for (int k = 0; k < rounds; k++) {
            long t0 = System.nanoTime();
            sink += andAdd(g, n);
            long t1 = System.nanoTime();
            sink += popcountAdd(g, n);
            long t2 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                kernel.run(program, g, null, dst, 0);
                sink += dst[i % dst.length];
            }
            long t3 = System.nanoTime();
            ns[0][k] = (t1 - t0) / (double) n / 16;
            ns[1][k] = (t2 - t1) / (double) n / 22; // 8 popcounts, 8 adds, 6 input ops (not, neg, add, sub)
            ns[2][k] = (t3 - t2) / (double) calls / TILE_STEPS_PER_CALL / 52;
            System.out.printf(java.util.Locale.ROOT, "round %d: and+add %.3f  popcount+add %.3f  kernel %.3f%n", k + 1,
                    ns[0][k], ns[1][k], ns[2][k]);
        }
        String[] names = {"and+add", "popcount+add", "VectorBitConvKernel (52 ops per tile step)"};
        for (int i = 0; i < 3; i++) {
            double[] tail = java.util.Arrays.copyOfRange(ns[i], Math.min(2, rounds - 1), rounds);
            java.util.Arrays.sort(tail);
            System.out.printf(java.util.Locale.ROOT, "%s: %.3f ns per op%n", names[i], tail[tail.length / 2]);
        }
        System.out.println("(checksum " + sink + ")");
    }
}
