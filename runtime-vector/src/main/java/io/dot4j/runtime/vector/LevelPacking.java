package io.dot4j.runtime.vector;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The packing fusions of {@link VectorBitConvKernel}: thresholds, pixel thresholds and a 2x2 max pool applied while
 * levels are packed into bit-plane words. Each is written against {@link VectorWidth}: where one vector holds fewer
 * channels or pixels than a word needs, the loops take several vectors per word, so that every width accepts the same
 * channel counts (and the runtime makes the same plan at every width).
 */
final class LevelPacking {
    private static final VectorSpecies<Integer> INTS = VectorWidth.INTS;
    private static final int IL = VectorWidth.INT_LANES;
    private static final VectorSpecies<Byte> BYTES = VectorWidth.BYTES;
    private static final int BL = BYTES.length();
    private static final VectorSpecies<Byte> QUARTER = VectorWidth.QUARTER_BYTES;
    /** Bytes per quarter-width load: one int vector's worth, or two at 128 bits (the narrowest byte shape is 64). */
    private static final int QL = QUARTER.length();
    /** Lane i reads lane 2i (the upper half reads wrapped lanes, never stored). */
    private static final VectorShuffle<Integer> EVENS = VectorShuffle.fromOp(INTS, i -> 2 * i % IL);
    /** Lane i reads lane 2i + 1. */
    private static final VectorShuffle<Integer> ODDS = VectorShuffle.fromOp(INTS, i -> (2 * i + 1) % IL);

    private LevelPacking() {
    }

    /**
     * {@code IL} channels per vector: each threshold's comparison mask is IL bits of a plane (VectorMask.toLong);
     * with sorted thresholds the masks nest (G0 &gt;= G1 &gt;= G2), so the level's bits are h = G1 and
     * l = (G0 &amp; ~G1) | G2. Channels are a multiple of 16, so of IL at every width.
     */
    static void thresholdPack(int[] src, int si, int channels, int[] keyMask, int[] keys, int keyStride, int c0,
                              int levels, long[] out) {
        long p0 = 0, p1 = 0;
        for (int j = 0; j < channels; j += IL) {
            IntVector key = IntVector.fromArray(INTS, src, si + j).lanewise(VectorOperators.XOR,
                    IntVector.fromArray(INTS, keyMask, c0 + j));
            long g0 = key.compare(VectorOperators.GE, IntVector.fromArray(INTS, keys, c0 + j)).toLong();
            if (levels == 1) {
                p0 |= g0 << j;
                continue;
            }
            long g1 = key.compare(VectorOperators.GE, IntVector.fromArray(INTS, keys, keyStride + c0 + j)).toLong();
            long g2 = key.compare(VectorOperators.GE, IntVector.fromArray(INTS, keys, 2 * keyStride + c0 + j)).toLong();
            p0 |= ((g0 & ~g1) | g2) << j;
            p1 |= g1 << j;
        }
        out[0] = p0;
        out[1] = p1;
    }

