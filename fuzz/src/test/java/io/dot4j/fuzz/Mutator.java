package io.dot4j.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Structure-aware mutation of valid seeds, seeded so a failure reproduces: byte-level edits (bit flips, interesting
 * integers little- and big-endian, truncation, insertion, deletion, splices), token-level edits of JSON
 * ({@link JsonMutator}), and format repairs on half of the mutants so that the deep checks are reached: the CRC-32 of
 * a {@code .dot4j} model or a checkpoint is recomputed, a gzip IDX is mutated inside and re-compressed, a checkpoint's
 * JSON header is mutated as JSON and the container rebuilt around it.
 */
final class Mutator {
    private static final long[] INTERESTING = {0, 1, 2, 3, 7, 8, 16, 127, 128, 255, 256, 1000, 32767, 32768, 65535, 65536,
        1 << 20, 1 << 24, (1L << 28) + 1, Integer.MAX_VALUE, 0x80000000L, 0xffffffffL, -1, -2};

    private Mutator() {
    }

    static byte[] mutate(String reader, List<byte[]> seeds, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] base = seeds.get(r.nextInt(seeds.size()));
        boolean repair = r.nextBoolean();
        return switch (reader) {
            case "model" -> repair ? withCrc(bytes(base, seeds, r)) : bytes(base, seeds, r);
            case "checkpoint" -> repair ? checkpoint(base, r) : bytes(base, seeds, r);
            case "idx" -> repair && isGzip(base) ? gzip(bytes(gunzip(base), seeds, r)) : bytes(base, seeds, r);
            case "recipe", "sweep" -> repair ? JsonMutator.mutate(base, r) : bytes(base, seeds, r);
            default -> bytes(base, seeds, r);
        };
    }

    /** One to four byte-level edits. */
    static byte[] bytes(byte[] in, List<byte[]> seeds, SplittableRandom r) {
        byte[] b = in.clone();
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int n = b.length;
            int at = n == 0 ? 0 : r.nextInt(n);
            switch (r.nextInt(8)) {
                case 0 -> {
                    if (n > 0) {
                        b[at] ^= (byte) (1 << r.nextInt(8));
                    }
                }
                case 1 -> {
                    if (n > 0) {
                        b[at] = (byte) INTERESTING[r.nextInt(INTERESTING.length)];
                    }
                }
                case 2, 3 -> {
                    int width = r.nextBoolean() ? 4 : 2;
                    if (n >= width) {
                        at = r.nextInt(n - width + 1);
                        ByteBuffer bb = ByteBuffer.wrap(b).order(r.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
                        long v = INTERESTING[r.nextInt(INTERESTING.length)];
                        if (width == 4) {
                            bb.putInt(at, (int) v);
                        } else {
                            bb.putShort(at, (short) v);
                        }
                    }
                }
                case 4 -> b = Arrays.copyOf(b, n == 0 ? 0 : r.nextInt(n)); // truncate
                case 5 -> { // insert random bytes
                    byte[] ins = new byte[1 + r.nextInt(16)];
                    r.nextBytes(ins);
                    b = splice(b, at, 0, ins);
                }
                case 6 -> b = splice(b, at, Math.min(n - at, 1 + r.nextInt(16)), new byte[0]); // delete
                default -> { // a slice of another seed
                    byte[] other = seeds.get(r.nextInt(seeds.size()));
                    if (other.length > 0) {
                        int from = r.nextInt(other.length);
                        int len = Math.min(other.length - from, 1 + r.nextInt(64));
                        b = splice(b, at, Math.min(n - at, len), Arrays.copyOfRange(other, from, from + len));
                    }
                }
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }

    /** Recomputes the trailing little-endian CRC-32 of everything before it (.dot4j and checkpoints). */
    static byte[] withCrc(byte[] b) {
        if (b.length < 4) {
            return b;
        }
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 4);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length - 4, (int) crc.getValue());
        return b;
    }

    /**
     * A checkpoint whose JSON header is mutated as JSON (shapes, model arguments, the stored recipe) and, half the time,
     * whose payload is edited too; header length and CRC are rewritten so that the reader gets past the container.
     */
    static byte[] checkpoint(byte[] b, SplittableRandom r) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int h = bb.getInt(12);
        if (h < 2 || 16L + h + 4 > b.length) {
            return withCrc(b.clone());
        }
        byte[] header = JsonMutator.mutate(Arrays.copyOfRange(b, 16, 16 + h), r);
        byte[] payload = Arrays.copyOfRange(b, 16 + h, b.length - 4);
        if (r.nextBoolean() && payload.length > 0) {
            payload = bytes(payload, List.of(payload), r);
        }
        ByteBuffer out = ByteBuffer.allocate(16 + header.length + payload.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        out.put(b, 0, 12).putInt(header.length).put(header).put(payload);
        return withCrc(out.array());
    }

    static boolean isGzip(byte[] b) {
        return b.length > 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }

    static byte[] gunzip(byte[] b) {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(b))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
