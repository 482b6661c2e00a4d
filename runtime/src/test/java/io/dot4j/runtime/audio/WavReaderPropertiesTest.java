package io.dot4j.runtime.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class WavReaderPropertiesTest {

    @Property(tries = 200)
    void sixteenBitSamplesRoundTrip(@ForAll @Size(max = 300) short[] samples, @ForAll @IntRange(min = 1, max = 384_000) int rate)
            throws WavFormatException {
        PcmAudio a = WavReader.parse(WavFiles.pcm16(rate, samples), "p.wav", 1000);
        assertArrayEquals(samples, a.samples());
    }

    @Property(tries = 200)
    void eightBitSamplesWidenToTheTopByte(@ForAll @Size(max = 300) byte[] samples) throws WavFormatException {
        short[] s = WavReader.parse(WavFiles.pcm8(8000, samples), "p.wav", 1000).samples();
        for (int i = 0; i < samples.length; i++) {
            assertTrue(s[i] == (short) (((samples[i] & 0xFF) - 128) * 256));
        }
    }

    /** Any corruption of a valid file either still reads (a harmless byte) or is one WavFormatException: nothing else. */
    @Property(tries = 1000)
    void corruptedFilesFailOnlyWithAFormatError(@ForAll @Size(min = 1, max = 40) short[] samples,
                                                @ForAll @IntRange(min = 0, max = 10_000) int where,
                                                @ForAll byte value, @ForAll long word,
                                                @ForAll @IntRange(min = 0, max = 3) int kind) {
        byte[] b = WavFiles.pcm16(8000, samples);
        int at = where % b.length;
        byte[] bad = switch (kind) {
            case 0 -> java.util.Arrays.copyOf(b, at);
            case 1 -> { byte[] c = b.clone(); c[at] = value; yield c; }
            case 2 -> { byte[] c = b.clone(); WavFiles.putU32(c, Math.min(at, c.length - 4), word & 0xFFFF_FFFFL); yield c; }
            default -> java.util.Arrays.copyOf(b, b.length + at % 7);
        };
        try {
            PcmAudio a = WavReader.parse(bad, "p.wav", 1000);
            assertTrue(a.length() <= 1000);
        } catch (WavFormatException e) {
            assertTrue(e.getMessage().startsWith("p.wav: offset "), e.getMessage());
        }
    }
}
