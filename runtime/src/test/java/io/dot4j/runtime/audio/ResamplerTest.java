package io.dot4j.runtime.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static short[] tone(double hz, int rate, int n, double amplitude) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    @Test
    void sameRateIsTheIdentity() {
        short[] s = tone(440, 8000, 500, 9000);
        assertArrayEquals(s, Resampler.resample(new PcmAudio(8000, s), 8000).samples());
    }

    @Test
    void keepsATonePassedByTheFilter() {
        for (int from : new int[] {44_100, 22_050, 16_000, 11_025, 48_000, 6_000}) {
            short[] y = Resampler.resample(tone(440, from, from / 2, 10_000), from, 8000);
            assertEquals((from / 2 - 1L) * 8000 / from + 1, y.length, "length from " + from);
            short[] want = tone(440, 8000, y.length, 10_000);
            for (int j = 200; j < y.length - 200; j++) { // away from the faded ends
                assertTrue(Math.abs(y[j] - want[j]) <= 40, from + " Hz: sample " + j + " = " + y[j] + ", expected ~" + want[j]);
            }
        }
    }

    @Test
    void removesAToneAboveTheNewNyquistFrequency() {
        short[] y = Resampler.resample(tone(5_000, 16_000, 8_000, 20_000), 16_000, 8000);
        for (int j = 200; j < y.length - 200; j++) {
            assertTrue(Math.abs(y[j]) <= 200, "5 kHz leaks through at sample " + j + ": " + y[j]);
        }
    }

    @Test
    void ratesDownToFourthsLandOnInputSamples() {
        short[] x = tone(100, 32_000, 3200, 8000);
        short[] y = Resampler.resample(x, 32_000, 8000);
        for (int j = 100; j < y.length - 100; j++) {
            assertTrue(Math.abs(y[j] - x[4 * j]) <= 8, "sample " + j);
        }
    }

    @Test
    void refusesAnOutputBeyondTheSampleLimitBeforeAllocating() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Resampler.resample(new short[100_000], 1_000, 384_000));
        assertTrue(e.getMessage().contains("would make 38399617 at 384000 Hz, more than the 28800000"), e.getMessage());
    }

    @Property(tries = 100)
    void keepsAConstantAwayFromTheEnds(@ForAll @IntRange(min = -32768, max = 32767) int c,
                                       @ForAll @IntRange(min = 4_000, max = 48_000) int from) {
        short[] x = new short[2_000];
        java.util.Arrays.fill(x, (short) c);
        short[] y = Resampler.resample(x, from, 8000);
        int margin = (int) Math.ceil(Resampler.ZERO_CROSSINGS / Resampler.CUTOFF * Math.max(1.0, 8000.0 / from)) + 2;
        for (int j = margin; j < y.length - margin; j++) {
            assertTrue(Math.abs(y[j] - c) <= 1, "sample " + j + " = " + y[j] + ", expected " + c);
        }
    }

    @Property(tries = 100)
    void isDeterministicAndBounded(@ForAll @Size(max = 400) short[] x, @ForAll @IntRange(min = 1_000, max = 96_000) int from) {
        short[] a = Resampler.resample(x, from, 8000);
        assertArrayEquals(a, Resampler.resample(x.clone(), from, 8000));
        assertEquals(x.length == 0 ? 0 : (x.length - 1L) * 8000 / from + 1, a.length);
    }
}
