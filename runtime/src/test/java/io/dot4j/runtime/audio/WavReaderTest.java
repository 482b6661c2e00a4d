package io.dot4j.runtime.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavReaderTest {

    private static WavFormatException rejected(byte[] b) {
        return assertThrows(WavFormatException.class, () -> WavReader.parse(b, "x.wav", 1 << 20));
    }

    @Test
    void reads16BitSamplesExactly() throws IOException {
        short[] s = {0, 1, -1, 32767, -32768, 1234, -4321};
        PcmAudio a = WavReader.parse(WavFiles.pcm16(8000, s), "x.wav", 100);
        assertEquals(8000, a.sampleRate());
        assertArrayEquals(s, a.samples());
    }

    @Test
    void widens8BitUnsignedSamples() throws IOException {
        PcmAudio a = WavReader.parse(WavFiles.pcm8(11025, new byte[] {(byte) 128, 0, (byte) 255, (byte) 129}), "x.wav", 100);
        assertEquals(11025, a.sampleRate());
        assertArrayEquals(new short[] {0, -32768, 127 << 8, 256}, a.samples());
    }

    @Test
    void skipsUnknownChunksWithTheirPadByte() throws IOException {
        byte[] b = WavFiles.riff(WavFiles.chunk("fmt ", WavFiles.fmt(1, 1, 8000, 16)), WavFiles.chunk("LIST", new byte[3]),
                WavFiles.chunk("data", new byte[] {5, 0, -1, -1}));
        assertArrayEquals(new short[] {5, -1}, WavReader.parse(b, "x.wav", 10).samples());
    }

    @Test
    void readsARealFsddRecording() throws IOException {
        Path file = WavFiles.fsddRecordings().resolve("0_jackson_0.wav");
        if (!Files.isRegularFile(file)) {
            fail(file + " not found; run `dot4j data fetch fsdd --from ../shared/data/fsdd` (docs/VOICE.md)");
        }
        PcmAudio a = WavReader.read(file);
        assertEquals(8000, a.sampleRate());
        assertEquals((Files.size(file) - 44) / 2, a.length());
        assertEquals((short) 0xFE8F, a.sample(0)); // the first data bytes of the file are 8F FE
    }

    @Test
    void rejectsStereoNamingTheField() {
        WavFormatException e = rejected(WavFiles.file(WavFiles.fmt(1, 2, 8000, 16), new byte[8]));
        assertEquals("x.wav: offset 22: 'channels' = 2, expected 1 (mono)", e.getMessage());
        assertEquals(22, e.offset());
    }

    @Test
    void rejectsFloatAnd24BitAndExtensible() {
        assertTrue(rejected(WavFiles.file(WavFiles.fmt(3, 1, 8000, 32), new byte[8])).getMessage()
                .contains("offset 20: 'audio format' = 3, expected 1 (integer PCM); this file holds float samples"));
        assertTrue(rejected(WavFiles.file(WavFiles.fmt(1, 1, 8000, 24), new byte[6])).getMessage()
                .contains("offset 34: 'bits per sample' = 24, expected 8 or 16"));
        assertTrue(rejected(WavFiles.file(WavFiles.fmt(0xFFFE, 1, 8000, 16), new byte[6])).getMessage()
                .contains("WAVE_FORMAT_EXTENSIBLE"));
    }

    @Test
    void rejectsInconsistentFormatFields() {
        byte[] fmt = WavFiles.fmt(1, 1, 8000, 16);
        WavFiles.putU32(fmt, 8, 8000);
        assertTrue(rejected(WavFiles.file(fmt, new byte[2])).getMessage()
                .contains("offset 28: 'byte rate' = 8000, expected 16000"));
        byte[] fmt2 = WavFiles.fmt(1, 1, 8000, 16);
        WavFiles.putU16(fmt2, 12, 4);
        assertTrue(rejected(WavFiles.file(fmt2, new byte[2])).getMessage().contains("offset 32: 'block align' = 4"));
        byte[] fmt3 = WavFiles.fmt(1, 1, 0, 16);
        assertTrue(rejected(WavFiles.file(fmt3, new byte[2])).getMessage().contains("'sample rate' = 0"));
    }

    @Test
    void rejectsAHugeDeclaredChunkBeforeAllocating() {
        byte[] b = WavFiles.pcm16(8000, new short[4]);
        WavFiles.putU32(b, 40, 0xFFFF_FFF0L); // the data chunk claims 4 GB
        WavFormatException e = rejected(b);
        assertEquals("x.wav: offset 40: chunk 'data' size = 4294967280, but only 8 bytes of the RIFF body follow:"
                + " truncated or corrupt", e.getMessage());
    }

    @Test
    void rejectsARiffSizeBeyondTheFile() {
        byte[] b = WavFiles.pcm16(8000, new short[4]);
        WavFiles.putU32(b, 4, b.length);
        assertTrue(rejected(b).getMessage().startsWith("x.wav: offset 4: 'RIFF size' = 52, expected 4..44"));
    }

    @Test
    void rejectsEveryTruncation() {
        byte[] b = WavFiles.pcm16(8000, new short[] {1, 2, 3});
        for (int len = 0; len < b.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(b, len);
            WavFormatException e = rejected(cut);
            assertTrue(e.getMessage().startsWith("x.wav: offset "), e.getMessage());
        }
    }

    @Test
    void rejectsMissingOrMisplacedChunks() {
        assertTrue(rejected(WavFiles.riff(WavFiles.chunk("fmt ", WavFiles.fmt(1, 1, 8000, 16)))).getMessage()
                .endsWith("no 'data' chunk"));
        assertTrue(rejected(WavFiles.riff(WavFiles.chunk("data", new byte[2]), WavFiles.chunk("fmt ",
                WavFiles.fmt(1, 1, 8000, 16)))).getMessage().contains("offset 12: 'data' chunk before the 'fmt ' chunk"));
        assertTrue(rejected(WavFiles.riff(WavFiles.chunk("fmt ", WavFiles.fmt(1, 1, 8000, 16)),
                WavFiles.chunk("fmt ", WavFiles.fmt(1, 1, 8000, 16)))).getMessage().contains("a second 'fmt ' chunk"));
        assertTrue(rejected(WavFiles.file(new byte[14], new byte[2])).getMessage().contains("'fmt ' size = 14"));
        byte[] notWave = WavFiles.pcm16(8000, new short[1]);
        notWave[8] = 'A';
        assertTrue(rejected(notWave).getMessage().contains("offset 8: form type = 'AAVE', expected 'WAVE'"));
    }

    @Test
    void rejectsAnOddSizedSixteenBitDataChunk() {
        assertTrue(rejected(WavFiles.file(WavFiles.fmt(1, 1, 8000, 16), new byte[3])).getMessage()
                .contains("'data' size = 3, not a multiple of the 2-byte sample"));
    }

    @Test
    void enforcesTheSampleLimit(@TempDir Path dir) throws IOException {
        byte[] b = WavFiles.pcm16(8000, new short[100]);
        WavFormatException e = assertThrows(WavFormatException.class, () -> WavReader.parse(b, "x.wav", 99));
        assertTrue(e.getMessage().contains("'data' holds 100 samples, more than the limit of 99"));
        Path big = dir.resolve("big.wav");
        Files.write(big, WavFiles.pcm16(8000, new short[10_000]));
        WavFormatException f = assertThrows(WavFormatException.class, () -> WavReader.read(big, 100));
        assertTrue(f.getMessage().startsWith("big.wav: offset 0: file is 20044 bytes, more than the 4308"), f.getMessage());
    }
}
