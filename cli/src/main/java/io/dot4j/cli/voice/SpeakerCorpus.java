package io.dot4j.cli.voice;

import io.dot4j.cli.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A folder of FSDD-style recordings, {@code {digit}_{speaker}_{take}.wav}, and its speaker-held-out splits: the
 * speakers are whatever names the files carry, and a split never puts one speaker's recordings on both sides.
 */
public record SpeakerCorpus(Path dir, List<Recording> recordings) {

    /** One recording: its file and its parsed name. */
    public record Recording(Path file, RecordingName name) {
    }

    /** The two sides of a split. */
    public record Split(List<Recording> train, List<Recording> test) {
    }

    public SpeakerCorpus {
        recordings = List.copyOf(recordings);
    }

    /** Every {@code .wav} of {@code dir}, sorted by file name; a .wav whose name is not of the FSDD form is an error. */
    public static SpeakerCorpus read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new UserError(dir + " is not a folder of recordings; run `dot4j data fetch fsdd` first");
        }
        List<Recording> list = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList()) {
                String n = p.getFileName().toString();
                if (!n.endsWith(".wav")) {
                    continue;
                }
                RecordingName name = RecordingName.parse(n).orElseThrow(() -> new UserError(p
                        + ": expected a name of the form {digit}_{speaker}_{take}.wav"));
                list.add(new Recording(p, name));
            }
        }
        if (list.isEmpty()) {
            throw new UserError(dir + " holds no .wav recordings");
        }
        return new SpeakerCorpus(dir, list);
    }

    /** The speakers, sorted. */
    public List<String> speakers() {
        TreeSet<String> s = new TreeSet<>();
        recordings.forEach(r -> s.add(r.name().speaker()));
        return List.copyOf(s);
    }

    /** All recordings of {@code heldOut} as the test side, everyone else's as the train side. */
    public Split holdOut(String heldOut) {
        if (!speakers().contains(heldOut)) {
            throw new UserError("speaker '" + heldOut + "' has no recordings in " + dir + "; speakers: " + speakers());
        }
        List<Recording> train = new ArrayList<>();
        List<Recording> test = new ArrayList<>();
        for (Recording r : recordings) {
            (r.name().speaker().equals(heldOut) ? test : train).add(r);
        }
        return new Split(train, test);
    }
}
