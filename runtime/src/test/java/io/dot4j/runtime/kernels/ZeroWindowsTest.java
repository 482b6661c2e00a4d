package io.dot4j.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ZeroWindowsTest {

    @Test
    void findsExactlyTheWindowsWithoutANonZeroLevel() {
        Random r = new Random(21);
        for (int trial = 0; trial < 300; trial++) {
            int h = 1 + r.nextInt(9), w = 1 + r.nextInt(9), c = 1 + r.nextInt(3);
            int[] in = new int[h * w * c];
            for (int i = 0; i < in.length; i++) {
                in[i] = r.nextInt(4) == 0 ? 1 + r.nextInt(255) : 0;
            }
            long[] table = new long[(h + 1) * (w + 1)];
            ZeroWindows.sumTable(in, h, w, c, table);
            for (int k = 0; k < 40; k++) {
                int kh = 1 + r.nextInt(5), kw = 1 + r.nextInt(5), y0 = r.nextInt(h + 8) - 5, x0 = r.nextInt(w + 8) - 5;
                boolean zero = true;
                for (int y = Math.max(0, y0); y < Math.min(h, y0 + kh); y++) {
                    for (int x = Math.max(0, x0); x < Math.min(w, x0 + kw); x++) {
                        for (int ch = 0; ch < c; ch++) {
                            zero &= in[(y * w + x) * c + ch] == 0;
                        }
                    }
                }
                assertEquals(zero, ZeroWindows.isZero(table, h, w, y0, x0, kh, kw));
            }
        }
    }
}
