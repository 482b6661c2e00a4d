package io.dot4j.codegen.c;

/** How the generated C counts the bits of a word: chosen per target. */
public enum Popcount {
    /** {@code __builtin_popcount}: one instruction where the ISA has it (x86 POPCNT, RISC-V Zbb cpop). */
    BUILTIN,
    /** Shifts, masks and one multiply: no table, no library call (Cortex-M, RV32 without Zbb). */
    SWAR,
    /** A 256-byte table, four lookups a word. */
    TABLE;

    /** Emits d4_pop (32-bit words) and d4_pop16 / d4_pop8 for the narrower plane words. */
    void emit(Code code) {
        switch (this) {
            case BUILTIN -> code.line("D4_INLINE uint32_t d4_pop(uint32_t v) {")
                    .line("return (uint32_t)__builtin_popcount(v);").line("}");
            case SWAR -> code.line("D4_INLINE uint32_t d4_pop(uint32_t v) {")
                    .line("v = v - ((v >> 1) & 0x55555555u);")
                    .line("v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);")
                    .line("v = (v + (v >> 4)) & 0x0F0F0F0Fu;")
                    .line("return (v * 0x01010101u) >> 24;").line("}");
            case TABLE -> {
                long[] t = new long[256];
                for (int i = 0; i < 256; i++) {
                    t[i] = Integer.bitCount(i);
                }
                Tables.words(code, "uint8_t", "d4_pop8_table", t, 2);
                code.line("D4_INLINE uint32_t d4_pop(uint32_t v) {")
                        .line("return (uint32_t)d4_pop8_table[v & 255u] + d4_pop8_table[(v >> 8) & 255u]"
                                + " + d4_pop8_table[(v >> 16) & 255u] + d4_pop8_table[v >> 24];").line("}");
            }
        }
        if (this == TABLE) {
            code.line("D4_INLINE uint32_t d4_pop16(uint32_t v) {")
                    .line("return (uint32_t)d4_pop8_table[v & 255u] + d4_pop8_table[v >> 8];").line("}");
            code.line("D4_INLINE uint32_t d4_pop8(uint32_t v) {").line("return d4_pop8_table[v];").line("}");
        } else {
            code.line("D4_INLINE uint32_t d4_pop16(uint32_t v) {").line("return d4_pop(v);").line("}");
            code.line("D4_INLINE uint32_t d4_pop8(uint32_t v) {").line("return d4_pop(v);").line("}");
        }
    }

    /** The function that counts one plane word of {@code wordBits} bits. */
    static String function(int wordBits) {
        return wordBits == 32 ? "d4_pop" : "d4_pop" + wordBits;
    }
}
