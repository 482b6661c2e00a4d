package io.dot4j.codegen.verilog;

import io.dot4j.runtime.ir.ThresholdActivation;

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
 * @param weights     rows x fanIn weights, row-major (values -1/1, -3..3 or -128..127)
 * @param bias        one per output, or empty
 * @param activation  the thresholds that follow, or null for raw accumulators
 */
record MvuLayer(int index, boolean conv, int inH, int inW, int inC, int inBits, int kh, int kw, int stride, int pad,
                int outChannels, int fanIn, int[] weights, WeightCode code, int[] bias, ThresholdActivation activation,
                Fold fold) {

    MvuLayer withFold(Fold f) {
        return new MvuLayer(index, conv, inH, inW, inC, inBits, kh, kw, stride, pad, outChannels, fanIn, weights, code, bias,
                activation, f);
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

    int inWidth() {
        return inC * inBits;
    }

    /** Largest |accumulator| (bias included) the layer can reach. */
    long bound() {
        long maxBias = 0;
        for (int b : bias) {
            maxBias = Math.max(maxBias, Math.abs((long) b));
        }
        return code.magnitude() * fanIn * ((1L << inBits) - 1) + maxBias;
    }

    /** Signed width of the accumulators, the partial sums and the clamped threshold keys. */
    int accWidth() {
        return VerilogText.unsignedBits(bound() + 1) + 1;
    }

    /** Bits per output element: the activation's level bits, or the accumulator width for raw scores. */
    int outBits() {
        return activation == null ? accWidth() : activation.bits();
    }

    int outWidth() {
        return outChannels * outBits();
    }

    /**
     * The key compared with the accumulator for threshold {@code i} of channel {@code o}: level = number of keys the
     * accumulator reaches (acc >= key) for a positive channel; for a negative one acc <= t is acc < t + 1, so its keys
     * are t + 1 and its level is n minus that count. Keys are clamped to [-bound, bound + 1], which changes no
     * comparison with a reachable accumulator.
     */
    long key(int o, int i) {
        long t = activation.threshold(o, i) + (activation.isNegative(o) ? 1L : 0L);
        return Math.max(-bound(), Math.min(bound() + 1, t));
    }

    /** Cycles per image this layer needs on its own (conv: one per padded position plus the folds of each window). */
    long cycles() {
        long folds = (long) nf() * sf();
        if (conv) {
            long positions = (long) (inH + 2 * pad) * (inW + 2 * pad);
            long windows = (long) outH() * outW();
            return positions - windows + windows * folds;
        }
        return (long) inH * inW + folds;
    }
}
