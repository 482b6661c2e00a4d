package io.dot4j.codegen.c;

import java.util.Locale;

/** A C source being written: lines with indentation that follows the braces. */
final class Code {
    private final StringBuilder text = new StringBuilder();
    private int depth;

    /** One line, formatted with {@link String#format} (root locale); a line starting with '}' closes a level first. */
    Code line(String format, Object... args) {
        String s = args.length == 0 ? format : String.format(Locale.ROOT, format, args);
        if (s.startsWith("}")) {
            depth--;
        }
        text.append("    ".repeat(Math.max(0, depth))).append(s).append('\n');
        if (s.endsWith("{")) {
            depth++;
        }
        return this;
    }

    Code blank() {
        text.append('\n');
        return this;
    }

    /** Raw text, not indented (preprocessor lines, tables). */
    Code raw(String s) {
        text.append(s);
        if (!s.endsWith("\n")) {
            text.append('\n');
        }
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
