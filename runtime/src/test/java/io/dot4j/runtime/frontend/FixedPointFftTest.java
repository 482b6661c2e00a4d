package io.dot4j.runtime.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FixedPointFftTest {

    @Test
    void anImpulseAtZeroGivesAFlatSpectrumExactly() {
        FixedPointFft fft = new FixedPointFft(256);
        int[] re = new int[256];
        int[] im = new int[256];
        re[0] = 12_345;
        fft.transform(re, im);
        for (int k = 0; k < 256; k++) {
            assertEquals(12_345, re[k], "bin " + k);
            assertEquals(0, im[k], "bin " + k);
        }
    }

    @Test
    void fullScaleDcReachesTheBoundWithoutOverflow() {
        int n = FixedPointFft.MAX_SIZE;
        FixedPointFft fft = new FixedPointFft(n);
        int[] re = new int[n];
        int[] im = new int[n];
        java.util.Arrays.fill(re, -(1 << 19)); // the largest windowed magnitude (16-bit input, 4 guard bits)
        fft.transform(re, im);
        assertEquals(-(1L << 19) * n, re[0]);
        for (int k = 1; k < n; k++) {
            assertTrue(Math.abs(re[k]) <= 64 && Math.abs(im[k]) <= 64, "bin " + k + ": " + re[k] + ", " + im[k]);
        }
    }

    @Test
    void twiddlesAreRoundedCosinesAndSines() {
        FixedPointFft fft = new FixedPointFft(256);
        assertEquals(32768, fft.twiddleReal(0));
        assertEquals(0, fft.twiddleImaginary(0));
        assertEquals(0, fft.twiddleReal(64));
        assertEquals(-32768, fft.twiddleImaginary(64));
        assertEquals(23170, fft.twiddleReal(32)); // 32768 cos(pi/4) = 23170.48
        assertEquals(-23170, fft.twiddleImaginary(32));
    }

    @Test
    void rejectsSizesThatAreNotPowersOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new FixedPointFft(96));
        assertThrows(IllegalArgumentException.class, () -> new FixedPointFft(2048));
        assertThrows(IllegalArgumentException.class, () -> new FixedPointFft(256).transform(new int[128], new int[128]));
    }

    /**
     * Against a double FFT: each of the log2 N stages rounds once (at most 1/2 per component, growing by at most 2 per
     * later stage) and each Q15 twiddle is off by at most 1/2^16 of the value it multiplies.
     */
    @Property(tries = 60)
    void agreesWithADoubleFft(@ForAll @IntRange(min = 4, max = 10) int bits, @ForAll long seed,
                              @ForAll @IntRange(min = 1, max = 19) int magnitudeBits) {
        int n = 1 << bits;
        java.util.Random rnd = new java.util.Random(seed);
        int[] re = new int[n];
        int[] im = new int[n];
        double[] dr = new double[n];
        double[] di = new double[n];
        long sum = 0;
        for (int i = 0; i < n; i++) {
            re[i] = rnd.nextInt(1 << magnitudeBits) - (1 << (magnitudeBits - 1));
            dr[i] = re[i];
            sum += Math.abs(re[i]);
        }
        new FixedPointFft(n).transform(re, im);
        FloatLogMel.fft(dr, di);
        double tolerance = n * 1.0 + sum * bits / 32768.0;
        for (int k = 0; k < n; k++) {
            assertTrue(Math.abs(re[k] - dr[k]) <= tolerance && Math.abs(im[k] - di[k]) <= tolerance,
                    "bin " + k + ": " + re[k] + "," + im[k] + " vs " + dr[k] + "," + di[k] + " (tolerance " + tolerance + ")");
        }
    }
}
