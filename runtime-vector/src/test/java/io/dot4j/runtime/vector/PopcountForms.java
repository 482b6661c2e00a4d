package io.dot4j.runtime.vector;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A/B probe, run by hand on an idle machine (never in the test suite): binary dot products of the shape in
 * PERF_NOTES (K = 4,096 bits, 1,024 weight rows, batch 64) with four popcount forms at this JVM's
 * {@link VectorWidth}: the JDK's {@code BIT_COUNT} lowering (what the kernel uses), a nibble table (two byte shuffles
 * per word, then the byte counts summed per 64-bit lane by a multiply), Harley-Seal carry-save adders over blocks of
 * eight vectors, and a plain {@code Long.bitCount} loop. All four must give the same counts; prints G binary MAC/s per
 * form (best of the rounds), with the CPU and width. Keep {@code BIT_COUNT} unless another form wins on the machines
 * that matter (PERF_NOTES: on a Zen 3 with AVX2 it did, by 1.3-1.6x).
 *
 * <pre>
 *   mvn -B -q -o -pl runtime,runtime-vector test-compile
 *   CP=runtime/target/classes:runtime-vector/target/classes:runtime-vector/target/test-classes
 *   java --add-modules jdk.incubator.vector -cp $CP io.dot4j.runtime.vector.PopcountForms [rounds]
 *   java --add-modules jdk.incubator.vector -XX:UseAVX=2 -cp $CP io.dot4j.runtime.vector.PopcountForms   # AVX2 code
 * </pre>
 */
public final class PopcountForms {
    private static final VectorSpecies<Long> L = VectorWidth.LONGS;
    private static final VectorSpecies<Byte> B = VectorWidth.BYTES;
    private static final int V = L.length();
    /** Bits set in each nibble value, repeated in every 16 lanes (selectFrom reads the whole vector). */
    private static final ByteVector TABLE = ByteVector.fromArray(B, nibbleTable(B.length()), 0);
    private static final int WORDS = 64, ROWS = 1024, BATCH = 64;

