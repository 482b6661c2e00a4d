package io.dot4j.cli.chip;

import io.dot4j.cli.UserError;
import io.dot4j.codegen.c.Target;

/** Parses a {@code --target} value into a C target, with a user error naming the valid ones. */
public final class TargetOption {
    private TargetOption() {
    }

    public static Target parse(String value) {
        try {
            return Target.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UserError("--target " + value + ": " + e.getMessage().replace("unknown target '" + value + "', ", ""));
        }
    }
}
