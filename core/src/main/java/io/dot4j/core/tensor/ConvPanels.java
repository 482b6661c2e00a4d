package io.dot4j.core.tensor;

/**
 * The forward of a 2-d convolution without an im2col matrix: the patches of one image are written straight into
 * {@link Gemm}'s packed column panels (a per-thread scratch small enough for L2) and the product of the weights with
 * them is written straight into the output [N, OC, OH, OW], one image (or part of one) per work item.
 *
 * <p>It computes exactly what {@code Gemm.nn(W, im2col(x))} followed by adding the bias computes: the same kernel, so
 * every output is {@code fma} over the C*KH*KW patch values in ascending order starting from 0, plus the bias (or 0) after;
 * the same bits, whatever the batch, the split into work items or the thread count. Used when the im2col matrix need
 * not be kept for a backward pass.
 */
public final class ConvPanels {
    /** Floats of packed panels per work item: 256 KB, well inside a core's L2. */
    private static final int BLOCK_FLOATS = 1 << 16;

    private ConvPanels() {
    }

    /**
     * y [N, OC, OH, OW] = conv(x [N, C, H, W], w [OC, C*KH*KW]) + bias [OC] (bias may be null) for the geometry g;
     * every element of y is written.
     */
    public static void forward(float[] x, Im2Col.Geometry g, float[] w, int oc, float[] bias, float[] y) {
        int k = g.rows();
        int ohw = g.oh() * g.ow();
        if (x.length < g.n() * g.c() * g.h() * g.w() || w.length < oc * k || y.length < g.n() * oc * ohw
                || (bias != null && bias.length < oc)) {
            throw new ShapeException("conv2d: arrays too short for " + g + " and " + oc + " output channels, actual lengths x="
                    + x.length + " w=" + w.length + " y=" + y.length);
        }
        if (g.n() == 0 || oc == 0 || ohw == 0) {
            return;
        }
        final int nr = GemmKernels.NR;
        int panels = (ohw + nr - 1) / nr;
        int perItem = Math.max(1, Math.min(panels, BLOCK_FLOATS / (k * nr)));
        // at least as many work items as threads, so that a single image still uses every thread
        int wanted = (Parallel.threads() + g.n() - 1) / g.n();
        perItem = Math.min(perItem, Math.max(1, panels / wanted));
        int itemsPerImage = (panels + perItem - 1) / perItem;
        int per = perItem;
        boolean vector = GemmKernels.VECTOR && (long) oc * ohw * k >= Gemm.VECTOR_WORK;
        boolean vectorPack = vector && g.ph() == 0 && g.pw() == 0; // runs or gathers need no padding
        Parallel.forRange(g.n() * itemsPerImage, (long) oc * k * per * nr, Parallel.INFERENCE_SERIAL_WORK, (t0, t1) -> {
            float[] buf = Gemm.scratch(per * k * nr + GemmKernels.NR); // slack for the packing's full-width stores
            for (int t = t0; t < t1; t++) {
                int img = t / itemsPerImage;
                int q0 = t % itemsPerImage * per;
                int q1 = Math.min(panels, q0 + per);
                if (vectorPack) {
                    ConvPanelsVector.pack(x, g, img, q0, q1, buf);
                } else {
                    pack(x, g, img, q0, q1, buf);
                }
                int yOff = img * oc * ohw;
                Gemm.block(0, oc, q0, q1, ohw, k, w, k, 1, null, 0, false, buf, q0, y, yOff, false, vector);
                // the bias, or 0 without one (as the im2col path: it turns a -0 product into +0)
                int c0 = q0 * nr;
                int c1 = Math.min(ohw, q1 * nr);
                for (int o = 0; o < oc; o++) {
                    float b = bias == null ? 0f : bias[o];
                    int row = yOff + o * ohw;
                    for (int p = row + c0; p < row + c1; p++) {
                        y[p] += b;
                    }
                }
            }
        });
    }

    /**
     * Packs panels [q0, q1) of image img's im2col matrix (see {@link Im2Col}) into dst: panel q at (q - q0)*k*NR, row r
     * of it at + r*NR, columns past the image's last output position zero. Any stride and padding.
     */
    static void pack(float[] x, Im2Col.Geometry g, int img, int q0, int q1, float[] dst) {
        final int nr = GemmKernels.NR;
        int k = g.rows();
        int ow = g.ow();
        int ohw = g.oh() * ow;
        int kk = g.kh() * g.kw();
        for (int q = q0; q < q1; q++) {
            int col0 = q * nr;
            int end = Math.min(ohw, col0 + nr);
            int base = (q - q0) * k * nr;
            for (int r = 0; r < k; r++) {
                int c = r / kk;
                int i = r / g.kw() % g.kh();
                int j = r % g.kw();
                int lo = g.owLo(j);
                int hi = g.owHi(j);
                int plane = (img * g.c() + c) * g.h() * g.w();
                int d = base + r * nr - col0;
                // the panel's columns, one output row (a run of consecutive ow) at a time
                for (int pos = col0; pos < end; ) {
                    int oh = pos / ow;
                    int o0 = pos - oh * ow;
                    int o1 = Math.min(ow, o0 + end - pos);
                    int ih = oh * g.sh() - g.ph() + i;
                    int rowStart = d + pos - o0;
                    if (ih < 0 || ih >= g.h()) {
                        for (int o = o0; o < o1; o++) {
                            dst[rowStart + o] = 0f;
                        }
                    } else {
                        int src = plane + ih * g.w() - g.pw() + j;
                        for (int o = o0; o < o1; o++) {
                            dst[rowStart + o] = o >= lo && o < hi ? x[src + o * g.sw()] : 0f;
                        }
                    }
                    pos += o1 - o0;
                }
                for (int p = d + end; p < d + col0 + nr; p++) {
                    dst[p] = 0f;
                }
            }
        }
    }
}
