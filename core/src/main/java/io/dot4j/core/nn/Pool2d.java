package io.dot4j.core.nn;

/** What every square-window pooling module shares: kernel, stride and padding, checked once. */
public abstract class Pool2d extends Module {
    private final int kernel;
    private final int stride;
    private final int pad;

    protected Pool2d(int kernel, int stride, int pad) {
        if (kernel < 1 || stride < 1 || pad < 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": expected kernel, stride >= 1 and pad >= 0,"
                    + " actual kernel=" + kernel + " stride=" + stride + " pad=" + pad);
        }
        this.kernel = kernel;
        this.stride = stride;
        this.pad = pad;
    }

    public int kernel() {
        return kernel;
    }

    public int stride() {
        return stride;
    }

    public int pad() {
        return pad;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + kernel + ", stride " + stride + ", pad " + pad + ")";
    }
}
