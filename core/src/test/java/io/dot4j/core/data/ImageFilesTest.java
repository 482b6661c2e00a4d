package io.dot4j.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
    @TempDir
    Path tmp;

    private Path png(String name, int w, int h, int type) throws IOException {
        Path p = tmp.resolve(name);
        assertTrue(ImageIO.write(new BufferedImage(w, h, type), "png", p.toFile()));
        return p;
    }

    @Test
    void readsTheHeaderWithoutDecoding() throws IOException {
        ImageFiles.Header grey = ImageFiles.header(png("g.png", 7, 5, BufferedImage.TYPE_BYTE_GRAY));
        assertEquals(new ImageFiles.Header(7, 5, true), grey);
        assertEquals(new ImageFiles.Header(3, 4, false), ImageFiles.header(png("c.png", 3, 4, BufferedImage.TYPE_INT_RGB)));
        assertEquals(7, ImageFiles.decode(tmp.resolve("g.png")).getWidth());
    }

    /** A PNG whose IHDR declares 100000 x 100000 pixels (CRC fixed): refused from the header, before any decoding. */
    @Test
    void refusesAHugeDeclaredSizeBeforeDecodingInLong() throws IOException {
        Path p = png("huge.png", 2, 2, BufferedImage.TYPE_BYTE_GRAY);
        byte[] b = Files.readAllBytes(p);
        ByteBuffer buf = ByteBuffer.wrap(b);
        buf.putInt(16, 100_000).putInt(20, 100_000); // IHDR data starts at 16: width, height
        CRC32 crc = new CRC32();
        crc.update(b, 12, 17); // chunk type + 13 data bytes
        buf.putInt(29, (int) crc.getValue());
        Files.write(p, b);
        for (var read : new ThrowingRead[] {ImageFiles::header, ImageFiles::decode}) {
            DataFormatException e = assertThrows(DataFormatException.class, () -> read.apply(p));
            assertEquals(p + ": declares 100000x100000 = 10,000,000,000 pixels, more than the limit of 33,554,432;"
                    + " refused before decoding", e.getMessage());
        }
    }

    @Test
    void refusesAPngWithoutItsEndAndDamagedOrEmptyFiles() throws IOException {
        Path p = png("cut.png", 16, 16, BufferedImage.TYPE_INT_RGB);
        byte[] b = Files.readAllBytes(p);
        Files.write(p, Arrays.copyOf(b, b.length - 1));
        DataFormatException cut = assertThrows(DataFormatException.class, () -> ImageFiles.decode(p));
        assertTrue(cut.getMessage().startsWith(p + " at byte offset " + (b.length - 13) + ": is a truncated PNG"),
                cut.getMessage());
        Path empty = tmp.resolve("empty.png");
        Files.write(empty, new byte[0]);
        assertTrue(assertThrows(DataFormatException.class, () -> ImageFiles.decode(empty)).getMessage()
                .contains("empty (0-byte)"));
        Path text = tmp.resolve("text.png");
        Files.writeString(text, "not an image at all");
        assertTrue(assertThrows(DataFormatException.class, () -> ImageFiles.decode(text)).getMessage()
                .startsWith(text + ": is not a readable image"));
    }

    private interface ThrowingRead {
        Object apply(Path p) throws IOException;
    }
}
