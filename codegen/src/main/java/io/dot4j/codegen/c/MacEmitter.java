package io.dot4j.codegen.c;

import io.dot4j.runtime.ir.Shape;

/**
 * C for a {@link Stage.Mac}: the weight table, the fused thresholds, the line buffer (or the gathered vector) and
 * the loops, with every size a literal. Two arithmetic forms: AND-popcount over bit-planes,
 * sum w*x = 2*popcount(w & x) - popcount(x) per plane of x (weighted 2^b) and per weight plane (2-bit w = 2h + l),
 * and plain multiply-accumulate on int8 weights for everything else (8-bit weights, the image, wide levels).
 */
final class MacEmitter {
    private MacEmitter() {
    }

    static void emit(Code code, Stage.Mac s, Stage next) {
        String p = s.prefix();
        Shape cs = s.computeShape();
        PixelFormat f = s.computeFormat();
        int kh = s.kernelHeight(), kw = s.kernelWidth(), ch = cs.channels();
        code.line("/* stage %d: layer %d, %s %dx%d stride %d pad %d, %d -> %d channels, %d-bit weights on %s%s */", s.id(),
                s.layer(), s.dense() ? "dense" : "conv", kh, kw, s.stride(), s.padding(), ch, s.outChannels(),
                s.weights().bits(), f, s.popcount() ? " (AND-popcount)" : " (multiply-accumulate)");
        if (s.popcount()) {
            Tables.words(code, f.ctype(), p + "_w", Tables.planeWords(s.weights(), kh, kw, ch, f.wordBits()),
                    f.wordBits() / 4);
        } else if (!weightsInCode(s)) {
            int[] values = new int[s.weights().rows() * s.weights().cols()];
            for (int i = 0; i < values.length; i++) {
                values[i] = s.weights().value(i / s.weights().cols(), i % s.weights().cols());
            }
            Tables.ints(code, p + "_w", values);
        }
        if (s.bias().length > 0) {
            Tables.ints(code, p + "_b", s.bias());
        }
        if (s.thresholds() != null) {
            Tables.levelFunction(code, p, s.thresholds());
        }
        String row;
        if (f.kind() == PixelFormat.Kind.IMAGE) {
            row = "(d4_image + (%s) * " + (s.inShape().width() * s.inShape().channels()) + ")";
        } else if (s.dense()) {
            code.line("static %s %s_vec[%d];", f.ctype(), p, f.wordsPerPixel());
            row = "(" + p + "_vec + 0 * (%s))";
        } else {
            code.line("static %s %s_ring[%d][%d];", f.ctype(), p, s.ringRows(), s.inShape().width() * f.wordsPerPixel());
            code.line("static int %s_next;", p);
            row = p + "_ring[(%s) %% " + s.ringRows() + "]";
        }
        emitCompute(code, s, next, row);
        emitFeed(code, s);
    }

