package io.dot4j.runtime.frontend;

/**
 * Integer operations of the front end, counted from its loops: multiplies, additions/subtractions, shifts and
 * logic (shift, and, count-leading-zeros), and comparisons (clamps, maxima). Loads, stores, loop control and the
 * bit-reversal swaps are not counted: they depend on the back end. One line of the loop each:
 * <ul>
 *   <li>window, per sample of a frame: 1 mul, 1 add (rounding), 1 shift</li>
 *   <li>FFT, per butterfly (N/2 log2 N per frame): 4 mul, 8 add/sub, 2 shift</li>
 *   <li>power, per bin 0..N/2: 2 mul, 1 add</li>
 *   <li>mel bands, per stored weight: 1 mul, 1 add</li>
 *   <li>log2, per band of a frame: 2 mul, 7 add/sub, 5 shift/logic, 1 compare</li>
 *   <li>quantization, per feature: 1 mul, 1 sub, 1 shift, 2 compares (+1 compare for the peak in PEAK mode)</li>
 * </ul>
 *
 * @param multiplies  multiplications
 * @param additions   additions and subtractions
 * @param shifts      shifts, masks and leading-zero counts
 * @param comparisons comparisons (clamps, maxima)
 */
public record FrontEndCost(long multiplies, long additions, long shifts, long comparisons) {

    /** All operations. */
    public long total() {
        return multiplies + additions + shifts + comparisons;
    }

    /** The cost of one frame of the given front end (window, FFT, power, bands, log2). */
    static FrontEndCost perFrame(LogMelParameters p, long butterflies, int melWeights) {
        long l = p.frameLength();
        long bins = p.fftSize() / 2 + 1;
        long bands = p.bands();
        long mul = l + 4 * butterflies + 2 * bins + melWeights + 2 * bands;
        long add = l + 8 * butterflies + bins + melWeights + 7 * bands;
        long shift = l + 2 * butterflies + 5 * bands;
        long cmp = bands;
        return new FrontEndCost(mul, add, shift, cmp);
    }

    /** The quantization of one window's features. */
    static FrontEndCost quantization(LogMelParameters p) {
        long f = (long) p.frames() * p.bands();
        long peak = p.logMode() == LogMelParameters.PEAK ? f : 0;
        return new FrontEndCost(f, f + (peak > 0 ? 1 : 0), f, 2 * f + peak);
    }

    FrontEndCost times(long k) {
        return new FrontEndCost(multiplies * k, additions * k, shifts * k, comparisons * k);
    }

    FrontEndCost plus(FrontEndCost o) {
        return new FrontEndCost(multiplies + o.multiplies, additions + o.additions, shifts + o.shifts,
                comparisons + o.comparisons);
    }
}
