package io.dot4j.fuzz;

import io.dot4j.core.data.DataFormatException;
import io.dot4j.quant.recipes.RecipeException;
import java.io.IOException;

/**
 * What counts as a clean rejection of a hostile input: one of the project's own errors (or an I/O error) whose message
 * starts with the name of the file. Anything else (a NullPointerException, an index out of bounds, an
 * OutOfMemoryError, a message that does not name the file) is a finding.
 */
final class Clean {
    private Clean() {
    }

    /** Returns if {@code t} is a clean rejection of a file named {@code names[i]} for some i; else throws a finding. */
    static void rejection(Throwable t, String... names) {
        boolean ownType = t instanceof IOException || t instanceof DataFormatException || t instanceof RecipeException
                || t instanceof IllegalArgumentException;
        String m = t.getMessage();
        boolean named = false;
        for (String n : names) {
            named |= m != null && m.startsWith(n);
        }
        if (!ownType || !named || m.lines().count() != 1 || m.endsWith(": null")) {
            throw new AssertionError("not a clean rejection (expected one line naming " + String.join(" or ", names) + "): " + t, t);
        }
    }
}
