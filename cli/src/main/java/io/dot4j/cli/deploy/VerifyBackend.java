package io.dot4j.cli.deploy;

import io.dot4j.runtime.ir.IntModel;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Something other than the Java runtime that computes a model's integer scores (generated C on the host or under
 * QEMU; later Verilog in a simulator). {@code dot4j verify --backend NAME} compares its scores with the runtime's on
 * every image. To add a back end: implement this and list it in {@link #all()}.
 */
public interface VerifyBackend {

    /** The names this back end answers to on the command line. */
    List<String> names();

    /** A one-line description of what runs, e.g. "generated C on cortex-m0 (QEMU microbit)". */
    String describe(String name);

    /** The scores of every image (builds whatever it needs first; may print its plan to {@code log}). */
    int[][] scores(String name, IntModel model, byte[][] images, PrintWriter log) throws Exception;

    static List<VerifyBackend> all() {
        return List.of(new CBackend());
    }

    /** The back end called {@code name}, or a user error listing the names. */
    static VerifyBackend named(String name) {
        List<String> known = new ArrayList<>(List.of("java"));
        for (VerifyBackend b : all()) {
            if (b.names().contains(name)) {
                return b;
            }
            known.addAll(b.names());
        }
        throw new io.dot4j.cli.UserError("--backend " + name + ": unknown, expected one of " + String.join(", ", known));
    }
}