    private static void emitCompute(Code code, Stage.Mac s, Stage next, String row) {
        String p = s.prefix();
        Shape in = s.computeShape(), out = s.outShape();
        PixelFormat f = s.computeFormat();
        int kh = s.kernelHeight(), kw = s.kernelWidth(), st = s.stride(), pad = s.padding(), ch = in.channels();
        int nw = f.wordsPerPlane(), wpp = f.wordsPerPixel(), planes = s.weights().planes();
        String t = f.ctype();
        code.line("static void %s_compute(int oy) {", p);
        code.line("const %s *rows[%d];", t, kh);
        code.line("int ky0 = %d - oy * %d, ky1 = %d - oy * %d, ox, ky;", pad, st, in.height() + pad, st);
        code.line("if (ky0 < 0) {").line("ky0 = 0;").line("}");
        code.line("if (ky1 > %d) {", kh).line("ky1 = %d;", kh).line("}");
        // the input rows of this output row, found once (the line buffer is a ring)
        code.line("for (ky = ky0; ky < ky1; ky++) {");
        code.line("rows[ky] = %s;", String.format(row, "oy * " + st + " - " + pad + " + ky"));
        code.line("}");
        code.line("for (ox = 0; ox < %d; ox++) {", out.width());
        code.line("int kx0 = %d - ox * %d, kx1 = %d - ox * %d, kx, o;", pad, st, in.width() + pad, st);
        if (s.out() != null) {
            code.line("%s px[%d];", s.out().ctype(), s.out().wordsPerPixel());
            Flow.zero(code, "px", s.out().wordsPerPixel());
        }
        code.line("if (kx0 < 0) {").line("kx0 = 0;").line("}");
        code.line("if (kx1 > %d) {", kw).line("kx1 = %d;", kw).line("}");
        String xPtr = "const " + t + " *x = rows[ky] + (ox * " + st + " - " + pad + " + kx) * " + wpp + ";";
        if (windowed(s)) {
            emitWindowed(code, s);
            emitPixelEnd(code, s, next);
            return;
        }
        if (planeWindowed(s)) {
            emitPlaneWindowed(code, s);
            emitPixelEnd(code, s, next);
            return;
        }
        if (s.popcount() && !planeWindowed(s)) {
            code.line("uint32_t s = 0;");
            code.line("for (ky = ky0; ky < ky1; ky++) {").line("for (kx = kx0; kx < kx1; kx++) {").line(xPtr);
            String pop = Popcount.function(f.wordBits());
            if (unrolled(f)) {
                for (int b = 0; b < f.bits(); b++) {
                    for (int w = 0; w < nw; w++) {
                        code.line("s += %s((uint32_t)x[%d])%s;", pop, b * nw + w, shift(b));
                    }
                }
            } else {
                code.line("int b, w;");
                code.line("for (b = 0; b < %d; b++) {", f.bits()).line("for (w = 0; w < %d; w++) {", nw);
                code.line("s += %s((uint32_t)x[b * %d + w]) << b;", pop, nw);
                code.line("}").line("}");
            }
            code.line("}").line("}");
        }

        code.line("for (o = 0; o < %d; o++) {", s.outChannels());
        if (s.popcount()) {
            StringBuilder decl = new StringBuilder("uint32_t p0 = 0");
            for (int q = 1; q < planes; q++) {
                decl.append(", p").append(q).append(" = 0");
            }
            code.line(decl + ";");
        } else {
            code.line("int32_t acc = 0;");
        }
        code.line("for (ky = ky0; ky < ky1; ky++) {").line("for (kx = kx0; kx < kx1; kx++) {").line(xPtr);
        if (s.popcount()) {
            code.line("const %s *wt = %s_w + ((o * %d + ky) * %d + kx) * %d;", t, p, kh, kw, planes * nw);
            String pop = Popcount.function(f.wordBits());
            if (unrolled(f)) {
                for (int b = 0; b < f.bits(); b++) {
                    for (int w = 0; w < nw; w++) {
                        for (int q = 0; q < planes; q++) {
                            code.line("p%d += %s((uint32_t)(wt[%d] & x[%d]))%s;", q, pop, q * nw + w, b * nw + w, shift(b));
                        }
                    }
                }
            } else {
                code.line("int b, w;");
                code.line("for (b = 0; b < %d; b++) {", f.bits()).line("for (w = 0; w < %d; w++) {", nw);
                code.line("uint32_t xb = (uint32_t)x[b * %d + w];", nw);
                for (int q = 0; q < planes; q++) {
                    code.line("p%d += %s((uint32_t)wt[%d + w] & xb) << b;", q, pop, q * nw);
                }
                code.line("}").line("}");
            }
        } else {
            code.line("const int8_t *wt = %s_w + ((o * %d + ky) * %d + kx) * %d;", p, kh, kw, ch);
            code.line("int c;");
            code.line("for (c = 0; c < %d; c++) {", ch);
            code.line("acc += (int32_t)wt[c] * (int32_t)%s_get(x, c);", FormatAccess.name(f));
            code.line("}");
        }
        code.line("}").line("}");
        if (s.popcount()) {
            // sum over planes of scale * (2 * popcount(plane & x) - popcount(x)), the analysis' plane identity
            StringBuilder e = new StringBuilder("int32_t acc = (int32_t)(");
            int scales = 0;
            for (int q = 0; q < planes; q++) {
                int scale = s.weights().planeScale(q);
                scales += scale;
                e.append(q == 0 ? "" : " + ").append(2 * scale).append("u * p").append(q);
            }
            code.line(e.append(" - ").append(scales).append("u * s);").toString());
        }
        emitOutput(code, s, "o");
        code.line("}");
        emitPixelEnd(code, s, next);
    }

    /** Bias, thresholds and the store of output channel {@code o} (an expression) from {@code acc}. */
    private static void emitOutput(Code code, Stage.Mac s, String o) {
        String p = s.prefix();
        if (s.bias().length > 0) {
            code.line("acc += %s_b[%s];", p, o);
        }
        if (s.out() != null) {
            code.line("%s_put(px, %s, %s_level(%s, acc));", FormatAccess.name(s.out()), o, p, o);
        } else {
            code.line("d4_scores[%s] = acc;", o);
            code.line("D4_TRACE(%d, oy, ox, %s, acc);", s.layer(), o);
        }
    }

