package io.dot4j.codegen.c;

import io.dot4j.runtime.ir.Shape;

/** C for the stages that move levels without multiplying: max pool, thresholds on levels, global sum, flatten. */
final class Flow {
    private Flow() {
    }

    /** Traces the pixel (under DOT4J_TRACE) and hands it to the next stage. */
    static void passPixel(Code code, Stage s, Stage next, String y, String x, String px) {
        code.line("D4_TRACE_PX(%d, %s, %s, %d, %s_get, %s);", s.layer(), y, x, s.out().channels(),
                FormatAccess.name(s.out()), px);
        code.line("%s_pixel(%s, %s, %s);", next.prefix(), y, x, px);
    }

    static void zero(Code code, String array, int words) {
        code.line("{").line("int i;").line("for (i = 0; i < %d; i++) {", words).line("%s[i] = 0;", array)
                .line("}").line("}");
    }

    /** {prefix}_pixel that copies every channel of a pixel into a flat vector at its channel-last index. */
    static void gatherPixel(Code code, String p, Shape in, PixelFormat from, PixelFormat to) {
        code.line("static void %s_pixel(int y, int x, const %s *px) {", p, from.ctype());
        code.line("int c, base = (y * %d + x) * %d;", in.width(), in.channels());
        code.line("for (c = 0; c < %d; c++) {", in.channels());
        code.line("%s_put(%s_vec, base + c, %s_get(px, c));", FormatAccess.name(to), p, FormatAccess.name(from));
        code.line("}").line("}");
    }

    static void emitPool(Code code, Stage.Pool s, Stage next) {
        String p = s.prefix(), in = FormatAccess.name(s.in()), out = FormatAccess.name(s.out());
        int k = s.pool().kernel(), st = s.pool().stride(), a = s.openWindows(), wpp = s.out().wordsPerPixel();
        Shape o = s.outShape();
        code.line("/* stage %d: layer %d, max pool %dx%d stride %d, %s -> %s */", s.id(), s.layer(), k, k, st, s.in(), s.out());
        code.line("static %s %s_acc[%d][%d];", s.out().ctype(), p, a, o.width() * wpp);
        code.line("static void %s_pixel(int y, int x, const %s *px) {", p, s.in().ctype());
        code.line("int oy0 = y - %d <= 0 ? 0 : (y - %d) / %d, oy1 = y / %d;", k - 1, k - st, st, st);
        code.line("int ox0 = x - %d <= 0 ? 0 : (x - %d) / %d, ox1 = x / %d, oy, ox, c;", k - 1, k - st, st, st);
        code.line("if (oy1 > %d) {", o.height() - 1).line("oy1 = %d;", o.height() - 1).line("}");
        code.line("if (ox1 > %d) {", o.width() - 1).line("ox1 = %d;", o.width() - 1).line("}");
        code.line("for (oy = oy0; oy <= oy1; oy++) {").line("for (ox = ox0; ox <= ox1; ox++) {");
        code.line("%s *m = %s_acc[oy %% %d] + ox * %d;", s.out().ctype(), p, a, wpp);
        code.line("if (y == oy * %d && x == ox * %d) {", st, st);
        zero(code, "m", wpp);
        code.line("}");
        if (s.in().equals(s.out()) && s.in().kind() == PixelFormat.Kind.PLANES) {
            wordMax(code, s.in());
        } else {
            code.line("for (c = 0; c < %d; c++) {", s.in().channels());
            code.line("uint32_t v = %s_get(px, c);", in);
            code.line("if (v > %s_get(m, c)) {", out).line("%s_set(m, c, v);", out).line("}");
            code.line("}");
        }
        code.line("}").line("}").line("}");
        code.line("static void %s_row(int y) {", p);
        code.line("int oy = (y - %d) / %d, ox;", k - 1, st);
        code.line("if (y < %d || (y - %d) %% %d != 0 || oy > %d) {", k - 1, k - 1, st, o.height() - 1)
                .line("return;").line("}");
        code.line("for (ox = 0; ox < %d; ox++) {", o.width());
        passPixel(code, s, next, "oy", "ox", p + "_acc[oy % " + a + "] + ox * " + wpp);
        code.line("}");
        code.line("%s_row(oy);", next.prefix());
        code.line("}");
    }

