package io.dot4j.cli.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.cli.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeakerCorpusTest {

    private static Path corpus(Path dir, List<String> speakers) throws IOException {
        for (String s : speakers) {
            for (int d = 0; d < 10; d++) {
                for (int t = 0; t < 3; t++) {
                    Files.write(dir.resolve(d + "_" + s + "_" + t + ".wav"), new byte[0]);
                }
            }
        }
        return dir;
    }

    @Test
    void parsesRecordingNames() {
        assertEquals(new RecordingName(7, "yweweler", 42), RecordingName.parse("7_yweweler_42.wav").orElseThrow());
        assertEquals("7_yweweler_42.wav", new RecordingName(7, "yweweler", 42).fileName());
        for (String bad : List.of("7_a.wav", "10_a_1.wav", "x_a_1.wav", "7_a_1.WAV", "7_a b_1.wav", "7__1.wav", "7_a_1.wav.tmp")) {
            assertTrue(RecordingName.parse(bad).isEmpty(), bad);
        }
    }

    @Test
    void holdsOutEachSpeakerWhateverTheNames(@TempDir Path dir) throws IOException {
        List<String> names = List.of("jackson", "theo", "zoe-2", "A9", "unseen");
        SpeakerCorpus c = SpeakerCorpus.read(corpus(dir, names));
        assertEquals(List.of("A9", "jackson", "theo", "unseen", "zoe-2"), c.speakers());
        for (String held : c.speakers()) {
            SpeakerCorpus.Split s = c.holdOut(held);
            Set<String> train = new HashSet<>();
            s.train().forEach(r -> train.add(r.name().speaker()));
            assertTrue(!train.contains(held) && train.size() == 4, held + ": " + train);
            assertTrue(s.test().stream().allMatch(r -> r.name().speaker().equals(held)));
            assertEquals(30, s.test().size());
            assertEquals(120, s.train().size());
        }
    }

    @Test
    void rejectsAWavWithAnotherNameAndAnUnknownSpeaker(@TempDir Path dir) throws IOException {
        corpus(dir, List.of("a"));
        UserError e = assertThrows(UserError.class, () -> SpeakerCorpus.read(dir).holdOut("b"));
        assertTrue(e.getMessage().contains("speaker 'b' has no recordings"), e.getMessage());
        Files.write(dir.resolve("hello.wav"), new byte[0]);
        UserError f = assertThrows(UserError.class, () -> SpeakerCorpus.read(dir));
        assertTrue(f.getMessage().endsWith("hello.wav: expected a name of the form {digit}_{speaker}_{take}.wav"));
    }
}
