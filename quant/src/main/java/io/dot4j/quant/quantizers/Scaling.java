package io.dot4j.quant.quantizers;

/**
 * How many scale factors a weight quantizer uses: one for the whole tensor, or one per output channel (row 0 of the
 * weight: output channels of a convolution [outC, inC, kh, kw], output features of a dense layer [out, in]).
 * Per-channel scales fold into the per-channel thresholds of the integer model at no cost; the last layer of a
 * network must use one scale, because its scores are compared with each other (argmax) and a per-class factor would
 * change the winner.
 */
public enum Scaling {
    PER_TENSOR,
    PER_CHANNEL
}
