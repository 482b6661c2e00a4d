package io.dot4j.core.functions.pooling;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.Im2Col;
import io.dot4j.core.tensor.MaxPool2x2;
import io.dot4j.core.tensor.Parallel;
import io.dot4j.core.tensor.Tensor;

/**
 * Max pooling over [N, C, H, W]; padded positions never win (they act as -infinity). Output size is
 * floor((H + 2 pad - k) / stride) + 1 (Chainer's cover_all=False). The first maximum in scan order wins a tie, and
 * the gradient goes to that one input only.
 */
public final class MaxPool2d extends Function {
    private final Pool2dParams p;
    private Im2Col.Geometry g;
    private int[] argmax;

    public MaxPool2d(Pool2dParams params) {
        this.p = params;
    }

    @Override
    protected Tensor[] forward(Tensor... in) {
        Tensor x = in[0];
        g = Im2Col.geometry("max_pooling_2d", x.shape(), p.kh(), p.kw(), p.sh(), p.sw(), p.ph(), p.pw());
        int planes = g.n() * g.c();
        int hw = g.h() * g.w();
        int ohw = g.oh() * g.ow();
        Tensor y = Tensor.zeros(g.n(), g.c(), g.oh(), g.ow());
        float[] xd = x.data();
        float[] yd = y.data();
        // the winners' positions only when backward will need them (inference skips the array and its stores)
        boolean keep = anyNeedsGrad();
        int[] idx = keep ? new int[y.size()] : null;
        // window bounds per output row and column, clipped to the image (padding never wins), computed once
        int[] h0 = new int[g.oh()];
        int[] h1 = new int[g.oh()];
        int[] w0 = new int[g.ow()];
        int[] w1 = new int[g.ow()];
        for (int oh = 0; oh < g.oh(); oh++) {
            h0[oh] = Math.max(0, oh * p.sh() - p.ph());
            h1[oh] = Math.min(g.h(), oh * p.sh() - p.ph() + p.kh());
        }
        for (int ow = 0; ow < g.ow(); ow++) {
            w0[ow] = Math.max(0, ow * p.sw() - p.pw());
            w1[ow] = Math.min(g.w(), ow * p.sw() - p.pw() + p.kw());
        }
        int width = g.w();
        boolean pairs = p.kh() == 2 && p.kw() == 2 && p.sh() == 2 && p.sw() == 2 && p.ph() == 0 && p.pw() == 0;
        Parallel.forRange(planes, (long) ohw * p.kh() * p.kw(), (q0, q1) -> {
            if (pairs && keep) {
                max2x2(xd, yd, idx, q0, q1, width, hw, g.oh(), g.ow());
                return;
            }
            if (pairs) {
                MaxPool2x2.values(xd, yd, g.h(), width, g.oh(), g.ow(), q0, q1);
                return;
            }
            for (int q = q0; q < q1; q++) {
                int base = q * hw;
                int o = q * ohw;
                for (int oh = 0; oh < h0.length; oh++) {
                    for (int ow = 0; ow < w0.length; ow++, o++) {
                        int best = h0[oh] * width + w0[ow];
                        float max = xd[base + best];
                        for (int ih = h0[oh]; ih < h1[oh]; ih++) {
                            int row = ih * width;
                            for (int iw = w0[ow]; iw < w1[ow]; iw++) {
                                // selects instead of a branch: on real data the branch is unpredictable
                                float v = xd[base + row + iw];
                                boolean better = v > max;
                                best = better ? row + iw : best;
                                max = better ? v : max;
                            }
                        }
                        yd[o] = max;
                        if (keep) {
                            idx[o] = best;
                        }
                    }
                }
            }
        });
        if (keep) {
            argmax = idx;
        }
        return out(y);
    }

    /**
     * The common 2x2 window with stride 2 and no padding, unrolled: the same scan order and the same strict {@code >},
     * so the same maximum and the same index as the general loop.
     */
    private static void max2x2(float[] xd, float[] yd, int[] idx, int q0, int q1, int width, int hw, int oh, int ow) {
        for (int q = q0; q < q1; q++) {
            int base = q * hw;
            int o = q * oh * ow;
            for (int r = 0; r < oh; r++) {
                int top = 2 * r * width;
                for (int c = 0; c < ow; c++, o++) {
                    int i0 = top + 2 * c;
                    int i2 = i0 + width;
                    float max = xd[base + i0];
                    int best = i0;
                    float v = xd[base + i0 + 1];
                    boolean better = v > max;
                    best = better ? i0 + 1 : best;
                    max = better ? v : max;
                    v = xd[base + i2];
                    better = v > max;
                    best = better ? i2 : best;
                    max = better ? v : max;
                    v = xd[base + i2 + 1];
                    better = v > max;
                    best = better ? i2 + 1 : best;
                    max = better ? v : max;
                    yd[o] = max;
                    idx[o] = best;
                }
            }
        }
    }

    @Override
    protected Tensor[] backward(Tensor... gy) {
        float[] g0 = gy[0].data();
        Tensor gx = Tensor.zeros(g.n(), g.c(), g.h(), g.w());
        float[] d = gx.data();
        int hw = g.h() * g.w();
        int ohw = g.oh() * g.ow();
        Parallel.forRange(g.n() * g.c(), ohw, (q0, q1) -> {
            for (int q = q0; q < q1; q++) {
                for (int o = q * ohw; o < (q + 1) * ohw; o++) {
                    d[q * hw + argmax[o]] += g0[o];
                }
            }
        });
        return out(gx);
    }
}
