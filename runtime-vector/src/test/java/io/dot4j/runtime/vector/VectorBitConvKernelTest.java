package io.dot4j.runtime.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dot4j.runtime.kernels.BitConvKernels;
import io.dot4j.runtime.kernels.spi.BitConvKernel;
import io.dot4j.runtime.kernels.spi.BitConvProgram;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The Vector API kernel on random programs: against the definition, against the portable kernel, without allocating. */
class VectorBitConvKernelTest {
    private static final VectorBitConvKernel VECTOR = new VectorBitConvKernel();

    /** A random program with its inputs: any rows, slots, shifts, offsets, scale, f and (sometimes) thresholds. */
    record Case(BitConvProgram program, long[] grid, long[] x) {
        static Case random(long seed) {
            return random(seed, false);
        }

        /** With {@code sums}, programs with thresholds get a random sum mask half of the time. */
        static Case random(long seed, boolean sums) {
            Random r = new Random(seed);
            int rows = 1 + r.nextInt(r.nextBoolean() ? 9 : 70), slots = 1 + r.nextInt(40);
            int positions = 16 * (1 + r.nextInt(6)), gridLength = 1 + r.nextInt(300);
            int[] off = new int[slots], shift = new int[slots];
            long[] w = new long[rows * slots];
            for (int s = 0; s < slots; s++) {
                off[s] = r.nextInt(gridLength);
                shift[s] = r.nextInt(5);
            }
            for (int i = 0; i < w.length; i++) {
                w[i] = r.nextInt(5) == 0 ? 0 : r.nextLong();
            }
            long[] grid = new long[gridLength + positions];
            for (int i = 0; i < grid.length; i++) {
                grid[i] = r.nextInt(4) == 0 ? -1L : r.nextLong();
            }
            long[] x = new long[positions];
            for (int i = 0; i < positions; i++) {
                x[i] = r.nextInt(2000);
            }
            int scale = 1 + r.nextInt(2), f = r.nextInt(4);
            int levels = r.nextBoolean() ? 0 : new int[] {1, 3, 7, 15}[r.nextInt(4)];
            int[] mask = new int[rows], key = new int[rows * levels];
            for (int row = 0; row < rows; row++) {
                mask[row] = r.nextBoolean() ? -1 : 0;
                int[] t = r.ints(levels, -20_000, 60_000).sorted().toArray();
                for (int i = 0; i < levels; i++) {
                    key[row * levels + i] = t[i];
                }
            }
            int[] sumMask = null;
            if (sums && levels > 0 && r.nextBoolean()) {
                sumMask = new int[positions];
                for (int i = 0; i < positions; i++) {
                    sumMask[i] = r.nextInt(3) == 0 ? 0 : -1;
                }
            }
            return new Case(new BitConvProgram(rows, off, shift, w, positions, positions + r.nextInt(5), scale, f, levels,
                    mask, key, sumMask), grid, x);
        }

        int[] run(BitConvKernel k) {
            BitConvProgram p = program;
            int[] dst = new int[3 + (p.rows - 1) * p.rowStride + p.positions];
            k.run(p, grid, x, dst, 3);
            return p.sumMask == null ? dst : java.util.Arrays.copyOf(dst, 3 + p.rows);
        }

        /** The definition in BitConvProgram's comment, spelled out. */
        int[] expected() {
            BitConvProgram p = program;
            int[] dst = new int[3 + (p.rows - 1) * p.rowStride + p.positions];
            for (int r = 0; r < p.rows; r++) {
                for (int i = 0; i < p.positions; i++) {
                    long t = 0;
                    for (int s = 0; s < p.slots; s++) {
                        t += (long) Long.bitCount(p.weight(r, s) & grid[p.off[s] + i]) << p.slotShift[s];
                    }
                    long v = p.scale * t - (long) p.f * x[i];
                    if (p.levels > 0) {
                        long key = v ^ p.keyMask[r];
                        int level = 0;
                        for (int j = 0; j < p.levels; j++) {
                            level += key >= p.key[r * p.levels + j] ? 1 : 0;
                        }
                        v = level;
                    }
                    dst[3 + r * p.rowStride + i] = (int) v;
                }
            }
            if (p.sumMask != null) {
                // one sum of levels per row at dst[3 + r]; the rest of dst is the kernel's scratch: compare only the sums
                int[] sums = new int[3 + p.rows];
                for (int r = 0; r < p.rows; r++) {
                    for (int i = 0; i < p.positions; i++) {
                        sums[3 + r] += p.sumMask[i] != 0 ? dst[3 + r * p.rowStride + i] : 0;
                    }
                }
                return sums;
            }
            return dst;
        }
    }

