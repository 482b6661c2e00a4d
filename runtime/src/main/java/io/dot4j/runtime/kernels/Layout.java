package io.dot4j.runtime.kernels;

/**
 * Where a (C,H,W) tensor's elements sit in a planar buffer: element (c, y, x) at {@code c*ps + y*rs + x*cs}.
 * Planar (channel-major) buffers let the kernels run their inner loops along a whole row-major grid of positions,
 * which C2 vectorizes; rows may carry padding columns (rs &gt; W*cs) and pooled tensors keep the grid of their
 * input with larger strides, so no kernel has to compact anything. Indices between valid elements hold junk.
 */
final class Layout {
    final int c, h, w, ps, rs, cs;

    Layout(int c, int h, int w, int ps, int rs, int cs) {
        this.c = c;
        this.h = h;
        this.w = w;
        this.ps = ps;
        this.rs = rs;
        this.cs = cs;
    }

    /** The usual channel-last order: (y*W + x)*C + c. */
    static Layout channelLast(int c, int h, int w) {
        return new Layout(c, h, w, 1, w * c, c);
    }

    int index(int ch, int y, int x) {
        return ch * ps + y * rs + x * cs;
    }

    /** Span of one channel's elements: from c*ps to c*ps + channelExtent() (exclusive). */
    int channelExtent() {
        return (h - 1) * rs + (w - 1) * cs + 1;
    }

    /** Smallest buffer length that holds every element. */
    int extent() {
        return (c - 1) * ps + channelExtent();
    }

    boolean isChannelLast() {
        return ps == 1 && cs == c && rs == w * c;
    }

    /** The elements in channel-last order, as a new array. */
    int[] toChannelLast(int[] buf) {
        int[] out = new int[c * h * w];
        gather(buf, out);
        return out;
    }

    /** Copies the elements into {@code out} in channel-last order. */
    void gather(int[] buf, int[] out) {
        int i = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * rs + x * cs;
                for (int ch = 0; ch < c; ch++) {
                    out[i++] = buf[p + ch * ps];
                }
            }
        }
    }
}
