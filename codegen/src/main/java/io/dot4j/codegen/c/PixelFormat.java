package io.dot4j.codegen.c;

import io.dot4j.runtime.ir.TensorType;

/**
 * How the generated C holds one pixel (all channels at one position) of a streamed tensor. The input image stays
 * one byte per channel, as the caller passes it; levels of 1..8 bits are bit-planes (plane b holds bit b of every
 * channel, channel c at bit c of the plane, so a 1- or 2-bit convolution works on them with AND and popcount); wider
 * levels (sums after a global sum pool) are one int32 per channel.
 *
 * @param channels channels per pixel
 * @param bits     bits per level (8 for the image)
 */
record PixelFormat(Kind kind, int channels, int bits) {

    enum Kind { IMAGE, PLANES, WIDE }

    static PixelFormat image(int channels) {
        return new PixelFormat(Kind.IMAGE, channels, 8);
    }

    /** The format of a tensor of levels produced inside the model (not the image). */
    static PixelFormat levels(TensorType t) {
        if (!t.isLevels()) {
            throw new IllegalArgumentException("only levels are stored, got " + t);
        }
        return new PixelFormat(t.bits() <= 8 ? Kind.PLANES : Kind.WIDE, t.shape().channels(), t.bits());
    }

    /** Bits of one storage word: planes use the narrowest unsigned word that holds all channels (up to 32). */
    int wordBits() {
        return switch (kind) {
            case IMAGE -> 8;
            case WIDE -> 32;
            case PLANES -> channels <= 8 ? 8 : channels <= 16 ? 16 : 32;
        };
    }

    /** The C type of one word. */
    String ctype() {
        return switch (kind) {
            case IMAGE -> "uint8_t";
            case WIDE -> "int32_t";
            case PLANES -> "uint" + wordBits() + "_t";
        };
    }

    /** Words of one bit-plane (planes only). */
    int wordsPerPlane() {
        return (channels + wordBits() - 1) / wordBits();
    }

    /** Words of one pixel. */
    int wordsPerPixel() {
        return kind == Kind.PLANES ? bits * wordsPerPlane() : channels;
    }

    long bytesPerPixel() {
        return (long) wordsPerPixel() * wordBits() / 8;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case IMAGE -> channels + " u8 pixels";
            case WIDE -> channels + " int32 levels";
            case PLANES -> bits + " bit-plane(s) of " + channels + " channels in " + ctype();
        };
    }
}
