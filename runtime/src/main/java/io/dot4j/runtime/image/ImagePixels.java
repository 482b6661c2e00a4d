package io.dot4j.runtime.image;

import java.awt.image.BufferedImage;

/**
 * Turns any {@link BufferedImage} into the uint8 channel-last pixels a model expects. One fixed policy, all
 * in integers so every platform gets the same bytes:
 * <ol>
 *   <li>Colour: each source pixel's sRGB value (as {@link BufferedImage#getRGB(int, int)} gives it; alpha is
 *       ignored). For a 1-channel model it becomes grey = round(0.299 R + 0.587 G + 0.114 B), computed as
 *       (299 R + 587 G + 114 B + 500) / 1000; for a 3-channel model R, G, B are kept as channels 0, 1, 2.
 *       Single-band grey images (e.g. a greyscale PNG, {@code TYPE_BYTE_GRAY}) are read as stored, without the
 *       gamma conversion {@code getRGB} would apply: the sample itself is the grey value (16-bit samples are scaled
 *       to 8 bits, rounded); a 3-channel model gets it in all three channels.</li>
 *   <li>Size: area averaging to the model's H x W. Output pixel (x, y) covers the source rectangle
 *       [x*srcW/W, (x+1)*srcW/W) x [y*srcH/H, (y+1)*srcH/H); its value is the mean of the source values weighted by
 *       their overlap with that rectangle, rounded half up. Works for shrinking and enlarging; an image already
 *       of size H x W is unchanged.</li>
 * </ol>
 * Models with other channel counts cannot take images.
 */
public final class ImagePixels {
    private ImagePixels() {
    }

    /** Pixels for a model input of {@code channels} (1 or 3) x {@code height} x {@code width}, channel-last. */
    public static byte[] toPixels(BufferedImage image, int channels, int height, int width) {
        if (image == null) {
            throw new IllegalArgumentException("image is required");
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images map to 1 (grey) or 3 (RGB) channels, the model has " + channels);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("target size " + width + "x" + height + " must be positive");
        }
        int sw = image.getWidth(), sh = image.getHeight();
        int[][] planes = new int[channels][sw * sh];
        java.awt.image.Raster raster = image.getRaster();
        boolean grey = raster.getNumBands() == 1
                && image.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY;
        int sampleBits = raster.getSampleModel().getSampleSize(0);
        long sampleMax = (1L << sampleBits) - 1;
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                if (grey) {
                    long s = raster.getSample(x, y, 0) & 0xFFFFFFFFL;
                    int v = (int) ((s * 255 + sampleMax / 2) / sampleMax);
                    for (int c = 0; c < channels; c++) {
                        planes[c][y * sw + x] = v;
                    }
                    continue;
                }
                int rgb = image.getRGB(x, y);
                int r = rgb >>> 16 & 0xFF, g = rgb >>> 8 & 0xFF, b = rgb & 0xFF;
                if (channels == 1) {
                    planes[0][y * sw + x] = grey(r, g, b);
                } else {
                    planes[0][y * sw + x] = r;
                    planes[1][y * sw + x] = g;
                    planes[2][y * sw + x] = b;
                }
            }
        }
        byte[] out = new byte[channels * height * width];
        for (int c = 0; c < channels; c++) {
            int[] plane = areaAverage(planes[c], sw, sh, width, height);
            for (int i = 0; i < plane.length; i++) {
                out[i * channels + c] = (byte) plane[i];
            }
        }
        return out;
    }

    /** round(0.299 R + 0.587 G + 0.114 B), in integers. */
    public static int grey(int r, int g, int b) {
        return (299 * r + 587 * g + 114 * b + 500) / 1000;
    }

    /**
     * Area-averaged resize of a row-major plane of values 0..255. In units of 1/(dw*dh) of a source pixel's
     * area every overlap is an integer, so the weighted mean is exact before the final rounding.
     */
    public static int[] areaAverage(int[] src, int sw, int sh, int dw, int dh) {
        int[] out = new int[dw * dh];
        long total = (long) sw * sh; // area of one output pixel in those units
        for (int oy = 0; oy < dh; oy++) {
            long y0 = (long) oy * sh, y1 = y0 + sh; // in units of 1/dh source rows
            for (int ox = 0; ox < dw; ox++) {
                long x0 = (long) ox * sw, x1 = x0 + sw; // in units of 1/dw source columns
                long sum = 0;
                for (int sy = (int) (y0 / dh); sy < sh && (long) sy * dh < y1; sy++) {
                    long oyl = Math.min(y1, (long) (sy + 1) * dh) - Math.max(y0, (long) sy * dh);
                    for (int sx = (int) (x0 / dw); sx < sw && (long) sx * dw < x1; sx++) {
                        long oxl = Math.min(x1, (long) (sx + 1) * dw) - Math.max(x0, (long) sx * dw);
                        sum += src[sy * sw + sx] * oxl * oyl;
                    }
                }
                out[oy * dw + ox] = (int) ((2 * sum + total) / (2 * total)); // round half up
            }
        }
        return out;
    }
}
