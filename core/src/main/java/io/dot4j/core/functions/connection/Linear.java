package io.dot4j.core.functions.connection;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.Gemm;
import io.dot4j.core.tensor.RowDot;
import io.dot4j.core.tensor.ShapeException;
import io.dot4j.core.tensor.Shapes;
import io.dot4j.core.tensor.Tensor;

/**
 * y = x W^T + b with W shaped [out, in] (Chainer's layout) and optional bias [out]. An input of rank above 2 is
 * flattened to [N, in] first (so a conv output feeds a dense layer directly); its gradient gets the input's shape back.
 * Inputs: (x, W) or (x, W, b).
 *
 * <p>When no gradient will be needed (inference: inside {@code NoGrad}, or no input requires one) the product is
 * {@link RowDot}: each output is a dot product of a row of x and a row of W, which streams W once even at batch 1
 * and gives the same bits for any batch size and thread count. Its summation order differs from the training path's
 * {@link Gemm} (16 partial sums instead of one chain), so the two agree to rounding, not bit for bit.
 */
public final class Linear extends Function {
    private Tensor x;
    private Tensor w;
    private int[] xShape;

    @Override
    protected Tensor[] forward(Tensor... in) {
        if (in.length != 2 && in.length != 3) {
            throw new IllegalArgumentException("linear: expected inputs (x, W) or (x, W, b), actual " + in.length + " inputs");
        }
        Tensor xin = in[0];
        Tensor weight = in[1];
        if (xin.rank() < 2 || weight.rank() != 2) {
            throw new ShapeException("linear: expected x of rank >= 2 and W of rank 2, actual x " + Shapes.str(xin.shape())
                    + " W " + Shapes.str(weight.shape()));
        }
        int n = xin.dim(0);
        int inDim = n == 0 ? 0 : xin.size() / n;
        int outDim = weight.dim(0);
        if (weight.dim(1) != inDim) {
            throw new ShapeException("linear: expected W.shape[1] == " + inDim + " (features of x " + Shapes.str(xin.shape())
                    + "), actual W " + Shapes.str(weight.shape()));
        }
        if (in.length == 3 && !in[2].hasShape(outDim)) {
            throw new ShapeException("linear: expected bias of shape [" + outDim + "], actual " + Shapes.str(in[2].shape()));
        }
        xShape = xin.shape();
        Tensor x2 = xin.reshape(n, inDim);
        if (needsInputGrad(1)) {
            x = x2;
        }
        if (needsInputGrad(0)) {
            w = weight;
        }
        Tensor y = Tensor.zeros(n, outDim);
        if (anyNeedsGrad()) {
            Gemm.nt(n, outDim, inDim, x2.data(), weight.data(), y.data(), false);
        } else {
            RowDot.abt(n, outDim, inDim, x2.data(), weight.data(), y.data());
        }
        if (in.length == 3) {
            float[] yd = y.data();
            float[] bd = in[2].data();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < outDim; j++) {
                    yd[i * outDim + j] += bd[j];
                }
            }
        }
        return out(y);
    }

    @Override
    protected Tensor[] backward(Tensor... gys) {
        Tensor gy = gys[0];
        int n = gy.dim(0);
        int outDim = gy.dim(1);
        int inDim = n == 0 ? 0 : Shapes.size(xShape) / n;
        Tensor gx = null;
        Tensor gw = null;
        Tensor gb = null;
        if (needsInputGrad(0)) {
            gx = Tensor.zeros(n, inDim);
            Gemm.nn(n, inDim, outDim, gy.data(), w.data(), gx.data(), false);
            gx = gx.reshape(xShape);
        }
        if (needsInputGrad(1)) {
            gw = Tensor.zeros(outDim, inDim);
            Gemm.tn(outDim, inDim, n, gy.data(), x.data(), gw.data(), false);
        }
        if (numInputs() == 3 && needsInputGrad(2)) {
            gb = Tensor.zeros(outDim);
            float[] g = gy.data();
            float[] b = gb.data();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < outDim; j++) {
                    b[j] += g[i * outDim + j];
                }
            }
        }
        return numInputs() == 3 ? out(gx, gw, gb) : out(gx, gw);
    }
}
