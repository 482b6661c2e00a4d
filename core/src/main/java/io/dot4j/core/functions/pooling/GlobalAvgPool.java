package io.dot4j.core.functions.pooling;

import io.dot4j.core.autograd.Function;
import io.dot4j.core.tensor.ShapeException;
import io.dot4j.core.tensor.Shapes;
import io.dot4j.core.tensor.Tensor;

/** Mean over the spatial axes: [N, C, H, W] -> [N, C]. */
public final class GlobalAvgPool extends Function {
    private int[] inShape;

    @Override
    protected Tensor[] forward(Tensor... in) {
        Tensor x = in[0];
        if (x.rank() != 4 || x.dim(2) * x.dim(3) == 0) {
            throw new ShapeException("global_average_pooling: expected input [N, C, H, W] with H*W > 0, actual " + Shapes.str(x.shape()));
        }
        inShape = x.shape();
        int planes = x.dim(0) * x.dim(1);
        int hw = x.dim(2) * x.dim(3);
        Tensor y = Tensor.zeros(x.dim(0), x.dim(1));
        float[] xd = x.data();
        float[] yd = y.data();
        for (int q = 0; q < planes; q++) {
            float s = 0;
            for (int i = 0; i < hw; i++) {
                s += xd[q * hw + i];
            }
            yd[q] = s / hw;
        }
        return out(y);
    }

    @Override
    protected Tensor[] backward(Tensor... gy) {
        Tensor gx = Tensor.zeros(inShape);
        int hw = inShape[2] * inShape[3];
        float[] g = gy[0].data();
        float[] d = gx.data();
        for (int q = 0; q < g.length; q++) {
            java.util.Arrays.fill(d, q * hw, (q + 1) * hw, g[q] / hw);
        }
        return out(gx);
    }
}
