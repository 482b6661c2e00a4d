package io.dot4j.runtime.kernels;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * How many 512-bit vector operations per second this CPU retires from Java, for the three shapes the binary conv is
 * made of: AND + ADD, POPCOUNT + ADD, and the kernel's own tile step (4 grid loads, 4 broadcast weight words, 16 x
 * AND -> POPCOUNT -> ADD). Each loop keeps 8 or more independent chains so it measures throughput, not latency.
 * If the tile step costs about as many nanoseconds per operation as the plain loops, the kernel is bound by the
 * machine's vector issue rate, and only fewer operations per multiply-add can make it faster.
 * Not a unit test: run it by hand on an idle machine (see docs/BENCHMARKS.md, "Why the kernel ratio stops near 7"):
 * {@code java --add-modules jdk.incubator.vector -cp runtime-vector/target/test-classes
 * io.dot4j.runtime.kernels.VectorOpThroughput [ROUNDS]}.
 */
public final class VectorOpThroughput {
    private static final VectorSpecies<Long> L = LongVector.SPECIES_512;
    private static final int SLOTS = 18;
    private static final int TILE_STEPS_PER_CALL = 7 * SLOTS;

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

    /** The kernel's 4 x 4 tile over 18 slots (9 taps x 2 planes), 7 position blocks and 16 row tiles: 52 ops a step. */
    static long tile(long[] grid, long[] w, int[] off) {
        long sink = 0;
        for (int t = 0; t < 16; t++) {
            for (int pos = 0; pos < 224; pos += 32) {
                LongVector a00 = LongVector.zero(L), a01 = a00, a02 = a00, a03 = a00, a10 = a00, a11 = a00, a12 = a00, a13 = a00;
                LongVector a20 = a00, a21 = a00, a22 = a00, a23 = a00, a30 = a00, a31 = a00, a32 = a00, a33 = a00;
                for (int s = 0; s < SLOTS; s++) {
                    int o = off[s] + pos, wi = (t * SLOTS + s) * 4;
                    LongVector g0 = LongVector.fromArray(L, grid, o), g1 = LongVector.fromArray(L, grid, o + 8);
                    LongVector g2 = LongVector.fromArray(L, grid, o + 16), g3 = LongVector.fromArray(L, grid, o + 24);
                    LongVector w0 = LongVector.broadcast(L, w[wi]), w1 = LongVector.broadcast(L, w[wi + 1]);
                    LongVector w2 = LongVector.broadcast(L, w[wi + 2]), w3 = LongVector.broadcast(L, w[wi + 3]);
                    a00 = a00.add(w0.and(g0).lanewise(VectorOperators.BIT_COUNT));
                    a01 = a01.add(w0.and(g1).lanewise(VectorOperators.BIT_COUNT));
                    a02 = a02.add(w0.and(g2).lanewise(VectorOperators.BIT_COUNT));
                    a03 = a03.add(w0.and(g3).lanewise(VectorOperators.BIT_COUNT));
                    a10 = a10.add(w1.and(g0).lanewise(VectorOperators.BIT_COUNT));
                    a11 = a11.add(w1.and(g1).lanewise(VectorOperators.BIT_COUNT));
                    a12 = a12.add(w1.and(g2).lanewise(VectorOperators.BIT_COUNT));
                    a13 = a13.add(w1.and(g3).lanewise(VectorOperators.BIT_COUNT));
                    a20 = a20.add(w2.and(g0).lanewise(VectorOperators.BIT_COUNT));
                    a21 = a21.add(w2.and(g1).lanewise(VectorOperators.BIT_COUNT));
                    a22 = a22.add(w2.and(g2).lanewise(VectorOperators.BIT_COUNT));
                    a23 = a23.add(w2.and(g3).lanewise(VectorOperators.BIT_COUNT));
                    a30 = a30.add(w3.and(g0).lanewise(VectorOperators.BIT_COUNT));
                    a31 = a31.add(w3.and(g1).lanewise(VectorOperators.BIT_COUNT));
                    a32 = a32.add(w3.and(g2).lanewise(VectorOperators.BIT_COUNT));
                    a33 = a33.add(w3.and(g3).lanewise(VectorOperators.BIT_COUNT));
                }
                sink += a00.add(a01).add(a02).add(a03).add(a10).add(a11).add(a12).add(a13).add(a20).add(a21).add(a22)
                        .add(a23).add(a30).add(a31).add(a32).add(a33).reduceLanes(VectorOperators.ADD);
            }
        }
        return sink;
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        java.util.Random r = new java.util.Random(1);
        long[] g = new long[4096];
        for (int i = 0; i < g.length; i++) {
            g[i] = r.nextLong();
        }
        long[] w = new long[16 * SLOTS * 4];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextLong();
        }
        int[] off = new int[SLOTS]; // like the real grid: plane * 512 + dy * 16 + dx
        for (int s = 0; s < SLOTS; s++) {
            off[s] = 600 + (s / 9) * 512 + ((s % 9) / 3 - 1) * 16 + (s % 3 - 1);
        }
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
                sink += tile(g, w, off);
            }
            long t3 = System.nanoTime();
            ns[0][k] = (t1 - t0) / (double) n / 16;
            ns[1][k] = (t2 - t1) / (double) n / 22; // 8 popcounts, 8 adds, 6 input ops (not, neg, add, sub)
            ns[2][k] = (t3 - t2) / (double) calls / (16.0 * TILE_STEPS_PER_CALL) / 52;
            System.out.printf(java.util.Locale.ROOT, "round %d: and+add %.3f  popcount+add %.3f  tile step %.3f%n", k + 1,
                    ns[0][k], ns[1][k], ns[2][k]);
        }
        String[] names = {"and+add", "popcount+add", "tile step (52 ops per 16 AND-POPCOUNT-ADD triples)"};
        for (int i = 0; i < 3; i++) {
            double[] tail = java.util.Arrays.copyOfRange(ns[i], Math.min(2, rounds - 1), rounds);
            java.util.Arrays.sort(tail);
            System.out.printf(java.util.Locale.ROOT, "%s: %.3f ns per op%n", names[i], tail[tail.length / 2]);
        }
        System.out.println("(checksum " + sink + ")");
    }
}
