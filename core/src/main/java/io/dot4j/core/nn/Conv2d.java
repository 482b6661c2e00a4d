package io.dot4j.core.nn;

import io.dot4j.core.autograd.Variable;
import io.dot4j.core.functions.F;
import io.dot4j.core.tensor.Rng;

/**
 * 2-d convolution over x [N, C, H, W] with W [outC, inC, kh, kw] (parameter "W") and bias [outC] (parameter "b",
 * absent without bias); the same stride and zero padding on both axes.
 */
public class Conv2d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int kernelH;
    private final int kernelW;
    private final int stride;
    private final int pad;
    private final Variable w;
    private final Variable b;

    /** A square kernel with He-initialized weights and a zero bias. */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int pad, Rng rng) {
        this(inChannels, outChannels, kernel, kernel, stride, pad, true, Initializer.he(), rng);
    }

    @SuppressWarnings("this-escape") // registering state in the constructor is the Module design
    public Conv2d(int inChannels, int outChannels, int kernelH, int kernelW, int stride, int pad, boolean bias,
                  Initializer init, Rng rng) {
        if (inChannels < 1 || outChannels < 1 || kernelH < 1 || kernelW < 1 || stride < 1 || pad < 0) {
            throw new IllegalArgumentException("Conv2d: expected channels, kernel, stride >= 1 and pad >= 0, actual in="
                    + inChannels + " out=" + outChannels + " kernel=" + kernelH + "x" + kernelW + " stride=" + stride + " pad=" + pad);
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelH = kernelH;
        this.kernelW = kernelW;
        this.stride = stride;
        this.pad = pad;
        long area = (long) kernelH * kernelW;
        this.w = addParameter("W", init.create(new int[] {outChannels, inChannels, kernelH, kernelW}, inChannels * area,
                outChannels * area, rng));
        this.b = bias ? addParameter("b", Initializer.zeros().create(new int[] {outChannels}, 1, 1, rng)) : null;
    }

    /**
     * A layer sharing {@code source}'s parameter variables and settings, for subclasses that change only
     * {@link #forward} (e.g. a quantized twin put in its place with {@link Module#replaceChild}; paths stay the same).
     */
    @SuppressWarnings("this-escape")
    protected Conv2d(Conv2d source) {
        this.inChannels = source.inChannels;
        this.outChannels = source.outChannels;
        this.kernelH = source.kernelH;
        this.kernelW = source.kernelW;
        this.stride = source.stride;
        this.pad = source.pad;
        this.w = addParameter("W", source.w);
        this.b = source.b == null ? null : addParameter("b", source.b);
    }

    @Override
    public Variable forward(Variable x) {
        return F.conv2d(x, w, b, stride, pad);
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
    }

    public int kernelH() {
        return kernelH;
    }

    public int kernelW() {
        return kernelW;
    }

    public int stride() {
        return stride;
    }

    public int pad() {
        return pad;
    }

    /** The weight W [outC, inC, kh, kw]. */
    public Variable weight() {
        return w;
    }

    /** The bias [outC], or null. */
    public Variable bias() {
        return b;
    }

    @Override
    public String toString() {
        return "Conv2d(" + inChannels + " -> " + outChannels + ", " + kernelH + "x" + kernelW + ", stride " + stride + ", pad "
                + pad + (b == null ? ", no bias" : "") + ")";
    }
}