    @Property(tries = 300, seed = "20261204")
    void vectorKernelFollowsTheDefinition(@ForAll long seed) {
        Case c = Case.random(seed, true);
        assertArrayEquals(c.expected(), c.run(VECTOR), "program " + seed);
    }

    @Property(tries = 300, seed = "20261205")
    void portableKernelFollowsTheDefinition(@ForAll long seed) {
        Case c = Case.random(seed);
        assertArrayEquals(c.expected(), c.run(BitConvKernels.portable()), "program " + seed);
    }

    /**
     * shortConv against its definition: random taps (9, the unrolled case, or any other count), weights, levels that
     * keep every partial sum within a short, thresholds (1, 3 or 7 per row, some at the range's ends), ranges.
     */
    @Property(tries = 300, seed = "20261209")
    void shortConvFollowsTheDefinition(@ForAll long seed) {
        Random r = new Random(seed);
        int taps = r.nextBoolean() ? 9 : 1 + r.nextInt(20), rows = 1 + r.nextInt(20), levels = new int[] {1, 3, 7}[r.nextInt(3)];
        int maxW = 1 + r.nextInt(r.nextBoolean() ? 1 : 127);
        int maxIn = (int) Math.min(255, 32_000 / ((long) taps * maxW)); // every partial sum fits a short
        int bound = taps * maxW * maxIn;
        int gridLength = 1 + r.nextInt(200), to = 32 * (1 + r.nextInt(5)), from = 32 * r.nextInt(to / 32);
        short[] grid = new short[gridLength + to];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = (short) r.nextInt(maxIn + 1);
        }
        int[] off = new int[taps];
        for (int t = 0; t < taps; t++) {
            off[t] = r.nextInt(gridLength);
        }
        short[] w = new short[rows * taps], keyMask = new short[rows], key = new short[rows * levels];
        for (int i = 0; i < w.length; i++) {
            w[i] = (short) (r.nextInt(2 * maxW + 1) - maxW);
        }
        for (int row = 0; row < rows; row++) {
            keyMask[row] = (short) (r.nextBoolean() ? -1 : 0);
            for (int i = 0; i < levels; i++) {
                int k = r.nextInt(8) == 0 ? (r.nextBoolean() ? -bound - 1 : bound + 1) : r.nextInt(2 * bound + 1) - bound;
                key[row * levels + i] = (short) k;
            }
        }
        int stride = to + r.nextInt(3);
        int[] got = new int[rows * stride], want = new int[rows * stride];
        VECTOR.shortConv(grid, off, w, taps, rows, from, to, levels, keyMask, key, got, stride);
        for (int row = 0; row < rows; row++) {
            for (int p = from; p < to; p++) {
                int v = 0;
                for (int t = 0; t < taps; t++) {
                    v += w[row * taps + t] * grid[off[t] + p];
                }
                int level = 0;
                for (int i = 0; i < levels; i++) {
                    level += (v ^ keyMask[row]) >= key[row * levels + i] ? 1 : 0;
                }
                want[row * stride + p] = level;
            }
        }
        assertArrayEquals(want, got, "case " + seed);
    }

    /** shortConvSigns against its definition: random term sets (four, the unrolled case, or any count), signs, sums. */
    @Property(tries = 300, seed = "20261212")
    void shortConvSignsFollowsTheDefinition(@ForAll long seed) {
        Random r = new Random(seed);
        int rows = 1 + r.nextInt(20), levels = new int[] {1, 3, 7}[r.nextInt(3)], xTaps = 1 + r.nextInt(12);
        int[] termStart = new int[rows + 1];
        for (int row = 0; row < rows; row++) {
            termStart[row + 1] = termStart[row] + (r.nextBoolean() ? 4 : 1 + r.nextInt(8));
        }
        int terms = termStart[rows], maxIn = 32_000 / (2 * Math.max(xTaps, terms)); // every partial sum fits a short
        int bound = 2 * (terms + xTaps) * maxIn;
        int gridLength = 1 + r.nextInt(200), to = 32 * (1 + r.nextInt(5)), from = 32 * r.nextInt(to / 32);
        short[] grid = new short[gridLength + to];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = (short) r.nextInt(Math.min(256, maxIn + 1));
        }
        int[] xOff = r.ints(xTaps, 0, gridLength).toArray(), termOff = r.ints(terms, 0, gridLength).toArray();
        short[] sign = new short[rows], keyMask = new short[rows], key = new short[rows * levels];
        for (int row = 0; row < rows; row++) {
            sign[row] = (short) (r.nextBoolean() ? 1 : -1);
            keyMask[row] = (short) (r.nextBoolean() ? -1 : 0);
            for (int i = 0; i < levels; i++) {
                key[row * levels + i] = (short) (r.nextInt(2 * Math.min(bound, 30_000) + 1) - Math.min(bound, 30_000));
            }
        }
        int stride = to + r.nextInt(3);
        int[] got = new int[rows * stride], want = new int[rows * stride];
        VECTOR.shortConvSigns(grid, xOff, xTaps, termOff, termStart, sign, rows, from, to, levels, keyMask, key, got,
                stride, new short[to]);
        for (int row = 0; row < rows; row++) {
            for (int p = from; p < to; p++) {
                int x = 0, sum = 0;
                for (int t = 0; t < xTaps; t++) {
                    x += grid[xOff[t] + p];
                }
                for (int j = termStart[row]; j < termStart[row + 1]; j++) {
                    sum += grid[termOff[j] + p];
                }
                int v = sign[row] * (2 * sum - x), level = 0;
                for (int i = 0; i < levels; i++) {
                    level += (v ^ keyMask[row]) >= key[row * levels + i] ? 1 : 0;
                }
                want[row * stride + p] = level;
            }
        }
        assertArrayEquals(want, got, "case " + seed);
    }

    /** packPixelRow against counting the ranges a pixel meets, channel by channel (nested random ranges, some empty). */
    @Property(tries = 200, seed = "20261211")
    void packPixelRowCountsRanges(@ForAll long seed) {
        Random r = new Random(seed);
        int channels = 1 + r.nextInt(64), levels = r.nextBoolean() ? 1 : 3, count = 1 + r.nextInt(20), si = r.nextInt(5);
        byte[] src = new byte[si + count * channels + r.nextInt(3)], lo = new byte[levels * channels], hi = new byte[levels * channels];
        r.nextBytes(src);
        for (int c = 0; c < channels; c++) {
            boolean upper = r.nextBoolean(); // a negative channel: ranges [0, hi] shrinking; else [lo, 255] shrinking
            int[] bounds = r.ints(levels, 0, 256).sorted().toArray();
            for (int t = 0; t < levels; t++) {
                int a = upper ? 0 : bounds[t], b = upper ? bounds[levels - 1 - t] : 255;
                if (r.nextInt(10) == 0 && t == levels - 1) {
                    a = 255; // a range no pixel meets
                    b = 254;
                }
                lo[t * channels + c] = (byte) a;
                hi[t * channels + c] = (byte) b;
            }
        }
        int plane = count + r.nextInt(4), o = r.nextInt(3);
        long[] out = new long[o + 2 * plane];
        VECTOR.packPixelRow(src, si, count, channels, lo, hi, levels, out, o, plane);
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < channels; c++) {
                int v = src[si + i * channels + c] & 0xFF, level = 0;
                for (int t = 0; t < levels; t++) {
                    level += (lo[t * channels + c] & 0xFF) <= v && v <= (hi[t * channels + c] & 0xFF) ? 1 : 0;
                }
                assertEquals(level & 1, (int) (out[o + i] >>> c) & 1, "bit 0, pixel " + i + ", channel " + c + ", case " + seed);
                if (levels == 3) {
                    assertEquals(level >>> 1, (int) (out[o + plane + i] >>> c) & 1, "bit 1, pixel " + i + ", channel " + c
                            + ", case " + seed);
                }
            }
        }
    }

    /** thresholdPack against counting, channel by channel, on random accumulators and sorted thresholds. */
    @Property(tries = 200, seed = "20261206")
    void thresholdPackCountsLevels(@ForAll long seed) {
        Random r = new Random(seed);
        int channels = 16 * (1 + r.nextInt(4)), levels = r.nextBoolean() ? 1 : 3, c0 = r.nextInt(3) * 16;
        int stride = c0 + channels + r.nextInt(5);
        int[] src = r.ints(channels + 7, -300, 300).toArray(), mask = new int[stride], keys = new int[levels * stride];
        for (int c = 0; c < stride; c++) {
            mask[c] = r.nextBoolean() ? -1 : 0;
            int[] t = r.ints(levels, -320, 320).sorted().toArray();
            for (int i = 0; i < levels; i++) {
                keys[i * stride + c] = t[i];
            }
        }
        int si = r.nextInt(8);
        long[] out = new long[2];
        VECTOR.thresholdPack(src, si, channels, mask, keys, stride, c0, levels, out);
        for (int c = 0; c < channels; c++) {
            int key = src[si + c] ^ mask[c0 + c], level = 0;
            for (int i = 0; i < levels; i++) {
                level += key >= keys[i * stride + c0 + c] ? 1 : 0;
            }
            assertEquals(level & 1, (int) (out[0] >>> c) & 1, "bit 0 of channel " + c + ", case " + seed);
            if (levels == 3) {
                assertEquals(level >>> 1, (int) (out[1] >>> c) & 1, "bit 1 of channel " + c + ", case " + seed);
            }
        }
    }

    /** poolPack against the window maxima computed one by one (rows of any length, 1..32 channels, 1- and 2-bit). */
    @Property(tries = 200, seed = "20261208")
    void poolPackTakesWindowMaxima(@ForAll long seed) {
        Random r = new Random(seed);
        int channels = 1 + r.nextInt(32), bits = 1 + r.nextInt(2), count = 1 + r.nextInt(20);
        int prs = 2 * count + r.nextInt(6), ps = 2 * prs + r.nextInt(9), si = r.nextInt(5);
        int[] src = r.ints(si + (channels - 1) * ps + prs + 2 * count, 0, 1 << bits).toArray(); // exactly what is read
        int plane = count + r.nextInt(4), o = r.nextInt(3);
        int[] out = new int[o + 2 * plane];
        VECTOR.poolPack(src, si, ps, prs, count, channels, bits, out, o, plane);
        for (int i = 0; i < count; i++) {
            for (int b = 0; b < bits; b++) {
                int want = 0;
                for (int ch = 0; ch < channels; ch++) {
                    int w = si + ch * ps + 2 * i;
                    int m = Math.max(Math.max(src[w], src[w + 1]), Math.max(src[w + prs], src[w + prs + 1]));
                    want |= ((m >>> b) & 1) << ch;
                }
                assertEquals(want, out[o + b * plane + i], "pixel " + i + ", bit " + b + ", case " + seed);
            }
        }
    }

    /** The byte overload (pixels, unsigned) gives the planes of the same values as ints. */
    @Property(tries = 100, seed = "20261207")
    void thresholdPackReadsBytesUnsigned(@ForAll long seed) {
        Random r = new Random(seed);
        int channels = 16 * (1 + r.nextInt(4)), levels = r.nextBoolean() ? 1 : 3;
        byte[] px = new byte[channels + 3];
        r.nextBytes(px);
        int[] ints = new int[px.length], mask = new int[channels], keys = new int[levels * channels];
        for (int i = 0; i < px.length; i++) {
            ints[i] = px[i] & 0xFF;
        }
        for (int c = 0; c < channels; c++) {
            mask[c] = r.nextBoolean() ? -1 : 0;
            int[] t = r.ints(levels, mask[c] == 0 ? 0 : -256, mask[c] == 0 ? 256 : 0).sorted().toArray();
            for (int i = 0; i < levels; i++) {
                keys[i * channels + c] = t[i];
            }
        }
        long[] a = new long[2], b = new long[2];
        VECTOR.thresholdPack(px, 3, channels, mask, keys, channels, 0, levels, a);
        VECTOR.thresholdPack(ints, 3, channels, mask, keys, channels, 0, levels, b);
        assertArrayEquals(b, a, "case " + seed);
        assertTrue(a[0] != 0 || a[1] != 0 || levels == 1, "some level is nonzero in case " + seed);
    }

    /**
     * Once C2 has compiled it, a run allocates nothing (every vector stays in a register) at a width the CPU has
     * (elsewhere vectors are emulated on the heap: exactness is all the other tests can ask there). Allocation is
     * measured per method, in rounds of runs; a method passes when a round (after warm-up) allocates less than 1 byte
     * per run.
     */
    @Test
    void allocatesNothingOnceCompiled() {
        // a JVM running a width the CPU lacks (-Ddot4j.vectorBits) emulates vectors: the other tests still check bits
        assumeTrue(VectorWidth.NATIVE, "vectors of " + VectorWidth.BITS + " bits are emulated on this CPU");
        Map<String, Long> bytes = allocatedBytes(RUNS);
        long worst = bytes.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(worst < RUNS, "the vector kernel (" + VECTOR.name() + ") allocated, in bytes per " + RUNS
                + " runs: " + bytes);
    }

    /** Runs per allocation round. */
    static final int RUNS = 2_000;

    /**
     * Per kernel method, the fewest bytes this thread allocated in one round of {@code runs} calls, over up to 60
     * rounds (stopping at the first round under one byte per run).
     */
    static Map<String, Long> allocatedBytes(int runs) {
        Case c = Case.random(7);
        Case summed = null;
        for (long seed = 1; summed == null || summed.program.f == 0; seed++) {
            Case k = Case.random(seed, true);
            summed = k.program.sumMask != null ? k : null;
        }
        Case sums = summed;
        int[] sumDst = new int[3 + (summed.program.rows - 1) * summed.program.rowStride + summed.program.positions];
        int[] dst = new int[3 + (c.program.rows - 1) * c.program.rowStride + c.program.positions];
        Random r = new Random(8);
        int[] acc = r.ints(64 * 4, -500, 500).toArray(), masks = new int[64], keys = new int[3 * 64];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = (i / 64 - 1) * 100;
        }
        long[] planes = new long[2], rowOut = new long[8];
        byte[] rangeLo = new byte[3 * 64], rangeHi = new byte[3 * 64];
        for (int i = 0; i < rangeLo.length; i++) {
            rangeLo[i] = (byte) (i / 64 * 80);
            rangeHi[i] = (byte) 255;
        }
        short[] shortGrid = new short[100], shortW = new short[36], shortMask = new short[4], shortKeys = new short[12];
        int[] shortOff = {0, 1, 2, 10, 11, 12, 20, 21, 22}, shortDst = new int[4 * 64], termStarts = {0, 4, 8, 9, 9};
        short[] shortSigns = {1, -1, 1, -1}, shortX = new short[64];
        for (int i = 0; i < shortGrid.length; i++) {
            shortGrid[i] = (short) r.nextInt(256);
        }
        for (int i = 0; i < shortW.length; i++) {
            shortW[i] = (short) (r.nextBoolean() ? 1 : -1);
        }
        int[] poolOut = new int[21];
        byte[] pixels = new byte[64 * 4];
        r.nextBytes(pixels);
        Map<String, IntConsumer> calls = new LinkedHashMap<>();
        calls.put("run", i -> VECTOR.run(c.program, c.grid, c.x, dst, 3));
        calls.put("run summed", i -> VECTOR.run(sums.program, sums.grid, sums.x, sumDst, 3));
        calls.put("shortConv", i -> VECTOR.shortConv(shortGrid, shortOff, shortW, 9, 4, 0, 64, 3, shortMask, shortKeys,
                shortDst, 64));
        calls.put("shortConvSigns", i -> VECTOR.shortConvSigns(shortGrid, shortOff, 9, shortOff, termStarts, shortSigns,
                4, 0, 64, 3, shortMask, shortKeys, shortDst, 64, shortX));
        calls.put("thresholdPack ints", i -> VECTOR.thresholdPack(acc, 64 * (i & 3), 64, masks, keys, 64, 0, 3, planes));
        calls.put("thresholdPack bytes", i -> VECTOR.thresholdPack(pixels, 64 * (i & 3), 64, masks, keys, 64, 0, 3,
                planes));
        calls.put("packPixelRow 64", i -> VECTOR.packPixelRow(pixels, 0, 4, 64, rangeLo, rangeHi, 3, rowOut, 0, 4));
        calls.put("packPixelRow 3", i -> VECTOR.packPixelRow(pixels, i & 3, 8, 3, rangeLo, rangeHi, 1, rowOut, 0, 0));
        calls.put("packPixelRow 3x3", i -> VECTOR.packPixelRow(pixels, i & 3, 4, 3, rangeLo, rangeHi, 3, rowOut, 0, 4));
        calls.put("poolPack", i -> VECTOR.poolPack(acc, i & 3, 40, 20, 9, 5, 2, poolOut, 1, 10));
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        Map<String, Long> bytes = new LinkedHashMap<>();
        calls.forEach((name, call) -> {
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 60 && best >= runs; round++) {
                long before = mx.getThreadAllocatedBytes(tid);
                for (int i = 0; i < runs; i++) {
                    call.accept(i);
                }
                best = Math.min(best, mx.getThreadAllocatedBytes(tid) - before);
            }
            bytes.put(name, best);
        });
        return bytes;
    }

    @Test
    void theRuntimeFindsThisKernelUnlessDisabled() {
        assertEquals(VECTOR.usable() ? "vector-" + VectorWidth.BITS : "portable", BitConvKernels.select().name());
        String old = System.getProperty("dot4j.vector");
        System.setProperty("dot4j.vector", "false");
        try {
            assertEquals("portable", BitConvKernels.select().name());
        } finally {
            if (old == null) {
                System.clearProperty("dot4j.vector");
            } else {
                System.setProperty("dot4j.vector", old);
            }
        }
    }
}
