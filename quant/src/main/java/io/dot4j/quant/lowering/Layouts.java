package io.dot4j.quant.lowering;

/**
 * Index permutations between core's channel-first layouts and the runtime's channel-last ones.
 * <ul>
 *   <li>tensors: core (c, y, x) at c*H*W + y*W + x; runtime at (y*W + x)*C + c;</li>
 *   <li>conv weight columns: core (c, ky, kx) at (c*kh + ky)*kw + kx; runtime (ky*kw + kx)*C + c;</li>
 *   <li>dense weight columns: core's Flatten is NCHW, the runtime's Dense reads channel-last, so column
 *   (y*W + x)*C + c of the runtime row is column c*H*W + y*W + x of the core row.</li>
 * </ul>
 */
public final class Layouts {
    private Layouts() {
    }

    /** Channel-first (C, H, W) data to channel-last. */
    public static int[] toChannelLast(int[] chw, int c, int h, int w) {
        check(chw.length, c, h, w);
        int[] out = new int[chw.length];
        for (int ch = 0; ch < c; ch++) {
            for (int p = 0; p < h * w; p++) {
                out[p * c + ch] = chw[ch * h * w + p];
            }
        }
        return out;
    }

    /** Channel-first image bytes to channel-last (the runtime's input order). */
    public static byte[] toChannelLast(byte[] chw, int c, int h, int w) {
        check(chw.length, c, h, w);
        byte[] out = new byte[chw.length];
        for (int ch = 0; ch < c; ch++) {
            for (int p = 0; p < h * w; p++) {
                out[p * c + ch] = chw[ch * h * w + p];
            }
        }
        return out;
    }

    private static void check(int length, int c, int h, int w) {
        if ((long) c * h * w != length) {
            throw new IllegalArgumentException("layout: expected " + (long) c * h * w + " elements for " + c + "x" + h + "x" + w
                    + ", actual " + length);
        }
    }

    /** Conv weights [out][(c*k + ky)*k + kx] to the runtime's [out][(ky*k + kx)*C + c]. */
    public static int[] convColumns(int[] levels, int out, int inC, int k) {
        int cols = inC * k * k;
        int[] r = new int[levels.length];
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < inC; c++) {
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        r[o * cols + (ky * k + kx) * inC + c] = levels[o * cols + (c * k + ky) * k + kx];
                    }
                }
            }
        }
        return r;
    }

    /** Dense weights whose columns follow core's NCHW flatten of (c, h, w) to the runtime's channel-last columns. */
    public static int[] denseColumns(int[] levels, int out, int c, int h, int w) {
        int cols = c * h * w;
        int[] r = new int[levels.length];
        for (int o = 0; o < out; o++) {
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < h * w; p++) {
                    r[o * cols + p * c + ch] = levels[o * cols + ch * h * w + p];
                }
            }
        }
        return r;
    }
}
