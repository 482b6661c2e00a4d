package io.dot4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz tests, one per reader. In a normal build each runs its committed inputs
 * ({@code ReadersFuzzTestInputs/<reader>/}: valid seeds and the crash regression inputs); with {@code JAZZER_FUZZ=1}
 * ({@code ./run-fuzz}) Jazzer fuzzes one of them, coverage-guided where it can instrument the classes (see
 * docs/SECURITY.md: the runtime, compiled for Java 17, yes; core and quant, compiled for Java 25, not with Jazzer 0.24).
 */
class ReadersFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void model(byte[] data) {
        Readers.model(data);
    }

    @FuzzTest(maxDuration = "30s")
    void checkpoint(byte[] data) {
        Readers.checkpoint(data);
    }

    @FuzzTest(maxDuration = "30s")
    void idx(byte[] data) {
        Readers.idx(data);
    }

    @FuzzTest(maxDuration = "30s")
    void csv(byte[] data) {
        Readers.csv(data);
    }

    @FuzzTest(maxDuration = "30s")
    void recipe(byte[] data) {
        Readers.recipe(data);
    }

    @FuzzTest(maxDuration = "30s")
    void sweep(byte[] data) {
        Readers.sweep(data);
    }

    @FuzzTest(maxDuration = "30s")
    void imageFolder(byte[] data) {
        Readers.imageFolder(data);
    }

    @FuzzTest(maxDuration = "30s")
    void png(byte[] data) {
        Readers.png(data);
    }
}
