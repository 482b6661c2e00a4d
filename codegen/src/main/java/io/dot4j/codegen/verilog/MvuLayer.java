package io.dot4j.codegen.verilog;

import io.dot4j.runtime.analysis.LayerAnalysis;
import io.dot4j.runtime.analysis.ThresholdKeys;
import io.dot4j.runtime.analysis.ValueRange;

/**
 * One matrix-vector layer of the design: a convolution (fed by a sliding window) or a dense layer (fed by a buffer of
 * its input words), with its thresholds fused in, or raw accumulators when it is the last layer (the class scores).
 *
 * @param index       the layer's index in the model
 * @param conv        true for a convolution
 * @param inH         input height (dense: the number of input words, one per position)
 * @param inW         input width (dense: 1)
 * @param inC         channels per input word
 * @param inBits      bits per input level
 * @param code        the weights as bit planes
 * @param bias        one per output, or empty
 * @param analysis    the analysis of this layer (partial-sum ranges)
 * @param activation  the analysis of the thresholds that follow, or null for raw accumulators
 */
record MvuLayer(int index, boolean conv, int inH, int inW, int inC, int inBits, int kh, int kw, int stride, int pad,
                int outChannels, int fanIn, WeightCode code, int[] bias, LayerAnalysis analysis, LayerAnalysis activation,
                Fold fold) {

    MvuLayer withFold(Fold f) {
        return new MvuLayer(index, conv, inH, inW, inC, inBits, kh, kw, stride, pad, outChannels, fanIn, code, bias,
                analysis, activation, f);
    }

    String name() {
        return "l" + index + (conv ? "_conv" : "_dense");
    }

    int outH() {
        return conv ? (inH + 2 * pad - kh) / stride + 1 : 1;
    }

    int outW() {
        return conv ? (inW + 2 * pad - kw) / stride + 1 : 1;
    }

    /** Output-channel folds: cycles per output position are nf() * sf(). */
    int nf() {
        return outChannels / fold.pe();
    }

    /** Input folds per output position (dense: words times chunks per word). */
    int sf() {
        return fanIn / fold.simd();
    }

    /** Chunks of SIMD inputs per input word (dense). */
    int chunksPerWord() {
        return inC / fold.simd();
    }

    /**
     * Whether a convolution reads its window from a row buffer one position per chunk (SIMD = the input channels:
     * no window register) rather than from a sliding window register.
     */
    boolean rows() {
        return conv && fold.simd() == inC && kh * kw > 1;
    }

    /** Row slots of the row buffer: the next power of two of kh + stride. */
    int rowSlots() {
        int r = 2;
        while (r < kh + stride) {
            r <<= 1;
        }
        return r;
    }

    int inWidth() {
        return inC * inBits;
    }

    /** The thresholds' keys, clamped by the analysis to the accumulators' range. */
    ThresholdKeys keys() {
        return activation.thresholdKeys().orElseThrow();
    }

    /** Thresholds per channel (0 for raw accumulators). */
    int perChannel() {
        return activation == null ? 0 : keys().perChannel();
    }

    /**
     * Signed width of the accumulators, the partial sums and the comparator keys: the analysis' partial-sum width,
     * widened if a key needs more (a negative channel's key is compared as key + 1, see {@link #key}).
     */
    int accWidth() {
        int w = analysis.partialSumBits();
        if (activation != null) {
            ValueRange k = keys().keyRange();
            w = Math.max(w, k.including(k.max() + 1).signedBits());
        }
        return w;
    }

    /** Bits per output element: the activation's level bits, or the accumulator width for raw scores. */
    int outBits() {
        return activation == null ? accWidth() : activation.output().bits();
    }

    int outWidth() {
        return outChannels * outBits();
    }

    /** Whether output channel {@code o} counts the keys it does not reach (a negative threshold channel). */
    boolean negative(int o) {
        return keys().isNegative(o);
    }

    /**
     * The key the hardware compares with: one comparator kind, acc >= key. A positive channel's level is the number
     * of its keys reached; a negative channel's acc <= k is acc >= k + 1 with integers, so it compares with k + 1 and
     * its level is n minus that count.
     */
    long key(int o, int i) {
        return keys().key(o, i) + (negative(o) ? 1L : 0L);
    }

    /** Cycles per image this layer needs on its own (conv: one per padded position plus the folds of each window). */
    long cycles() {
        long folds = (long) nf() * sf();
        if (conv) {
            long positions = (long) (inH + 2 * pad) * (inW + 2 * pad);
            long windows = (long) outH() * outW();
            if (rows()) {
                // the reader waits at each image's start for the first rows
                return windows * folds + (long) (kh - Math.min(pad, kh - 1)) * inW;
            }
            // with one chunk per window the window steps on while the folds run; with several it waits for them
            return sf() == 1 ? Math.max(positions, windows * folds) : positions - windows + windows * folds;
        }
        return (long) inH * inW + folds;
    }
}