    private static void emitPixelEnd(Code code, Stage.Mac s, Stage next) {
        if (s.out() != null) {
            Flow.passPixel(code, s, next, "oy", "ox", "px");
        }
        code.line("}");
        if (s.out() != null) {
            code.line("%s_row(oy);", next.prefix());
        }
        code.line("}");
    }

    /** Window bytes on the stack, and weight terms written into the code, at most. */
    private static final int MAX_WINDOW = 64, MAX_TERMS_IN_CODE = 512;

    /**
     * A convolution with multiply-accumulate copies its receptive field into a zero-padded local window once per
     * output pixel (padding handled there, not per weight), then every output channel sums over it.
     */
    private static boolean windowed(Stage.Mac s) {
        return !s.popcount() && !s.dense()
                && (long) s.kernelHeight() * s.kernelWidth() * s.computeShape().channels() <= MAX_WINDOW;
    }

    /**
     * A popcount convolution copies the plane words of its receptive field into a zero-padded local window (a zero
     * word adds nothing to either popcount), so the sums over the kernel are written out with constant offsets.
     */
    private static boolean planeWindowed(Stage.Mac s) {
        PixelFormat f = s.computeFormat();
        return s.popcount() && !s.dense() && (long) s.kernelHeight() * s.kernelWidth() * f.wordsPerPixel() <= MAX_WINDOW;
    }

    private static void emitPlaneWindowed(Code code, Stage.Mac s) {
        String p = s.prefix(), pop = Popcount.function(s.computeFormat().wordBits());
        PixelFormat f = s.computeFormat();
        int kk = s.kernelHeight() * s.kernelWidth(), wpp = f.wordsPerPixel(), nw = f.wordsPerPlane();
        int planes = s.weights().planes();
        code.line("%s xw[%d];", f.ctype(), kk * wpp);
        code.line("uint32_t s = 0;");
        Flow.zero(code, "xw", kk * wpp);
        code.line("for (ky = ky0; ky < ky1; ky++) {").line("for (kx = kx0; kx < kx1; kx++) {");
        code.line("const %s *x = rows[ky] + (ox * %d - %d + kx) * %d;", f.ctype(), s.stride(), s.padding(), wpp);
        code.line("%s *d = xw + (ky * %d + kx) * %d;", f.ctype(), s.kernelWidth(), wpp);
        code.line("int i;");
        code.line("for (i = 0; i < %d; i++) {", wpp).line("d[i] = x[i];").line("}");
        code.line("}").line("}");
        for (int k = 0; k < kk; k++) {
            for (int b = 0; b < f.bits(); b++) {
                for (int w = 0; w < nw; w++) {
                    code.line("s += %s((uint32_t)xw[%d])%s;", pop, k * wpp + b * nw + w, shift(b));
                }
            }
        }
        code.line("for (o = 0; o < %d; o++) {", s.outChannels());
        code.line("const %s *wt = %s_w + o * %d;", f.ctype(), p, kk * planes * nw);
        StringBuilder decl = new StringBuilder("uint32_t p0 = 0");
        for (int q = 1; q < planes; q++) {
            decl.append(", p").append(q).append(" = 0");
        }
        code.line(decl + ";");
        for (int k = 0; k < kk; k++) {
            for (int b = 0; b < f.bits(); b++) {
                for (int w = 0; w < nw; w++) {
                    for (int q = 0; q < planes; q++) {
                        code.line("p%d += %s((uint32_t)(wt[%d] & xw[%d]))%s;", q, pop, (k * planes + q) * nw + w,
                                k * wpp + b * nw + w, shift(b));
                    }
                }
            }
        }
        code.line(accumulator(s));
        emitOutput(code, s, "o");
        code.line("}");
    }

    /** sum over planes of scale * (2 * popcount(plane & x) - popcount(x)), the analysis' plane identity. */
    private static String accumulator(Stage.Mac s) {
        StringBuilder e = new StringBuilder("int32_t acc = (int32_t)(");
        int scales = 0;
        for (int q = 0; q < s.weights().planes(); q++) {
            int scale = s.weights().planeScale(q);
            scales += scale;
            e.append(q == 0 ? "" : " + ").append(2 * scale).append("u * p").append(q);
        }
        return e.append(" - ").append(scales).append("u * s);").toString();
    }

    private static boolean weightsInCode(Stage.Mac s) {
        return windowed(s) && (long) s.outChannels() * s.weights().cols() <= MAX_TERMS_IN_CODE;
    }

