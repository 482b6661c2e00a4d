package io.dot4j.core.tensor;

/**
 * Unfolds image patches into a matrix so that a convolution becomes one matrix product, and folds gradients back.
 *
 * <p>Layout: for an input [N, C, H, W], kernel [KH, KW], output [OH, OW], the column matrix is
 * [C*KH*KW, N*OH*OW]: row r = (c*KH + i)*KW + j holds, for every image n and output position (oh, ow), the pixel
 * x[n, c, oh*SH - PH + i, ow*SW - PW + j] (0 in the padding). Whole-batch columns make the products large enough to
 * be efficient and parallel over output channels.
 */
public final class Im2Col {
    private Im2Col() {
    }

    /** floor((in + 2 pad - k) / stride) + 1, checked to be at least 1. */
    public static int outSize(String op, String dim, int in, int k, int stride, int pad) {
        if (k < 1 || stride < 1 || pad < 0) {
            throw new ShapeException(op + ": expected kernel >= 1, stride >= 1, pad >= 0 along " + dim + ", actual kernel=" + k
                    + " stride=" + stride + " pad=" + pad);
        }
        int o = Math.floorDiv(in + 2 * pad - k, stride) + 1;
        if (o < 1) {
            throw new ShapeException(op + ": expected input " + dim + " + 2*pad >= kernel, actual " + dim + "=" + in + " pad=" + pad
                    + " kernel=" + k);
        }
        return o;
    }

    /** Geometry of one convolution or pooling window scan. */
    public record Geometry(int n, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int oh, int ow) {
        public int rows() {
            return c * kh * kw;
        }

        public int cols() {
            return n * oh * ow;
        }

        /** First ow whose input column ow*sw - pw + j is >= 0. */
        int owLo(int j) {
            int num = pw - j;
            return num <= 0 ? 0 : Math.min(ow, (num + sw - 1) / sw);
        }

        /** One past the last ow whose input column is < w. */
        int owHi(int j) {
            int num = w - 1 + pw - j;
            return num < 0 ? 0 : Math.min(ow, num / sw + 1);
        }
    }

    /** Builds the geometry for input [N, C, H, W] and kernel [KH, KW]; the op name goes into error messages. */
    public static Geometry geometry(String op, int[] xShape, int kh, int kw, int sh, int sw, int ph, int pw) {
        if (xShape.length != 4) {
            throw new ShapeException(op + ": expected input [N, C, H, W], actual " + Shapes.str(xShape));
        }
        int oh = outSize(op, "height", xShape[2], kh, sh, ph);
        int ow = outSize(op, "width", xShape[3], kw, sw, pw);
        return new Geometry(xShape[0], xShape[1], xShape[2], xShape[3], kh, kw, sh, sw, ph, pw, oh, ow);
    }

    /** The column matrix of x (see class comment); rows are filled in parallel, each by one task. */
    public static float[] im2col(float[] x, Geometry g) {
        float[] col = new float[g.rows() * g.cols()];
        int cols = g.cols();
        int ohw = g.oh() * g.ow();
        Parallel.forRange(g.rows(), cols, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int c = r / (g.kh() * g.kw());
                int i = r / g.kw() % g.kh();
                int j = r % g.kw();
                int lo = g.owLo(j);
                int hi = g.owHi(j);
                for (int n = 0; n < g.n(); n++) {
                    int plane = (n * g.c() + c) * g.h() * g.w();
                    for (int oh = 0; oh < g.oh(); oh++) {
                        int ih = oh * g.sh() - g.ph() + i;
                        if (ih < 0 || ih >= g.h()) {
                            continue;
                        }
                        int src = plane + ih * g.w() - g.pw() + j;
                        int dst = r * cols + n * ohw + oh * g.ow();
                        for (int ow = lo; ow < hi; ow++) {
                            col[dst + ow] = x[src + ow * g.sw()];
                        }
                    }
                }
            }
        });
        return col;
    }

    /**
     * Adds the column-matrix gradient back into dx [N, C, H, W] (the adjoint of im2col). Parallel over channels; each
     * channel sums its rows in a fixed order, so the result does not depend on the thread count.
     */
    public static void col2im(float[] col, Geometry g, float[] dx) {
        int cols = g.cols();
        int ohw = g.oh() * g.ow();
        int kk = g.kh() * g.kw();
        Parallel.forRange(g.c(), (long) kk * cols, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                for (int i = 0; i < g.kh(); i++) {
                    for (int j = 0; j < g.kw(); j++) {
                        int r = c * kk + i * g.kw() + j;
                        int lo = g.owLo(j);
                        int hi = g.owHi(j);
                        for (int n = 0; n < g.n(); n++) {
                            int plane = (n * g.c() + c) * g.h() * g.w();
                            for (int oh = 0; oh < g.oh(); oh++) {
                                int ih = oh * g.sh() - g.ph() + i;
                                if (ih < 0 || ih >= g.h()) {
                                    continue;
                                }
                                int dst = plane + ih * g.w() - g.pw() + j;
                                int src = r * cols + n * ohw + oh * g.ow();
                                for (int ow = lo; ow < hi; ow++) {
                                    dx[dst + ow * g.sw()] += col[src + ow];
                                }
                            }
                        }
                    }
                }
            }
        });
    }
}
