package io.dot4j.cli.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.core.data.DataFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TarReaderTest {

    private static final Path NAME = Path.of("test.tar");

    /** A ustar header block for a member, with its checksum. */
    private static byte[] header(String name, char type, int size) {
        return header("", name, type, size);
    }

    private static byte[] header(String prefix, String name, char type, int size) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 345, prefix);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", size));
        put(h, 136, "00000000000");
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        return h;
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }

    private static void member(ByteArrayOutputStream out, String name, char type, byte[] content) {
        out.writeBytes(header(name, type, content.length));
        out.writeBytes(content);
        out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    }

    private static byte[] archive() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        member(out, "package/", '5', new byte[0]);
        byte[] big = new byte[1300];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7);
        }
        member(out, "package/data/a", '0', big);
        String longPath = "package/" + "x".repeat(150) + "/b";
        String record = " path=" + longPath + "\n";
        String pax = (record.length() + 3) + record;
        member(out, "PaxHeader", 'x', pax.getBytes(StandardCharsets.UTF_8));
        member(out, "short-name", '0', "hello".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    @Test
    void readsMembersContentAndPaxNames() throws IOException {
        TarReader tar = new TarReader(new ByteArrayInputStream(archive()), NAME);
        TarReader.Entry dir = tar.next();
        assertEquals("package/", dir.name());
        assertEquals('5', dir.type());
        TarReader.Entry a = tar.next();
        assertEquals("package/data/a", a.name());
        assertTrue(a.isFile());
        byte[] content = tar.content().readAllBytes();
        assertEquals(1300, content.length);
        assertEquals((byte) (1299 * 7), content[1299]);
        TarReader.Entry b = tar.next();
        assertEquals("package/" + "x".repeat(150) + "/b", b.name());
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), tar.content().readAllBytes());
        assertNull(tar.next());
    }

    @Test
    void joinsTheUstarPrefixAndName() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header("package/data", "t10k-labels-idx1-ubyte", '0', 3));
        out.writeBytes(new byte[512]);
        out.writeBytes(new byte[1024]);
        TarReader tar = new TarReader(new ByteArrayInputStream(out.toByteArray()), NAME);
        assertEquals("package/data/t10k-labels-idx1-ubyte", tar.next().name());
        assertEquals(3, tar.content().readAllBytes().length);
        assertNull(tar.next());
    }

    @Test
    void skipsUnreadContent() throws IOException {
        TarReader tar = new TarReader(new ByteArrayInputStream(archive()), NAME);
        tar.next();
        tar.next();
        tar.content().read(new byte[10]);
        assertTrue(tar.next().name().endsWith("/b"));
    }

    @Test
    void rejectsBadChecksumAndTruncation() {
        byte[] bad = archive();
        bad[512 + 3] ^= 1; // a byte in the name of the second header
        DataFormatException e = assertThrows(DataFormatException.class, () -> {
            TarReader tar = new TarReader(new ByteArrayInputStream(bad), NAME);
            tar.next();
            tar.next();
        });
        assertTrue(e.getMessage().contains("test.tar at tar byte offset 512: bad tar header checksum"),
                e.getMessage());
        byte[] cut = Arrays.copyOf(archive(), 512 + 512 + 700);
        assertThrows(IOException.class, () -> {
            TarReader tar = new TarReader(new ByteArrayInputStream(cut), NAME);
            tar.next();
            tar.next();
            tar.content().readAllBytes();
        });
    }
}
