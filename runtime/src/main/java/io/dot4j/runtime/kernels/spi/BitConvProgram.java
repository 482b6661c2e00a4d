package io.dot4j.runtime.kernels.spi;

import java.util.Arrays;

/**
 * One binary convolution (or the window sums it needs) as a list of slots, for a {@link BitConvKernel}.
 *
 * <p>Slot s is a grid offset {@code off[s]} and a shift; row r has one weight word per slot. For every row r and
 * position p &lt; {@link #positions}:
 * <pre>
 *   T(r, p) = sum over slots s of popcount(weight(r, s) &amp; grid[off[s] + p]) &lt;&lt; slotShift[s]
 *   v(r, p) = scale * T(r, p) - f * x[p]
 * </pre>
 * and the output is v, or with thresholds the level: the number of i &lt; {@link #levels} with
 * {@code (v ^ keyMask[r]) >= key[r * levels + i]} (signed; thresholds are pre-flipped and clamped by the caller so
 * that this is exact in int arithmetic).
 *
 * <p>Slots are sorted by shift, largest first, and grouped by shift ({@code groupStart}, {@code groupShift}), so a
 * kernel can evaluate T by Horner's rule: acc = 0; for each group g: acc = (acc &lt;&lt; groupShift[g]) + the group's
 * popcounts; finally acc &lt;&lt;= lastShift. Weights are stored twice: row-major ({@link #weight(int, int)}) and in
 * tiles of {@link #TILE} rows, slot-major ({@code tiled[(tile * slots + s) * TILE + i]}, rows past {@code rows} are 0)
 * so that a kernel computing {@code TILE} rows at once reads them contiguously.
 *
 * <p>A program with thresholds may also carry a {@link #sumMask} (a following global sum pool): the output of row r
 * is then one int, {@code dst[dstOffset + r]} = the sum of its levels over the positions p with {@code sumMask[p] != 0},
 * and the rest of {@code dst} (up to {@code dstOffset + rows * rowStride}) is scratch. Only kernels that say
 * {@link BitConvKernel#sumsLevels()} get such programs.
 */
public final class BitConvProgram {
    /** Rows per weight tile. */
    public static final int TILE = 4;

    public final int rows, slots, positions, rowStride, scale, f, levels;
    /** Per slot, sorted by shift (descending). */
    public final int[] off, slotShift;
    /** Groups of equal shift: slots groupStart[g] .. groupStart[g+1]-1; acc is shifted by groupShift[g] before them. */
    public final int[] groupStart, groupShift;
    /** Final shift after the last group (the shift of the last group's slots). */
    public final int lastShift;
    /** Row-major weights: {@code rowMajor[r * slots + s]}. */
    public final long[] rowMajor;
    /** Tiled weights (see the class comment). */
    public final long[] tiled;
    /** Thresholds (null when {@code levels == 0}): key masks per row and flipped thresholds per row. */
    public final int[] keyMask, key;
    /** Null, or per position -1 (summed) or 0 (not summed): the levels' sum per row is the output (see above). */
    public final int[] sumMask;

    /**
     * @param weights   {@code weights[r * off.length + s]}: the weight word of row r in slot s (slots in any order)
     * @param levels    thresholds per row, 0 for none (then keyMask and key are ignored)
     */
    public BitConvProgram(int rows, int[] off, int[] shift, long[] weights, int positions, int rowStride, int scale, int f,
                          int levels, int[] keyMask, int[] key) {
        this(rows, off, shift, weights, positions, rowStride, scale, f, levels, keyMask, key, null);
    }

    /** @param sumMask null, or {@code positions} entries -1 or 0 (needs {@code levels > 0}): see the class comment */
    public BitConvProgram(int rows, int[] off, int[] shift, long[] weights, int positions, int rowStride, int scale, int f,
                          int levels, int[] keyMask, int[] key, int[] sumMask) {
        int n = off.length;
        if (rows < 1 || n < 1 || shift.length != n || weights.length != (long) rows * n || positions < 0) {
            throw new IllegalArgumentException("bad program: rows " + rows + ", slots " + n + ", shifts " + shift.length
                    + ", weights " + weights.length + ", positions " + positions);
        }
        if (levels < 0 || levels > 0 && (keyMask.length != rows || key.length != rows * levels)) {
            throw new IllegalArgumentException("thresholds: expected " + rows + " masks and " + rows * levels + " keys");
        }
        if (sumMask != null) {
            if (levels == 0 || sumMask.length != positions) {
                throw new IllegalArgumentException("sum mask: expected " + positions + " entries and thresholds, got "
                        + sumMask.length + " entries and " + levels + " thresholds");
            }
            for (int i = 0; i < positions; i++) {
                if (sumMask[i] != 0 && sumMask[i] != -1) {
                    throw new IllegalArgumentException("sum mask entry " + i + " is " + sumMask[i] + ", expected -1 or 0");
                }
            }
        }
        for (int s : shift) {
            if (s < 0 || s > 30) {
                throw new IllegalArgumentException("slot shift " + s + " outside 0..30");
            }
        }
        this.rows = rows;
        this.slots = n;
        this.positions = positions;
        this.rowStride = rowStride;
        this.scale = scale;
        this.f = f;
        this.levels = levels;
        this.keyMask = levels == 0 ? null : keyMask.clone();
        this.key = levels == 0 ? null : key.clone();
        this.sumMask = sumMask == null ? null : sumMask.clone();
        Integer[] order = new Integer[n];
        for (int s = 0; s < n; s++) {
            order[s] = s;
        }
        Arrays.sort(order, (a, b) -> shift[b] != shift[a] ? Integer.compare(shift[b], shift[a]) : Integer.compare(a, b));
        this.off = new int[n];
        this.slotShift = new int[n];
        this.rowMajor = new long[rows * n];
        int tiles = (rows + TILE - 1) / TILE;
        this.tiled = new long[tiles * n * TILE];
        int groups = 0;
        int[] gs = new int[n + 1], gsh = new int[n + 1];
        for (int i = 0; i < n; i++) {
            int s = order[i];
            this.off[i] = off0(off, s);
            slotShift[i] = shift[s];
            if (i == 0 || shift[s] != shift[order[i - 1]]) {
                gs[groups] = i;
                gsh[groups] = i == 0 ? 0 : shift[order[i - 1]] - shift[s];
                groups++;
            }
            for (int r = 0; r < rows; r++) {
                long w = weights[r * n + s];
                rowMajor[r * n + i] = w;
                tiled[((r / TILE) * n + i) * TILE + r % TILE] = w;
            }
        }
        gs[groups] = n;
        this.groupStart = Arrays.copyOf(gs, groups + 1);
        this.groupShift = Arrays.copyOf(gsh, groups);
        this.lastShift = shift[order[n - 1]];
    }

    private static int off0(int[] off, int s) {
        if (off[s] < 0) {
            throw new IllegalArgumentException("slot " + s + " has a negative grid offset " + off[s]);
        }
        return off[s];
    }

    /** Number of weight tiles ({@link #TILE} rows each). */
    public int tiles() {
        return (rows + TILE - 1) / TILE;
    }

    /** Checks a tile range for {@code BitConvKernel.runTiles}: {@code 0 <= from <= to <= tiles()}. */
    public void checkTiles(int from, int to) {
        if (from < 0 || to > tiles() || from > to) {
            throw new IllegalArgumentException("tiles [" + from + ", " + to + "), expected within [0, " + tiles() + ")");
        }
    }

    /** The weight word of row r in slot s (slot order of this program). */
    public long weight(int r, int s) {
        return rowMajor[r * slots + s];
    }
}
