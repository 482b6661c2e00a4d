package io.dot4j.cli.voice;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of one FSDD recording, {@code {digit}_{speaker}_{take}.wav}: the digit is the label, the speaker any
 * name of letters, digits and dashes (so a speaker the code has never seen works the same), the take a number.
 */
public record RecordingName(int digit, String speaker, int take) {

    private static final Pattern FORM = Pattern.compile("([0-9])_([A-Za-z0-9-]{1,64})_([0-9]{1,6})\\.wav");

    /** The parts of {@code fileName}, or empty if it does not have the FSDD form. */
    public static Optional<RecordingName> parse(String fileName) {
        Matcher m = FORM.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new RecordingName(m.group(1).charAt(0) - '0', m.group(2), Integer.parseInt(m.group(3))));
    }

    /** The file name this record stands for. */
    public String fileName() {
        return digit + "_" + speaker + "_" + take + ".wav";
    }
}
