package io.dot4j.codegen.c;

import io.dot4j.runtime.analysis.ThresholdKeys;
import io.dot4j.runtime.analysis.WeightPlanes;

/** Constant tables (flash) of the generated C: weights in the form each kernel reads, thresholds, biases. */
final class Tables {
    private Tables() {
    }

    /**
     * The analysis' weight planes as words of input channels, in (output, ky, kx, plane, word) order: bit c of a word
     * is the plane's bit for input channel c (1 = +1).
     */
    static long[] planeWords(WeightPlanes w, int kh, int kw, int channels, int wordBits) {
        int planes = w.planes(), words = (channels + wordBits - 1) / wordBits;
        long[] out = new long[w.rows() * kh * kw * planes * words];
        int i = 0;
        for (int o = 0; o < w.rows(); o++) {
            for (int k = 0; k < kh * kw; k++) {
                for (int p = 0; p < planes; p++) {
                    for (int word = 0; word < words; word++) {
                        long v = 0;
                        for (int bit = 0; bit < wordBits; bit++) {
                            int c = word * wordBits + bit;
                            if (c < channels && w.bit(o, p, k * channels + c)) {
                                v |= 1L << bit;
                            }
                        }
                        out[i++] = v;
                    }
                }
            }
        }
        return out;
    }

    /** A const table of unsigned words in hex, 8 per line. */
    static void words(Code code, String ctype, String name, long[] values, int hexDigits) {
        StringBuilder s = new StringBuilder("static const " + ctype + " " + name + "[" + values.length + "] = {");
        for (int i = 0; i < values.length; i++) {
            s.append(i % 8 == 0 ? "\n    " : " ").append(String.format("0x%0" + hexDigits + "Xu", values[i]))
                    .append(i + 1 < values.length ? "," : "");
        }
        code.raw(s.append("\n};").toString());
    }

    /** A const table of signed integers at the narrowest of int8/int16/int32 that holds them, 16 per line. */
    static String ints(Code code, String name, int[] values) {
        long min = 0, max = 0;
        for (int v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        String type = min >= -128 && max <= 127 ? "int8_t" : min >= -32768 && max <= 32767 ? "int16_t" : "int32_t";
        StringBuilder s = new StringBuilder("static const " + type + " " + name + "[" + values.length + "] = {");
        for (int i = 0; i < values.length; i++) {
            String v = values[i] == Integer.MIN_VALUE ? "(-2147483647 - 1)" : Integer.toString(values[i]);
            s.append(i % 16 == 0 ? "\n    " : " ").append(v).append(i + 1 < values.length ? "," : "");
        }
        code.raw(s.append("\n};").toString());
        return type;
    }

    /**
     * The level function of a threshold layer: how many of the channel's keys (the analysis' thresholds clamped to
     * the incoming range) the value reaches (v >= k for a positive channel, v <= k for a negative one). A linear count for up to 15 thresholds, a binary search beyond.
     */
    static void levelFunction(Code code, String name, ThresholdKeys t) {
        int n = t.perChannel(), channels = t.channels();
        String keyType = ints(code, name + "_t", t.keys());
        int negatives = 0;
        for (int c = 0; c < channels; c++) {
            negatives += t.isNegative(c) ? 1 : 0;
        }
        boolean mixed = negatives > 0 && negatives < channels;
        if (mixed) {
            long[] bitmap = new long[(channels + 7) / 8];
            for (int c = 0; c < channels; c++) {
                if (t.isNegative(c)) {
                    bitmap[c / 8] |= 1L << (c % 8);
                }
            }
            words(code, "uint8_t", name + "_neg", bitmap, 2);
        }
        code.line("D4_INLINE uint32_t %s_level(int c, int32_t v) {", name);
        code.line("uint32_t n = 0;");
        if (mixed) {
            code.line("if ((%s_neg[c >> 3] >> (c & 7)) & 1u) {", name);
            count(code, name, n, true, keyType);
            code.line("} else {");
            count(code, name, n, false, keyType);
            code.line("}");
        } else {
            count(code, name, n, negatives > 0, keyType);
        }
        code.line("return n;").line("}");
    }

    private static void count(Code code, String name, int n, boolean negative, String keyType) {
        String t = name + "_t";
        if (n <= 15) {
            code.line("const %s *k = %s + c * %d;", keyType, t, n);
            for (int i = 0; i < n; i++) {
                code.line("n += %s ? 1u : 0u;", negative ? "v <= k[" + i + "]" : "v >= k[" + i + "]");
            }
            return;
        }
        // sorted: count of t <= v (positive) or of t >= v = n - count of t < v (negative)
        code.line("int lo = 0, hi = %d;", n);
        code.line("while (lo < hi) {");
        code.line("int mid = (lo + hi) >> 1;");
        code.line("if (%s[c * %d + mid] %s v) {", t, n, negative ? "<" : "<=");
        code.line("lo = mid + 1;").line("} else {").line("hi = mid;").line("}");
        code.line("}");
        code.line(negative ? "n = (uint32_t)(%d - lo);" : "n = (uint32_t)lo;", n);
    }
}
