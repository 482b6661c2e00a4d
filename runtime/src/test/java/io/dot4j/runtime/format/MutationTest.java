package io.dot4j.runtime.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.dot4j.runtime.RandomModels;
import io.dot4j.runtime.ir.IntModel;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: 12,000 mutated files (byte changes, truncations, insertions, deletions, CRC repaired for half of
 * them so the structural checks are reached). Each read must return a valid model or throw
 * ModelFormatException -- nothing else, and quickly.
 */
class MutationTest {

    @Test
    void mutatedFilesAreReadOrRejectedNothingElse() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random r = new Random(20261129);
            byte[][] files = new byte[40][];
            for (int i = 0; i < files.length; i++) {
                files[i] = ModelWriter.toBytes(RandomModels.generate(i));
            }
            int accepted = 0, rejected = 0;
            long slowest = 0;
            for (int round = 0; round < 12_000; round++) {
                byte[] valid = files[round % files.length];
                byte[] bad = mutate(r, valid);
                if (r.nextBoolean()) {
                    bad = FormatTestSupport.withCrc(bad);
                }
                long start = System.nanoTime();
                try {
                    IntModel m = ModelReader.read(bad);
                    // a model that reads is a valid model and has exactly one encoding: the bytes that were read
                    assertArrayEquals(bad, ModelWriter.toBytes(m));
                    assertEquals(m, ModelReader.read(ModelWriter.toBytes(m)));
                    accepted++;
                } catch (ModelFormatException e) {
                    assertTrue(e.getMessage().startsWith("<bytes>: offset "), e.getMessage());
                    rejected++;
                } catch (Throwable t) {
                    fail("round " + round + ": " + t, t);
                }
                slowest = Math.max(slowest, System.nanoTime() - start);
            }
            assertTrue(rejected > 10_000, "most mutations are rejected: " + rejected);
            assertTrue(accepted + rejected == 12_000);
            assertTrue(slowest < 2_000_000_000L, "every read answers quickly, the slowest took " + slowest / 1_000_000 + " ms");
        });
    }

    static byte[] mutate(Random r, byte[] in) {
        byte[] b = in.clone();
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(6)) {
                case 0 -> b[at] = (byte) r.nextInt(256);
                case 1 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 2 -> b = Arrays.copyOf(b, at);
                case 3 -> { // insert 1..8 random bytes
                    int n = 1 + r.nextInt(8);
                    byte[] out = new byte[b.length + n];
                    System.arraycopy(b, 0, out, 0, at);
                    for (int i = 0; i < n; i++) {
                        out[at + i] = (byte) r.nextInt(256);
                    }
                    System.arraycopy(b, at, out, at + n, b.length - at);
                    b = out;
                }
                case 4 -> { // delete 1..8 bytes
                    int n = Math.min(1 + r.nextInt(8), b.length - at);
                    byte[] out = new byte[b.length - n];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, at + n, out, at, b.length - at - n);
                    b = out;
                }
                default -> { // a field-sized extreme: 0, -1 or a big positive value
                    int v = new int[] {0, -1, Integer.MAX_VALUE, 65535}[r.nextInt(4)];
                    for (int i = 0; i < 4 && at + i < b.length; i++) {
                        b[at + i] = (byte) (v >>> (8 * i));
                    }
                }
            }
        }
        return b;
    }
}
