package io.dot4j.runtime.ir;

/**
 * Max pooling on levels, without padding: out[oy][ox][c] = max over the kernel x kernel window starting at
 * (oy*stride, ox*stride). Output size floor((H - kernel) / stride) + 1. Levels keep their bits.
 */
public record MaxPool(int kernel, int stride) implements Layer {

    public MaxPool {
        LayerException.range("kernel", kernel, 1, Limits.MAX_KERNEL);
        LayerException.range("stride", stride, 1, Limits.MAX_STRIDE);
    }

    @Override
    public String kind() {
        return "MaxPool";
    }

    @Override
    public TensorType outputType(TensorType input) {
        Layer.requireLevels(kind(), input);
        Shape in = input.shape();
        LayerException.check(kernel <= in.height() && kernel <= in.width(), "kernel",
                "= " + kernel + " exceeds the input " + in);
        return TensorType.levels(Layer.shape("kernel", in.channels(), (in.height() - kernel) / stride + 1,
                (in.width() - kernel) / stride + 1), input.bits());
    }
}
