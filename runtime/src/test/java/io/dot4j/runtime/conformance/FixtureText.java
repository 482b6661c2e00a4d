package io.dot4j.runtime.conformance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * The text of a fixture's {@code .expected} file (layout in docs/CONFORMANCE.md): written by the generator, parsed by
 * {@link ConformanceFixtures}. Every line is a keyword and its fields, or a row of decimal integers; the last line is
 * {@code crc32 XXXXXXXX} over every byte before it.
 */
final class FixtureText {
    static final String MAGIC = "dot4j-conformance 1";

    private FixtureText() {
    }

    /** Appends {@code values} as lines of {@code perLine} space-separated integers. */
    static void values(StringBuilder sb, int[] values, int perLine) {
        for (int i = 0; i < values.length; i++) {
            sb.append(values[i]).append(i + 1 == values.length || (i + 1) % perLine == 0 ? '\n' : ' ');
        }
    }

    /** The text with its crc32 line appended. */
    static String sealed(String body) {
        return body + "crc32 " + hex(crc(body.getBytes(StandardCharsets.US_ASCII))) + "\n";
    }

    static long crc(byte[] b) {
        CRC32 c = new CRC32();
        c.update(b);
        return c.getValue();
    }

    /**
     * The CRC-32 a .dot4j file stores in its last 4 bytes: that of every byte before them. (The CRC-32 of a whole
     * file that ends in its own CRC is the same constant for every file, so it would identify nothing.)
     */
    static long modelCrc(byte[] file) {
        return crc(java.util.Arrays.copyOf(file, file.length - 4));
    }

    static String hex(long crc) {
        return String.format(Locale.ROOT, "%08x", crc);
    }

    /** Reads tokens line by line with errors that name the file and line. */
    static final class Reader {
        private final String source;
        private final List<String> lines;
        private int line;

        Reader(String source, byte[] bytes) {
            this.source = source;
            String text = new String(bytes, StandardCharsets.US_ASCII);
            int last = text.lastIndexOf("crc32 ");
            if (last < 0 || !text.endsWith("\n")) {
                throw error("no final crc32 line");
            }
            long want = crc(text.substring(0, last).getBytes(StandardCharsets.US_ASCII));
            String got = text.substring(last + 6).strip();
            if (!got.equals(hex(want))) {
                throw error("crc32 is " + got + " but the content has " + hex(want) + ": the file was changed");
            }
            this.lines = new ArrayList<>(List.of(text.substring(0, last).split("\n", -1)));
            lines.remove(lines.size() - 1); // after the last newline
        }

        /** The next line's fields, checking its keyword. */
        String[] expect(String keyword, int fields) {
            String[] f = next().split(" ");
            if (!f[0].equals(keyword) || f.length != fields + 1) {
                throw error("expected '" + keyword + "' and " + fields + " field(s), got '" + String.join(" ", f) + "'");
            }
            return f;
        }

        String next() {
            if (line >= lines.size()) {
                throw error("ends early");
            }
            return lines.get(line++);
        }

        int[] values(int count, int perLine) {
            int[] v = new int[count];
            int i = 0;
            while (i < count) {
                String[] f = next().split(" ");
                int want = Math.min(perLine, count - i);
                if (f.length != want) {
                    throw error("expected " + want + " values, got " + f.length);
                }
                for (String s : f) {
                    try {
                        v[i++] = Integer.parseInt(s);
                    } catch (NumberFormatException e) {
                        throw error("'" + s + "' is not an integer");
                    }
                }
            }
            return v;
        }

        void end() {
            expect("end", 0);
            if (line != lines.size()) {
                throw error("text after 'end'");
            }
        }

        IllegalStateException error(String what) {
            return new IllegalStateException(source + ": line " + (line + 1) + ": " + what);
        }
    }
}
