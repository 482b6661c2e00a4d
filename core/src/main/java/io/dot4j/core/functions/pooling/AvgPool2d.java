package io.dot4j.core.functions.pooling;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.Im2Col;
import io.dot4j.core.tensor.Parallel;
import io.dot4j.core.tensor.Tensor;

/**
 * Average pooling over [N, C, H, W]. Like Chainer's average_pooling_2d, padding counts as zeros: every window sum is
 * divided by kh*kw, also at the borders. Output size is floor((H + 2 pad - k) / stride) + 1.
 */
public final class AvgPool2d extends Function {
    private final Pool2dParams p;
    private Im2Col.Geometry g;

    public AvgPool2d(Pool2dParams params) {
        this.p = params;
    }

    @Override
    protected Tensor[] forward(Tensor... in) {
        Tensor x = in[0];
        g = Im2Col.geometry("average_pooling_2d", x.shape(), p.kh(), p.kw(), p.sh(), p.sw(), p.ph(), p.pw());
        int hw = g.h() * g.w();
        int ohw = g.oh() * g.ow();
        float inv = 1f / (p.kh() * p.kw());
        Tensor y = Tensor.zeros(g.n(), g.c(), g.oh(), g.ow());
        float[] xd = x.data();
        float[] yd = y.data();
        Parallel.forRange(g.n() * g.c(), (long) ohw * p.kh() * p.kw(), (q0, q1) -> {
            for (int q = q0; q < q1; q++) {
                int base = q * hw;
                for (int oh = 0; oh < g.oh(); oh++) {
                    int h0 = Math.max(0, oh * p.sh() - p.ph());
                    int h1 = Math.min(g.h(), oh * p.sh() - p.ph() + p.kh());
                    for (int ow = 0; ow < g.ow(); ow++) {
                        int w0 = Math.max(0, ow * p.sw() - p.pw());
                        int w1 = Math.min(g.w(), ow * p.sw() - p.pw() + p.kw());
                        float s = 0;
                        for (int ih = h0; ih < h1; ih++) {
                            for (int iw = w0; iw < w1; iw++) {
                                s += xd[base + ih * g.w() + iw];
                            }
                        }
                        yd[q * ohw + oh * g.ow() + ow] = s * inv;
                    }
                }
            }
        });
        return out(y);
    }

    @Override
    protected Tensor[] backward(Tensor... gy) {
        float[] g0 = gy[0].data();
        Tensor gx = Tensor.zeros(g.n(), g.c(), g.h(), g.w());
        float[] d = gx.data();
        int hw = g.h() * g.w();
        int ohw = g.oh() * g.ow();
        float inv = 1f / (p.kh() * p.kw());
        Parallel.forRange(g.n() * g.c(), (long) ohw * p.kh() * p.kw(), (q0, q1) -> {
            for (int q = q0; q < q1; q++) {
                int base = q * hw;
                for (int oh = 0; oh < g.oh(); oh++) {
                    int h0 = Math.max(0, oh * p.sh() - p.ph());
                    int h1 = Math.min(g.h(), oh * p.sh() - p.ph() + p.kh());
                    for (int ow = 0; ow < g.ow(); ow++) {
                        int w0 = Math.max(0, ow * p.sw() - p.pw());
                        int w1 = Math.min(g.w(), ow * p.sw() - p.pw() + p.kw());
                        float v = g0[q * ohw + oh * g.ow() + ow] * inv;
                        for (int ih = h0; ih < h1; ih++) {
                            for (int iw = w0; iw < w1; iw++) {
                                d[base + ih * g.w() + iw] += v;
                            }
                        }
                    }
                }
            }
        });
        return out(gx);
    }
}
