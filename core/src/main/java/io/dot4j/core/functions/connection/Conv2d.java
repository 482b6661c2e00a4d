package io.dot4j.core.functions.connection;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.ConvPanels;
import io.dot4j.core.tensor.Gemm;
import io.dot4j.core.tensor.Im2Col;
import io.dot4j.core.tensor.ShapeException;
import io.dot4j.core.tensor.Shapes;
import io.dot4j.core.tensor.Tensor;

/**
 * 2-d convolution (cross-correlation, as in Chainer): x [N, C, H, W], W [OC, C, KH, KW], optional b [OC]
 * -> y [N, OC, OH, OW] with OH = floor((H + 2 padH - KH) / strideH) + 1. Computed as W [OC, C*KH*KW] times the
 * im2col matrix of the whole batch; backward reuses the same matrix: dW = gy' col^T, dcol = W^T gy', dx = col2im(dcol).
 * Inputs: (x, W) or (x, W, b).
 *
 * <p>When W needs no gradient (inference) the im2col matrix is not kept, so {@link ConvPanels} packs the patches of
 * each image straight into the product's panels and writes the output in place: the same bits as this path, without
 * the whole-batch matrix, its copy into panels and the final reordering.
 */
public final class Conv2d extends Function {
    private final int sh;
    private final int sw;
    private final int ph;
    private final int pw;
    private Im2Col.Geometry g;
    private float[] col;
    private Tensor w;
    private int oc;

    public Conv2d(int stride, int pad) {
        this(stride, stride, pad, pad);
    }

    public Conv2d(int strideH, int strideW, int padH, int padW) {
        if (strideH < 1 || strideW < 1 || padH < 0 || padW < 0) {
            throw new IllegalArgumentException("conv2d: expected strides >= 1 and pads >= 0, actual stride=(" + strideH + ", "
                    + strideW + ") pad=(" + padH + ", " + padW + ")");
        }
        this.sh = strideH;
        this.sw = strideW;
        this.ph = padH;
        this.pw = padW;
    }

    @Override
    protected Tensor[] forward(Tensor... in) {
        if (in.length != 2 && in.length != 3) {
            throw new IllegalArgumentException("conv2d: expected inputs (x, W) or (x, W, b), actual " + in.length + " inputs");
        }
        Tensor x = in[0];
        Tensor weight = in[1];
        if (weight.rank() != 4) {
            throw new ShapeException("conv2d: expected W [OC, C, KH, KW], actual " + Shapes.str(weight.shape()));
        }
        if (x.rank() != 4 || x.dim(1) != weight.dim(1)) {
            throw new ShapeException("conv2d: expected x [N, " + weight.dim(1) + ", H, W] for W " + Shapes.str(weight.shape())
                    + ", actual " + Shapes.str(x.shape()));
        }
        oc = weight.dim(0);
        if (in.length == 3 && !in[2].hasShape(oc)) {
            throw new ShapeException("conv2d: expected bias of shape [" + oc + "], actual " + Shapes.str(in[2].shape()));
        }
        g = Im2Col.geometry("conv2d", x.shape(), weight.dim(2), weight.dim(3), sh, sw, ph, pw);
        float[] bd = in.length == 3 ? in[2].data() : null;
        if (needsInputGrad(0)) {
            w = weight;
        }
        if (!needsInputGrad(1)) {
            Tensor y = Tensor.zeros(g.n(), oc, g.oh(), g.ow());
            ConvPanels.forward(x.data(), g, weight.data(), oc, bd, y.data());
            return out(y);
        }
        float[] c = Im2Col.im2col(x.data(), g);
        int k = g.rows();
        int cols = g.cols();
        float[] ym = new float[oc * cols];
        Gemm.nn(oc, cols, k, weight.data(), c, ym, false);
        col = c;
        // [OC, N, OH*OW] -> [N, OC, OH*OW], adding the bias on the way
        int ohw = g.oh() * g.ow();
        Tensor y = Tensor.zeros(g.n(), oc, g.oh(), g.ow());
        float[] yd = y.data();
        for (int n = 0; n < g.n(); n++) {
            for (int o = 0; o < oc; o++) {
                float bias = bd == null ? 0f : bd[o];
                int src = o * cols + n * ohw;
                int dst = (n * oc + o) * ohw;
                for (int p = 0; p < ohw; p++) {
                    yd[dst + p] = ym[src + p] + bias;
                }
            }
        }
        return out(y);
    }

    @Override
    protected Tensor[] backward(Tensor... gys) {
        float[] gy = gys[0].data();
        int ohw = g.oh() * g.ow();
        int cols = g.cols();
        int k = g.rows();
        // gy [N, OC, OH*OW] -> gm [OC, N*OH*OW], the layout of the forward product
        float[] gm = new float[oc * cols];
        for (int n = 0; n < g.n(); n++) {
            for (int o = 0; o < oc; o++) {
                System.arraycopy(gy, (n * oc + o) * ohw, gm, o * cols + n * ohw, ohw);
            }
        }
        Tensor gx = null;
        Tensor gw = null;
        Tensor gb = null;
        if (needsInputGrad(0)) {
            float[] dcol = new float[k * cols];
            Gemm.tn(k, cols, oc, w.data(), gm, dcol, false);
            gx = Tensor.zeros(g.n(), g.c(), g.h(), g.w());
            Im2Col.col2im(dcol, g, gx.data());
        }
        if (needsInputGrad(1)) {
            gw = Tensor.zeros(oc, g.c(), g.kh(), g.kw());
            Gemm.nt(oc, k, cols, gm, col, gw.data(), false);
        }
        if (numInputs() == 3 && needsInputGrad(2)) {
            gb = Tensor.zeros(oc);
            float[] b = gb.data();
            for (int o = 0; o < oc; o++) {
                float s = 0;
                for (int p = 0; p < cols; p++) {
                    s += gm[o * cols + p];
                }
                b[o] = s;
            }
        }
        return numInputs() == 3 ? out(gx, gw, gb) : out(gx, gw);
    }
}
