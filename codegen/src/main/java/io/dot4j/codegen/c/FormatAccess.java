package io.dot4j.codegen.c;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The small inline accessors of each pixel format the model uses: {@code get} reads channel c's level,
 * {@code put} writes it into a pixel whose bits for c are still 0, {@code set} overwrites it.
 */
final class FormatAccess {
    private final Set<String> emitted = new LinkedHashSet<>();

    /** Prefix of the accessors of a format, e.g. {@code pl2_16x1} for 2 planes of one 16-bit word. */
    static String name(PixelFormat f) {
        return switch (f.kind()) {
            case IMAGE -> "img";
            case WIDE -> "wide";
            case PLANES -> "pl" + f.bits() + "_" + f.wordBits() + "x" + f.wordsPerPlane();
        };
    }

    /** Emits the accessors of {@code f} once. */
    void emit(Code code, PixelFormat f) {
        String n = name(f);
        if (!emitted.add(n)) {
            return;
        }
        String t = f.ctype();
        switch (f.kind()) {
            case IMAGE -> code.line("D4_INLINE uint32_t %s_get(const uint8_t *p, int c) {", n)
                    .line("return p[c];").line("}");
            case WIDE -> {
                code.line("D4_INLINE uint32_t %s_get(const int32_t *p, int c) {", n).line("return (uint32_t)p[c];").line("}");
                code.line("D4_INLINE void %s_put(int32_t *p, int c, uint32_t v) {", n).line("p[c] = (int32_t)v;").line("}");
                code.line("D4_INLINE void %s_set(int32_t *p, int c, uint32_t v) {", n).line("p[c] = (int32_t)v;").line("}");
            }
            case PLANES -> {
                int wb = f.wordBits(), nw = f.wordsPerPlane(), bits = f.bits();
                String word = "p[b * " + nw + " + c / " + wb + "]";
                code.line("D4_INLINE uint32_t %s_get(const %s *p, int c) {", n, t);
                code.line("uint32_t v = 0;").line("int b;");
                code.line("for (b = 0; b < %d; b++) {", bits);
                code.line("v |= (uint32_t)((%s >> (c %% %d)) & 1u) << b;", word, wb);
                code.line("}").line("return v;").line("}");
                code.line("D4_INLINE void %s_put(%s *p, int c, uint32_t v) {", n, t);
                code.line("int b;");
                code.line("for (b = 0; b < %d; b++) {", bits);
                code.line("%s = (%s)(%s | (((v >> b) & 1u) << (c %% %d)));", word, t, word, wb);
                code.line("}").line("}");
                code.line("D4_INLINE void %s_set(%s *p, int c, uint32_t v) {", n, t);
                code.line("int b;");
                code.line("for (b = 0; b < %d; b++) {", bits);
                code.line("uint32_t m = 1u << (c %% %d);", wb);
                code.line("%s = (%s)(((uint32_t)%s & ~m) | (((v >> b) & 1u) << (c %% %d)));", word, t, word, wb);
                code.line("}").line("}");
            }
        }
    }
}
