package io.dot4j.core.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Small generated data sets and raw IDX bytes for the loader tests. */
final class TestData {

    private TestData() {
    }

    /** A seeded random 1-channel data set. */
    static Dataset random(long seed, int count, int height, int width, int numClasses) {
        Random rnd = new Random(seed);
        byte[] pixels = new byte[count * height * width];
        rnd.nextBytes(pixels);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = rnd.nextInt(numClasses);
        }
        return Dataset.of("random", pixels, labels, 1, height, width, numClasses);
    }

    /** IDX bytes: the 4-byte magic, the big-endian dimensions, then the data. */
    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
