package io.dot4j.core.functions.pooling;

/**
 * Window, stride and padding of a 2-d pooling, per dimension. Padding must be smaller than the window so that every
 * window holds at least one real pixel.
 */
public record Pool2dParams(int kh, int kw, int sh, int sw, int ph, int pw) {
    public Pool2dParams {
        if (kh < 1 || kw < 1 || sh < 1 || sw < 1 || ph < 0 || pw < 0 || ph >= kh || pw >= kw) {
            throw new IllegalArgumentException("pooling: expected kernel >= 1, stride >= 1, 0 <= pad < kernel, actual kernel=("
                    + kh + ", " + kw + ") stride=(" + sh + ", " + sw + ") pad=(" + ph + ", " + pw + ")");
        }
    }

    /** Square window; stride and pad the same along both axes. */
    public static Pool2dParams of(int kernel, int stride, int pad) {
        return new Pool2dParams(kernel, kernel, stride, stride, pad, pad);
    }
}
