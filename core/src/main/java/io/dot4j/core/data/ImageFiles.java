package io.dot4j.core.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * Opens one image file with every check a user's file needs, so that a damaged or hostile file is refused with one
 * line naming it instead of being half decoded: a 0-byte file, content no decoder recognises, a header declaring more
 * than {@value #MAX_PIXELS} pixels (read from the header with {@link ImageReader#getWidth}/{@code getHeight} before
 * any pixel is decoded; the product is computed in {@code long}), a PNG that does not end with its IEND chunk (cut
 * short), and an image that decodes only with warnings (a JPEG cut short decodes with grey filler).
 */
public final class ImageFiles {

    /** Largest image (width x height) decoded, so a hostile header cannot exhaust memory. */
    public static final long MAX_PIXELS = 1L << 25;

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** The last 12 bytes of every complete PNG: length 0, type "IEND", its CRC. */
    private static final byte[] PNG_END = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    /** What the header says: size in pixels and whether the pixels are stored grey (no colour to convert). */
    public record Header(int width, int height, boolean grey) {
    }

    private ImageFiles() {
    }

    /** Reads the header only (size and colour), after the size and PNG-end checks; decodes no pixels. */
    public static Header header(Path file) throws IOException {
        return open(file, false).header();
    }

    /** Decodes the image after every check above. */
    public static BufferedImage decode(Path file) throws IOException {
        return open(file, true).image();
    }

    private record Opened(Header header, BufferedImage image) {
    }

    private static Opened open(Path file, boolean decode) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such image file");
        }
        if (Files.size(file) == 0) {
            throw new DataFormatException(file, "", "is an empty (0-byte) image file");
        }
        checkPngEnd(file);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new DataFormatException(file, "", "is not a readable image (no PNG or JPEG decoder recognises its"
                        + " content)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w < 1 || h < 1) {
                    throw new DataFormatException(file, "", "is an empty image (" + w + "x" + h + " pixels)");
                }
                if (w * h > MAX_PIXELS) {
                    throw new DataFormatException(file, "", String.format(Locale.ROOT, "declares %dx%d = %,d pixels, more"
                            + " than the limit of %,d; refused before decoding", w, h, w * h, MAX_PIXELS));
                }
                if (!decode) {
                    return new Opened(new Header((int) w, (int) h, isGrey(reader.getRawImageType(0))), null);
                }
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new DataFormatException(file, "", "is a damaged image: " + warnings.getFirst());
                }
                return new Opened(new Header((int) w, (int) h, isGrey(image.getColorModel())), image);
            } finally {
                reader.dispose();
            }
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DataFormatException(file, "", "is not a readable image (damaged or truncated): "
                    + e.getMessage(), e);
        }
    }

    /** A file starting with the PNG signature must end with the IEND chunk: ImageIO stops before it and would not notice. */
    private static void checkPngEnd(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            byte[] head = new byte[PNG_MAGIC.length];
            if (length < head.length) {
                return;
            }
            f.readFully(head);
            if (!Arrays.equals(head, PNG_MAGIC)) {
                return;
            }
            byte[] tail = new byte[PNG_END.length];
            if (length >= head.length + tail.length) {
                f.seek(length - tail.length);
                f.readFully(tail);
            }
            if (!Arrays.equals(tail, PNG_END)) {
                throw new DataFormatException(file, "byte offset " + Math.max(0, length - tail.length), "is a truncated"
                        + " PNG: it does not end with the IEND chunk (" + length + " bytes; cut short or with bytes after"
                        + " its end)");
            }
        }
    }

    private static boolean isGrey(ImageTypeSpecifier type) {
        return type != null && isGrey(type.getColorModel());
    }

    /** Grey samples (not a palette, even a grey one: that is decoded as colour). */
    static boolean isGrey(ColorModel cm) {
        return cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(cm instanceof IndexColorModel);
    }
}
