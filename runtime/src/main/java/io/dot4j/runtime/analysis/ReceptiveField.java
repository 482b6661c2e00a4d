package io.dot4j.runtime.analysis;

import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Shape;

/** The input levels one convolution output reads, in the weights' column order (ky, kx, c), padding as level 0. */
final class ReceptiveField {
    private ReceptiveField() {
    }

    static int[] of(Conv conv, Shape in, int[] input, int oy, int ox) {
        int c = conv.inChannels(), kw = conv.kernelWidth();
        int[] window = new int[conv.fanIn()];
        for (int ky = 0; ky < conv.kernelHeight(); ky++) {
            int iy = oy * conv.stride() - conv.padding() + ky;
            for (int kx = 0; kx < kw; kx++) {
                int ix = ox * conv.stride() - conv.padding() + kx;
                if (iy < 0 || iy >= in.height() || ix < 0 || ix >= in.width()) {
                    continue;
                }
                for (int ch = 0; ch < c; ch++) {
                    window[(ky * kw + kx) * c + ch] = input[in.index(ch, iy, ix)];
                }
            }
        }
        return window;
    }
}