    /**
     * {@link #thresholdPack(int[], int, int, int[], int[], int, int, int, long[])} of unsigned bytes: QL bytes per
     * load, zero-extended to one int vector (part 0), or at 128 bits to two (parts 0 and 1, the second handled only
     * when QL &gt; IL, a constant). Channels are a multiple of 16, so of QL at every width.
     */
    static void thresholdPack(byte[] src, int si, int channels, int[] keyMask, int[] keys, int keyStride, int c0,
                              int levels, long[] out) {
        long p0 = 0, p1 = 0;
        for (int j0 = 0; j0 < channels; j0 += QL) {
            ByteVector bytes = ByteVector.fromArray(QUARTER, src, si + j0);
            for (int part = 0, j = j0; part < QL / IL; part++, j += IL) {
                IntVector v = part == 0
                        ? (IntVector) bytes.convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 0)
                        : (IntVector) bytes.convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 1);
                IntVector key = v.lanewise(VectorOperators.XOR, IntVector.fromArray(INTS, keyMask, c0 + j));
                long g0 = key.compare(VectorOperators.GE, IntVector.fromArray(INTS, keys, c0 + j)).toLong();
                if (levels == 1) {
                    p0 |= g0 << j;
                    continue;
                }
                long g1 = key.compare(VectorOperators.GE, IntVector.fromArray(INTS, keys, keyStride + c0 + j)).toLong();
                long g2 = key.compare(VectorOperators.GE, IntVector.fromArray(INTS, keys, 2 * keyStride + c0 + j))
                        .toLong();
                p0 |= ((g0 & ~g1) | g2) << j;
                p1 |= g1 << j;
            }
        }
        out[0] = p0;
        out[1] = p1;
    }

    /** Per thread: the ranges lo (at 0) and hi (at {@link #HI}) of a row, with a vector's slack after each. */
    private static final int HI = 3 * 64 + 64;
    private static final ThreadLocal<byte[]> RANGES = ThreadLocal.withInitial(() -> new byte[2 * HI]);

    /**
     * All channels of a pixel in BL-channel vectors (BL = 64, 32 or 16): each threshold is two unsigned compares
     * against its range, whose mask is (part of) the plane word; nested masks give the level bits as in
     * thresholdPack. Loads are full-width and the lanes past the channels masked off afterwards: a masked byte load
     * that may leave the array is not intrinsified with AVX2 (seen boxing every vector of the method once such a call
     * had been profiled), so the ranges are copied into a padded scratch and a pixel too close to the end of
     * {@code src} is done lane by lane.
     */
    static void packPixelRow(byte[] src, int si, int count, int channels, byte[] lo, byte[] hi, int levels, long[] out,
                             int o, int plane) {
        byte[] r = RANGES.get();
        System.arraycopy(lo, 0, r, 0, levels * channels);
        System.arraycopy(hi, 0, r, HI, levels * channels);
        int room = src.length - si - roundUp(channels); // pixel i may be read full-width while i * channels <= room
        int vectorCount = room < 0 ? 0 : Math.min(count, room / channels + 1);
        for (int i = 0, s = si; i < vectorCount; i++, s += channels) {
            long w0 = 0, w1 = 0;
            for (int c = 0; c < channels; c += BL) {
                VectorMask<Byte> in = BYTES.indexInRange(c, channels);
                ByteVector v = ByteVector.fromArray(BYTES, src, s + c);
                long g0 = v.compare(VectorOperators.UGE, ByteVector.fromArray(BYTES, r, c))
                        .and(v.compare(VectorOperators.ULE, ByteVector.fromArray(BYTES, r, HI + c))).and(in).toLong();
                if (levels == 1) {
                    w0 |= g0 << c;
                    continue;
                }
                int c1 = channels + c, c2 = 2 * channels + c;
                long g1 = v.compare(VectorOperators.UGE, ByteVector.fromArray(BYTES, r, c1))
                        .and(v.compare(VectorOperators.ULE, ByteVector.fromArray(BYTES, r, HI + c1))).and(in).toLong();
                long g2 = v.compare(VectorOperators.UGE, ByteVector.fromArray(BYTES, r, c2))
                        .and(v.compare(VectorOperators.ULE, ByteVector.fromArray(BYTES, r, HI + c2))).and(in).toLong();
                w0 |= ((g0 & ~g1) | g2) << c;
                w1 |= g1 << c;
            }
            out[o + i] = w0;
            if (levels != 1) {
                out[o + plane + i] = w1;
            }
        }
        for (int i = vectorCount, s = si + vectorCount * channels; i < count; i++, s += channels) {
            long w0 = 0, w1 = 0;
            for (int c = 0; c < channels; c++) {
                int v = src[s + c] & 0xFF, level = 0;
                for (int t = 0; t < levels; t++) {
                    level += (lo[t * channels + c] & 0xFF) <= v && v <= (hi[t * channels + c] & 0xFF) ? 1 : 0;
                }
                w0 |= (long) (level & 1) << c;
                w1 |= (long) (level >>> 1) << c;
            }
            out[o + i] = w0;
            if (levels != 1) {
                out[o + plane + i] = w1;
            }
        }
    }

    /** Bytes a full-width read of one pixel's channels covers. */
    private static int roundUp(int channels) {
        return (channels + BL - 1) / BL * BL;
    }

    /** Per thread: the two planes of one step's pooled words (full-width stores, copied out as far as valid). */
    private static final ThreadLocal<int[]> POOLED = ThreadLocal.withInitial(() -> new int[2 * IL]);

    /**
     * IL/2 pooled pixels per step: the two window rows loaded as IL ints each, their maximum, then the maximum of
     * even and odd lanes gathered to the front (two fixed shuffles), so lane i holds window i's maximum; each
     * channel's bits are shifted into place. No masked loads or stores (with AVX2 those that may leave the array are
     * not intrinsified and box the method's vectors): the words go to a scratch and are copied out, and windows too
     * close to the end of {@code src} for a full-width load are pooled one by one.
     */
    static void poolPack(int[] src, int si, int ps, int prs, int count, int channels, int bits, int[] out, int o,
                         int outPlane) {
        int step = IL / 2;
        int[] words = POOLED.get();
        int last = si + (channels - 1) * ps + prs; // the last channel's bottom window row, whose loads end last
        int i0 = 0;
        for (; i0 < count && last + 2 * i0 + IL <= src.length; i0 += step) {
            IntVector h0 = IntVector.zero(INTS), h1 = h0;
            for (int ch = 0, base = si + 2 * i0; ch < channels; ch++, base += ps) {
                IntVector v = IntVector.fromArray(INTS, src, base).max(IntVector.fromArray(INTS, src, base + prs));
                v = v.rearrange(EVENS).max(v.rearrange(ODDS));
                h0 = h0.or(v.and(1).lanewise(VectorOperators.LSHL, ch));
                h1 = h1.or(v.lanewise(VectorOperators.LSHR, 1).and(1).lanewise(VectorOperators.LSHL, ch));
            }
            h0.intoArray(words, 0);
            h1.intoArray(words, IL);
            int valid = Math.min(step, count - i0);
            System.arraycopy(words, 0, out, o + i0, valid);
            if (bits == 2) {
                System.arraycopy(words, IL, out, o + outPlane + i0, valid);
            }
        }
        for (int i = i0; i < count; i++) {
            int w0 = 0, w1 = 0;
            for (int ch = 0, w = si + 2 * i; ch < channels; ch++, w += ps) {
                int m = Math.max(Math.max(src[w], src[w + 1]), Math.max(src[w + prs], src[w + prs + 1]));
                w0 |= (m & 1) << ch;
                w1 |= ((m >>> 1) & 1) << ch;
            }
            out[o + i] = w0;
            if (bits == 2) {
                out[o + outPlane + i] = w1;
            }
        }
    }
}
