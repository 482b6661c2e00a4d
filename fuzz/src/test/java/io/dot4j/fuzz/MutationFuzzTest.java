package io.dot4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The structure-aware mutation fuzzer (docs/SECURITY.md): for each reader, mutants of its valid seeds ({@link Mutator},
 * CRCs and containers repaired on half of them), each run under a 2 s watchdog in this module's 256 MB test JVM, so a
 * hang or an out-of-memory error is a failure like any crash. A failing mutant is saved under
 * {@code target/fuzz-findings/} for a regression input. The number of inputs per reader is jqwik's default tries:
 * a few hundred in the normal build, {@code -Dfuzz.inputs=1000000} for a campaign ({@code ./run-fuzz}).
 */
class MutationFuzzTest {
    static final Duration WATCHDOG = Duration.ofSeconds(2);

    @Provide
    Arbitrary<Long> mutations() {
        return Arbitraries.longs().withoutEdgeCases();
    }

    @Property
    void model(@ForAll("mutations") long seed) {
        run("model", Readers::model, seed);
    }

    @Property
    void checkpoint(@ForAll("mutations") long seed) {
        run("checkpoint", Readers::checkpoint, seed);
    }

    @Property
    void idx(@ForAll("mutations") long seed) {
        run("idx", Readers::idx, seed);
    }

    @Property
    void csv(@ForAll("mutations") long seed) {
        run("csv", Readers::csv, seed);
    }

    @Property
    void recipe(@ForAll("mutations") long seed) {
        run("recipe", Readers::recipe, seed);
    }

    @Property
    void sweep(@ForAll("mutations") long seed) {
        run("sweep", Readers::sweep, seed);
    }

    @Property
    void imageFolder(@ForAll("mutations") long seed) {
        run("imageFolder", Readers::imageFolder, seed);
    }

    @Property
    void png(@ForAll("mutations") long seed) {
        run("png", Readers::png, seed);
    }

    private static final java.util.Map<String, List<byte[]>> SEEDS = new java.util.concurrent.ConcurrentHashMap<>();

    static void run(String reader, Consumer<byte[]> harness, long seed) {
        byte[] mutant = Mutator.mutate(reader, SEEDS.computeIfAbsent(reader, r -> warmedUp(r, harness)), seed);
        try {
            assertTimeoutPreemptively(WATCHDOG, () -> harness.accept(mutant), () -> reader + " mutant " + seed + " hangs");
        } catch (Throwable t) {
            Path saved = save(reader, seed, mutant);
            throw new AssertionError(reader + " mutant " + seed + " (saved to " + saved + "): " + t, t);
        }
    }

    /** The reader's seeds, each run once without the watchdog: class loading is not a hang. */
    private static List<byte[]> warmedUp(String reader, Consumer<byte[]> harness) {
        List<byte[]> seeds = Seeds.valid(reader);
        seeds.forEach(harness);
        return seeds;
    }

    private static Path save(String reader, long seed, byte[] mutant) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "fuzz-findings"));
            return Files.write(dir.resolve("crash-" + reader + "-" + Long.toHexString(seed)), mutant);
        } catch (IOException e) {
            return Path.of("(not saved: " + e.getMessage() + ")");
        }
    }
}
