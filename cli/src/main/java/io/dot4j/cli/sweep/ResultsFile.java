package io.dot4j.cli.sweep;

import io.dot4j.core.io.AtomicFiles;
import io.dot4j.cli.UserError;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * results.jsonl of a sweep: one {@link SweepResult} per line. Appending rewrites the whole file to a temporary file in
 * the same folder and renames it over the old one, so a crash leaves either the old or the new file, never half a line.
 */
public final class ResultsFile {
    public static final String NAME = "results.jsonl";

    private ResultsFile() {
    }

    /** Every result in the file (none if it does not exist); a bad line is a {@link UserError} naming file and line. */
    public static List<SweepResult> read(Path file) throws IOException {
        List<String> lines;
        try {
            io.dot4j.runtime.io.InputFiles.requireRegular(file); // a folder or FIFO is refused before reading
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UserError(file + ": is not UTF-8 text");
        }
        List<SweepResult> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                out.add(SweepResult.fromJson(lines.get(i), file + ": line " + (i + 1)));
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage() + "; fix or delete that line", e);
            }
        }
        return out;
    }

    /** Appends one line atomically. */
    public static void append(Path file, SweepResult r) throws IOException {
        byte[] old = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
        byte[] line = (r.toJson().toString() + "\n").getBytes(StandardCharsets.UTF_8);
        boolean needsNewline = old.length > 0 && old[old.length - 1] != '\n';
        byte[] all = new byte[old.length + (needsNewline ? 1 : 0) + line.length];
        System.arraycopy(old, 0, all, 0, old.length);
        if (needsNewline) {
            all[old.length] = '\n';
        }
        System.arraycopy(line, 0, all, all.length - line.length, line.length);
        AtomicFiles.write(file, all);
    }
}