    /**
     * m = max(m, px) for every channel at once on bit-planes: from the top plane down, a channel where px is greater
     * is one where px has a 1 and m a 0 while all higher planes were equal; there px's bits replace m's.
     */
    private static void wordMax(Code code, PixelFormat f) {
        int nw = f.wordsPerPlane();
        String t = f.ctype();
        code.line("(void)c;");
        code.line("for (c = 0; c < %d; c++) {", nw);
        code.line("uint32_t eq = 0xFFFFFFFFu, gt = 0;");
        code.line("int b;");
        code.line("for (b = %d; b >= 0; b--) {", f.bits() - 1);
        code.line("uint32_t a = m[b * %d + c], x = px[b * %d + c];", nw, nw);
        code.line("gt |= eq & x & ~a;").line("eq &= ~(a ^ x);");
        code.line("}");
        code.line("for (b = 0; b < %d; b++) {", f.bits());
        code.line("m[b * %d + c] = (%s)((m[b * %d + c] & ~gt) | (px[b * %d + c] & gt));", nw, t, nw, nw);
        code.line("}");
        code.line("}");
    }

    static void emitLevels(Code code, Stage.Levels s, Stage next) {
        String p = s.prefix();
        code.line("/* stage %d: layer %d, thresholds on %s -> %s */", s.id(), s.layer(), s.in(), s.out());
        Tables.levelFunction(code, p, s.thresholds());
        code.line("static void %s_pixel(int y, int x, const %s *in) {", p, s.in().ctype());
        code.line("%s px[%d];", s.out().ctype(), s.out().wordsPerPixel());
        zero(code, "px", s.out().wordsPerPixel());
        code.line("int c;");
        code.line("for (c = 0; c < %d; c++) {", s.in().channels());
        code.line("%s_put(px, c, %s_level(c, (int32_t)%s_get(in, c)));", FormatAccess.name(s.out()), p,
                FormatAccess.name(s.in()));
        code.line("}");
        passPixel(code, s, next, "y", "x", "px");
        code.line("}");
        code.line("static void %s_row(int y) {", p).line("%s_row(y);", next.prefix()).line("}");
    }

    static void emitSum(Code code, Stage.Sum s, Stage next) {
        String p = s.prefix();
        int ch = s.inShape().channels();
        code.line("/* stage %d: layer %d, global sum pool of %s -> %s */", s.id(), s.layer(), s.in(), s.out());
        code.line("static int32_t %s_sum[%d];", p, ch);
        code.line("static void %s_pixel(int y, int x, const %s *px) {", p, s.in().ctype());
        code.line("int c;").line("(void)y;").line("(void)x;");
        code.line("for (c = 0; c < %d; c++) {", ch);
        code.line("%s_sum[c] += (int32_t)%s_get(px, c);", p, FormatAccess.name(s.in()));
        code.line("}").line("}");
        code.line("static void %s_row(int y) {", p);
        code.line("%s px[%d];", s.out().ctype(), s.out().wordsPerPixel());
        zero(code, "px", s.out().wordsPerPixel());
        code.line("int c;");
        code.line("if (y != %d) {", s.inShape().height() - 1).line("return;").line("}");
        code.line("for (c = 0; c < %d; c++) {", ch);
        code.line("%s_put(px, c, (uint32_t)%s_sum[c]);", FormatAccess.name(s.out()), p);
        code.line("}");
        passPixel(code, s, next, "0", "0", "px");
        code.line("%s_row(0);", next.prefix());
        code.line("}");
    }

    static void emitGather(Code code, Stage.Gather s, Stage next) {
        String p = s.prefix();
        code.line("/* stage %d: layer %d, flatten %s into one vector of %s */", s.id(), s.layer(), s.inShape(), s.out());
        code.line("static %s %s_vec[%d];", s.out().ctype(), p, s.out().wordsPerPixel());
        gatherPixel(code, p, s.inShape(), s.in(), s.out());
        code.line("static void %s_row(int y) {", p);
        code.line("if (y != %d) {", s.inShape().height() - 1).line("return;").line("}");
        passPixel(code, s, next, "0", "0", p + "_vec");
        code.line("%s_row(0);", next.prefix());
        code.line("}");
    }
}