    private static void emitWindowed(Code code, Stage.Mac s) {
        String p = s.prefix();
        PixelFormat f = s.computeFormat();
        int kw = s.kernelWidth(), ch = s.computeShape().channels(), fan = s.kernelHeight() * kw * ch;
        code.line("int32_t win[%d];", fan);
        Flow.zero(code, "win", fan);
        code.line("for (ky = ky0; ky < ky1; ky++) {").line("for (kx = kx0; kx < kx1; kx++) {");
        code.line("const %s *x = rows[ky] + (ox * %d - %d + kx) * %d;", f.ctype(), s.stride(), s.padding(),
                f.wordsPerPixel());
        code.line("int c;");
        code.line("for (c = 0; c < %d; c++) {", ch);
        code.line("win[(ky * %d + kx) * %d + c] = (int32_t)%s_get(x, c);", kw, ch, FormatAccess.name(f));
        code.line("}").line("}").line("}");
        if (weightsInCode(s)) {
            // small first layers: the weights become the code (adds and subtracts for +-1)
            code.line("(void)o;");
            for (int o = 0; o < s.outChannels(); o++) {
                code.line("{");
                StringBuilder e = new StringBuilder("int32_t acc = 0");
                for (int j = 0; j < fan; j++) {
                    int w = s.weights().value(o, j);
                    e.append(w == 1 ? " + win[" + j + "]" : w == -1 ? " - win[" + j + "]"
                            : w == 0 ? "" : (w > 0 ? " + " : " - ") + Math.abs(w) + " * win[" + j + "]");
                }
                code.line(e.append(";").toString());
                emitOutput(code, s, Integer.toString(o));
                code.line("}");
            }
        } else {
            code.line("for (o = 0; o < %d; o++) {", s.outChannels());
            code.line("const int8_t *wt = %s_w + o * %d;", p, fan);
            code.line("int32_t acc = 0;").line("int j;");
            code.line("for (j = 0; j < %d; j++) {", fan).line("acc += (int32_t)wt[j] * win[j];").line("}");
            emitOutput(code, s, "o");
            code.line("}");
        }
    }

    /** Small plane loops are written out: -Os does not unroll them, and they run for every weight position. */
    private static boolean unrolled(PixelFormat f) {
        return f.bits() * f.wordsPerPlane() <= 8;
    }

    private static String shift(int b) {
        return b == 0 ? "" : " << " + b;
    }

    /** The pixel and row entry points: fill the line buffer or the vector, compute when enough rows are in. */
    private static void emitFeed(Code code, Stage.Mac s) {
        String p = s.prefix();
        Shape in = s.inShape();
        PixelFormat f = s.computeFormat();
        if (s.dense()) {
            if (f.kind() != PixelFormat.Kind.IMAGE) {
                Flow.gatherPixel(code, p, in, s.in(), f);
            }
            code.line("static void %s_row(int y) {", p);
            code.line("if (y == %d) {", in.height() - 1).line("%s_compute(0);", p).line("}").line("}");
            return;
        }
        if (f.kind() != PixelFormat.Kind.IMAGE) {
            code.line("static void %s_pixel(int y, int x, const %s *px) {", p, f.ctype());
            code.line("%s *dst = %s_ring[y %% %d] + x * %d;", f.ctype(), p, s.ringRows(), f.wordsPerPixel());
            code.line("int i;");
            code.line("for (i = 0; i < %d; i++) {", f.wordsPerPixel()).line("dst[i] = px[i];").line("}");
            code.line("}");
        } else {
            code.line("static int %s_next;", p);
        }
        code.line("static void %s_row(int y) {", p);
        code.line("while (%s_next < %d) {", p, s.outShape().height());
        code.line("int last = %s_next * %d - %d + %d;", p, s.stride(), s.padding(), s.kernelHeight() - 1);
        code.line("if (last > %d) {", in.height() - 1).line("last = %d;", in.height() - 1).line("}");
        code.line("if (last > y) {").line("break;").line("}");
        code.line("%s_compute(%s_next);", p, p).line("%s_next++;", p);
        code.line("}").line("}");
    }

    /** What a new inference must clear. */
    static void emitReset(Code code, Stage.Mac s) {
        if (s.dense()) {
            if (s.computeFormat().kind() != PixelFormat.Kind.IMAGE) {
                Flow.zero(code, s.prefix() + "_vec", s.computeFormat().wordsPerPixel());
            }
        } else {
            code.line("%s_next = 0;", s.prefix());
        }
    }
}
