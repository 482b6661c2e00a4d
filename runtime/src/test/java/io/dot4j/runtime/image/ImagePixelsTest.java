package io.dot4j.runtime.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImagePixelsTest {

    @Test
    void greyIsTheRoundedLumaFormula() {
        Random r = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            int red = r.nextInt(256), g = r.nextInt(256), b = r.nextInt(256);
            int exact = new BigDecimal("0.299").multiply(BigDecimal.valueOf(red))
                    .add(new BigDecimal("0.587").multiply(BigDecimal.valueOf(g)))
                    .add(new BigDecimal("0.114").multiply(BigDecimal.valueOf(b)))
                    .setScale(0, RoundingMode.HALF_UP).intValueExact();
            assertEquals(exact, ImagePixels.grey(red, g, b));
        }
    }

    @Test
    void areaAverageIsTheOverlapWeightedMean() {
        Random r = new Random(6);
        for (int trial = 0; trial < 200; trial++) {
            int sw = 1 + r.nextInt(40), sh = 1 + r.nextInt(40), dw = 1 + r.nextInt(30), dh = 1 + r.nextInt(30);
            int[] src = new int[sw * sh];
            for (int i = 0; i < src.length; i++) {
                src[i] = r.nextInt(256);
            }
            int[] out = ImagePixels.areaAverage(src, sw, sh, dw, dh);
            for (int oy = 0; oy < dh; oy++) {
                for (int ox = 0; ox < dw; ox++) {
                    // the same rectangle in source pixel units, measured in doubles
                    double x0 = (double) ox * sw / dw, x1 = (double) (ox + 1) * sw / dw;
                    double y0 = (double) oy * sh / dh, y1 = (double) (oy + 1) * sh / dh;
                    double sum = 0, area = 0;
                    for (int sy = 0; sy < sh; sy++) {
                        double oyl = Math.max(0, Math.min(y1, sy + 1) - Math.max(y0, sy));
                        for (int sx = 0; sx < sw; sx++) {
                            double oxl = Math.max(0, Math.min(x1, sx + 1) - Math.max(x0, sx));
                            sum += src[sy * sw + sx] * oxl * oyl;
                            area += oxl * oyl;
                        }
                    }
                    double mean = sum / area;
                    assertTrue(Math.abs(out[oy * dw + ox] - mean) <= 0.5 + 1e-9,
                            sw + "x" + sh + " -> " + dw + "x" + dh + " at " + ox + "," + oy + ": " + out[oy * dw + ox] + " vs " + mean);
                }
            }
        }
    }

    @Test
    void sameSizeIsIdentityAndHalvingAveragesBlocks() {
        Random r = new Random(7);
        int[] src = new int[8 * 6];
        for (int i = 0; i < src.length; i++) {
            src[i] = r.nextInt(256);
        }
        assertArrayEquals(src, ImagePixels.areaAverage(src, 8, 6, 8, 6));
        int[] half = ImagePixels.areaAverage(src, 8, 6, 4, 3);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                int s = src[2 * y * 8 + 2 * x] + src[2 * y * 8 + 2 * x + 1] + src[(2 * y + 1) * 8 + 2 * x] + src[(2 * y + 1) * 8 + 2 * x + 1];
                assertEquals((s + 2) / 4, half[y * 4 + x]); // round half up
            }
        }
    }

    @Test
    void colourAndGreyImagesBecomePixels() {
        BufferedImage rgb = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(8);
        int[] colours = new int[6];
        for (int i = 0; i < 6; i++) {
            colours[i] = r.nextInt(1 << 24);
            rgb.setRGB(i % 3, i / 3, colours[i]);
        }
        byte[] grey = ImagePixels.toPixels(rgb, 1, 2, 3);
        byte[] three = ImagePixels.toPixels(rgb, 3, 2, 3);
        for (int i = 0; i < 6; i++) {
            int red = colours[i] >> 16 & 255, g = colours[i] >> 8 & 255, b = colours[i] & 255;
            assertEquals(ImagePixels.grey(red, g, b), grey[i] & 255);
            assertEquals(red, three[3 * i] & 255);
            assertEquals(g, three[3 * i + 1] & 255);
            assertEquals(b, three[3 * i + 2] & 255);
        }
        BufferedImage gray = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        int[] values = {0, 37, 128, 255};
        for (int i = 0; i < 4; i++) {
            gray.getRaster().setSample(i % 2, i / 2, 0, values[i]);
        }
        byte[] px = ImagePixels.toPixels(gray, 1, 2, 2);
        for (int i = 0; i < 4; i++) {
            assertEquals(values[i], px[i] & 255, "grey samples are taken as stored, without gamma conversion");
        }
        assertThrows(IllegalArgumentException.class, () -> ImagePixels.toPixels(gray, 2, 2, 2));
    }
}