    private PopcountForms() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        java.util.Random r = new java.util.Random(1);
        long[] w = new long[ROWS * WORDS], x = new long[BATCH * WORDS];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextLong();
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextLong();
        }
        String[] names = {"BIT_COUNT", "nibble table", "Harley-Seal", "Long.bitCount"};
        int[][] out = new int[names.length][BATCH * ROWS];
        long[] best = new long[names.length];
        java.util.Arrays.fill(best, Long.MAX_VALUE);
        for (int round = 0; round < rounds; round++) {
            for (int f = 0; f < names.length; f++) { // alternating, so that drift hits every form alike
                long t0 = System.nanoTime();
                run(f, w, x, out[f]);
                best[f] = Math.min(best[f], System.nanoTime() - t0);
            }
        }
        for (int f = 1; f < names.length; f++) {
            if (!java.util.Arrays.equals(out[0], out[f])) {
                throw new AssertionError(names[f] + " counts differ from BIT_COUNT's");
            }
        }
        System.out.println(io.dot4j.runtime.kernels.CpuInfo.read().summary() + ", " + VectorWidth.BITS + "-bit vectors"
                + (VectorWidth.NATIVE ? "" : " (emulated)"));
        double macs = (double) BATCH * ROWS * WORDS * 64;
        for (int f = 0; f < names.length; f++) {
            System.out.printf("%-14s %8.1f G binary MAC/s (best of %d rounds, 1 thread)%n", names[f], macs / best[f],
                    rounds);
        }
    }

    private static void run(int form, long[] w, long[] x, int[] out) {
        for (int b = 0; b < BATCH; b++) {
            for (int row = 0; row < ROWS; row++) {
                int wo = row * WORDS, xo = b * WORDS;
                out[b * ROWS + row] = switch (form) {
                    case 0 -> bitCount(w, wo, x, xo);
                    case 1 -> nibble(w, wo, x, xo);
                    case 2 -> harleySeal(w, wo, x, xo);
                    default -> scalar(w, wo, x, xo);
                };
            }
        }
    }

    private static int bitCount(long[] w, int wo, long[] x, int xo) {
        LongVector acc = LongVector.zero(L);
        for (int i = 0; i < WORDS; i += V) {
            acc = acc.add(LongVector.fromArray(L, w, wo + i).and(LongVector.fromArray(L, x, xo + i))
                    .lanewise(VectorOperators.BIT_COUNT));
        }
        return (int) acc.reduceLanes(VectorOperators.ADD);
    }

    private static int nibble(long[] w, int wo, long[] x, int xo) {
        LongVector acc = LongVector.zero(L);
        for (int i = 0; i < WORDS; i += V) {
            ByteVector v = LongVector.fromArray(L, w, wo + i).and(LongVector.fromArray(L, x, xo + i)).reinterpretAsBytes();
            ByteVector lo = v.and((byte) 0x0F), hi = v.lanewise(VectorOperators.LSHR, 4).and((byte) 0x0F);
            ByteVector counts = lo.selectFrom(TABLE).add(hi.selectFrom(TABLE));
            // the eight byte counts of each 64-bit lane summed into its top byte
            acc = acc.add(counts.reinterpretAsLongs().mul(0x0101010101010101L).lanewise(VectorOperators.LSHR, 56));
        }
        return (int) acc.reduceLanes(VectorOperators.ADD);
    }

    private static int harleySeal(long[] w, int wo, long[] x, int xo) {
        LongVector zero = LongVector.zero(L), ones = zero, twos = zero, fours = zero, eights = zero;
        int i = 0;
        for (; i + 8 * V <= WORDS; i += 8 * V) {
            LongVector d0 = LongVector.fromArray(L, w, wo + i).and(LongVector.fromArray(L, x, xo + i));
            LongVector d1 = LongVector.fromArray(L, w, wo + i + V).and(LongVector.fromArray(L, x, xo + i + V));
            LongVector d2 = LongVector.fromArray(L, w, wo + i + 2 * V).and(LongVector.fromArray(L, x, xo + i + 2 * V));
            LongVector d3 = LongVector.fromArray(L, w, wo + i + 3 * V).and(LongVector.fromArray(L, x, xo + i + 3 * V));
            LongVector d4 = LongVector.fromArray(L, w, wo + i + 4 * V).and(LongVector.fromArray(L, x, xo + i + 4 * V));
            LongVector d5 = LongVector.fromArray(L, w, wo + i + 5 * V).and(LongVector.fromArray(L, x, xo + i + 5 * V));
            LongVector d6 = LongVector.fromArray(L, w, wo + i + 6 * V).and(LongVector.fromArray(L, x, xo + i + 6 * V));
            LongVector d7 = LongVector.fromArray(L, w, wo + i + 7 * V).and(LongVector.fromArray(L, x, xo + i + 7 * V));
            // carry-save adders: (high, low) of a + b + c is ((a & b) | ((a ^ b) & c), a ^ b ^ c)
            LongVector u = ones.lanewise(VectorOperators.XOR, d0);
            LongVector twosA = ones.and(d0).or(u.and(d1));
            ones = u.lanewise(VectorOperators.XOR, d1);
            u = ones.lanewise(VectorOperators.XOR, d2);
            LongVector twosB = ones.and(d2).or(u.and(d3));
            ones = u.lanewise(VectorOperators.XOR, d3);
            u = twos.lanewise(VectorOperators.XOR, twosA);
            LongVector foursA = twos.and(twosA).or(u.and(twosB));
            twos = u.lanewise(VectorOperators.XOR, twosB);
            u = ones.lanewise(VectorOperators.XOR, d4);
            twosA = ones.and(d4).or(u.and(d5));
            ones = u.lanewise(VectorOperators.XOR, d5);
            u = ones.lanewise(VectorOperators.XOR, d6);
            twosB = ones.and(d6).or(u.and(d7));
            ones = u.lanewise(VectorOperators.XOR, d7);
            u = twos.lanewise(VectorOperators.XOR, twosA);
            LongVector foursB = twos.and(twosA).or(u.and(twosB));
            twos = u.lanewise(VectorOperators.XOR, twosB);
            u = fours.lanewise(VectorOperators.XOR, foursA);
            LongVector eight = fours.and(foursA).or(u.and(foursB));
            fours = u.lanewise(VectorOperators.XOR, foursB);
            eights = eights.add(eight.lanewise(VectorOperators.BIT_COUNT));
        }
        LongVector total = eights.mul(8).add(fours.lanewise(VectorOperators.BIT_COUNT).mul(4))
                .add(twos.lanewise(VectorOperators.BIT_COUNT).mul(2)).add(ones.lanewise(VectorOperators.BIT_COUNT));
        for (; i < WORDS; i += V) { // rows shorter than a block (never at this shape)
            total = total.add(LongVector.fromArray(L, w, wo + i).and(LongVector.fromArray(L, x, xo + i))
                    .lanewise(VectorOperators.BIT_COUNT));
        }
        return (int) total.reduceLanes(VectorOperators.ADD);
    }

    private static int scalar(long[] w, int wo, long[] x, int xo) {
        int s = 0;
        for (int i = 0; i < WORDS; i++) {
            s += Long.bitCount(w[wo + i] & x[xo + i]);
        }
        return s;
    }

    private static byte[] nibbleTable(int lanes) {
        byte[] t = new byte[lanes];
        for (int i = 0; i < lanes; i++) {
            t[i] = (byte) Integer.bitCount(i & 15);
        }
        return t;
    }
}
