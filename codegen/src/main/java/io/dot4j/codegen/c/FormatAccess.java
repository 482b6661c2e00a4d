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
                // written out per plane: -Os keeps loops, and these run for every level
                int wb = f.wordBits(), nw = f.wordsPerPlane(), bits = f.bits();
                code.line("D4_INLINE uint32_t %s_get(const %s *p, int c) {", n, t);
                code.line("const %s *q = p + c / %d;", t, wb);
                code.line("int s = c %% %d;", wb);
                StringBuilder get = new StringBuilder("return ((uint32_t)q[0] >> s & 1u)");
                for (int b = 1; b < bits; b++) {
                    get.append(" | ((uint32_t)q[").append(b * nw).append("] >> s & 1u) << ").append(b);
                }
                code.line(get.append(";").toString()).line("}");
                code.line("D4_INLINE void %s_put(%s *p, int c, uint32_t v) {", n, t);
                code.line("%s *q = p + c / %d;", t, wb);
                code.line("int s = c %% %d;", wb);
                for (int b = 0; b < bits; b++) {
                    code.line("q[%d] = (%s)(q[%d] | ((v >> %d) & 1u) << s);", b * nw, t, b * nw, b);
                }
                code.line("}");
                code.line("D4_INLINE void %s_set(%s *p, int c, uint32_t v) {", n, t);
                code.line("%s *q = p + c / %d;", t, wb);
                code.line("int s = c %% %d;", wb);
                code.line("uint32_t m = 1u << s;");
                for (int b = 0; b < bits; b++) {
                    code.line("q[%d] = (%s)(((uint32_t)q[%d] & ~m) | ((v >> %d) & 1u) << s);", b * nw, t, b * nw, b);
                }
                code.line("}");
            }
        }
    }
}
