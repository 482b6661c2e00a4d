package io.dot4j.runtime.frontend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.runtime.format.ModelFormatException;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LogMelEncodingTest {

    private static ModelFormatException rejected(byte[] b) {
        return assertThrows(ModelFormatException.class, () -> LogMelEncoding.decode(b, 0, b.length, "m.dot4j"));
    }

    @Test
    void theSpeechFrontEndTakesSeventeenBytes() throws ModelFormatException {
        LogMelParameters p = LogMelParameters.speech8k(49, 160, 16);
        byte[] b = LogMelEncoding.encode(p);
        assertEquals("c03e318002a00108107dd81da0018033" + "01", HexFormat.of().formatHex(b));
        assertEquals(p, LogMelEncoding.decode(b, 0, b.length, "m.dot4j"));
    }

    @Test
    void decodesAtAnOffsetInsideALargerFile() throws ModelFormatException {
        LogMelParameters p = LogMelParameters.speech8k(32, 256, 20);
        byte[] body = LogMelEncoding.encode(p);
        byte[] file = new byte[body.length + 10];
        System.arraycopy(body, 0, file, 7, body.length);
        assertEquals(p, LogMelEncoding.decode(file, 7, body.length, "m.dot4j"));
    }

    @Test
    void namesTheOffsetAndFieldOfABadValue() {
        byte[] b = LogMelEncoding.encode(LogMelParameters.speech8k(49, 160, 16));
        b[7] = 11; // log2(fftSize) = 11: 2048 points
        assertEquals("m.dot4j: offset 7: 'log2(fftSize)' = 11, expected 4..10", rejected(b).getMessage());
        byte[] c = LogMelEncoding.encode(LogMelParameters.speech8k(49, 160, 16));
        c[16] = 2;
        assertEquals("m.dot4j: offset 16: 'logMode' = 2, expected 0..1", rejected(c).getMessage());
        byte[] d = LogMelEncoding.encode(LogMelParameters.speech8k(49, 160, 16));
        d[2] = 0; // frames = 0
        assertEquals("m.dot4j: offset 2: 'frames' = 0, expected 1..1024", rejected(d).getMessage());
    }

    @Test
    void rejectsEveryTruncationAndTrailingBytes() {
        byte[] b = LogMelEncoding.encode(LogMelParameters.speech8k(49, 160, 16));
        for (int len = 0; len < b.length; len++) {
            int n = len;
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> LogMelEncoding.decode(b, 0, n, "m"));
            assertTrue(e.getMessage().contains("body ends"), e.getMessage());
        }
        byte[] longer = java.util.Arrays.copyOf(b, b.length + 1);
        assertEquals("m.dot4j: offset 17: front-end body has 1 bytes after its last field 'logMode'",
                rejected(longer).getMessage());
    }

    @Test
    void rejectsNonCanonicalVarintsAndABodyOutsideTheBuffer() {
        byte[] b = HexFormat.of().parseHex("c03eb100" + "8002a00108107dd81da001803301");
        assertEquals("m.dot4j: offset 2: 'frames' is not in its shortest form", rejected(b).getMessage());
        assertThrows(ModelFormatException.class, () -> LogMelEncoding.decode(new byte[4], 2, 5, "m"));
    }

    @Test
    void rejectsAFrameLongerThanTheFft() {
        byte[] b = LogMelEncoding.encode(new LogMelParameters(8000, 10, 256, 128, 256, 16, 125, 3800, 160, 0, 0));
        b[7] = 7; // 128-point FFT for 256-sample frames
        assertTrue(rejected(b).getMessage().contains("an FFT of 128 points is shorter than the frameLength 256"));
    }

    @Property(tries = 500)
    void roundTripsEveryValidParameterSet(@ForAll("parameters") LogMelParameters p) throws ModelFormatException {
        byte[] b = LogMelEncoding.encode(p);
        assertTrue(b.length >= 12 && b.length <= 25, b.length + " bytes");
        assertEquals(p, LogMelEncoding.decode(b, 0, b.length, "m"));
        assertArrayEquals(b, LogMelEncoding.encode(LogMelEncoding.decode(b, 0, b.length, "m")));
    }

    /** Any single corrupted byte gives valid parameters or one ModelFormatException, never another exception. */
    @Property(tries = 1000)
    void corruptedBodiesFailOnlyWithAFormatError(@ForAll("parameters") LogMelParameters p,
                                                 @ForAll @IntRange(min = 0, max = 24) int where, @ForAll byte value) {
        byte[] b = LogMelEncoding.encode(p);
        b[where % b.length] = value;
        try {
            LogMelParameters q = LogMelEncoding.decode(b, 0, b.length, "m");
            assertArrayEquals(b, LogMelEncoding.encode(q));
        } catch (ModelFormatException e) {
            assertTrue(e.getMessage().startsWith("m: offset "), e.getMessage());
        }
    }

    @Provide
    Arbitrary<LogMelParameters> parameters() {
        Arbitrary<Integer> rate = Arbitraries.integers().between(1_000, 48_000);
        Arbitrary<Integer> fftBits = Arbitraries.integers().between(4, 10);
        return Combinators.combine(rate, fftBits, Arbitraries.integers().between(1, 1_024),
                Arbitraries.integers().between(1, 65_535), Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.integers().between(1, 4_096), Arbitraries.integers().between(0, 32_767),
                Arbitraries.integers().between(0, 1)).as((r, fb, frames, hop, mix, scale, offset, mode) -> {
                    int fft = 1 << fb;
                    int frameLength = 2 + mix % (fft - 1);
                    int bands = 1 + mix % Math.min(128, fft / 2);
                    int fMax = 1 + mix % (r / 2);
                    int fMin = fMax == 1 ? 0 : mix % fMax;
                    int hopFit = (int) Math.min(hop, (LogMelParameters.MAX_WINDOW_SAMPLES - frameLength) / Math.max(1, frames - 1));
                    return new LogMelParameters(r, frames, frameLength, Math.max(1, hopFit), fft, bands, fMin, fMax, scale,
                            offset, mode);
                });
    }
}
