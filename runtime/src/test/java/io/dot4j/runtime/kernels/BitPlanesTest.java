package io.dot4j.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BitPlanesTest {

    @Test
    void bitSerialIdentityEqualsThePlainDotProduct() {
        Random r = new Random(11);
        for (int trial = 0; trial < 2_000; trial++) {
            int n = 1 + r.nextInt(300), bits = 1 + r.nextInt(8), words = (n + 63) / 64;
            int[] w = new int[n], x = new int[n];
            long[] wb = new long[words];
            long[] xb = new long[bits * words];
            for (int i = 0; i < n; i++) {
                w[i] = r.nextBoolean() ? 1 : -1;
                x[i] = r.nextInt(1 << bits);
                if (w[i] > 0) {
                    wb[i / 64] |= 1L << i;
                }
                for (int b = 0; b < bits; b++) {
                    if ((x[i] >> b & 1) != 0) {
                        xb[b * words + i / 64] |= 1L << i;
                    }
                }
            }
            long plain = 0;
            for (int i = 0; i < n; i++) {
                plain += (long) w[i] * x[i];
            }
            long serial = 0;
            for (int b = 0; b < bits; b++) {
                int popX = BitPlanes.popcount(xb, b * words, words);
                serial += (long) BitPlanes.binaryDot(wb, 0, xb, b * words, words, popX) << b;
            }
            assertEquals(plain, serial, "n=" + n + " bits=" + bits);
        }
    }

    @Test
    void copyBitsMovesRunsBetweenAnyOffsets() {
        Random r = new Random(12);
        for (int trial = 0; trial < 5_000; trial++) {
            int n = r.nextInt(300), srcBit = r.nextInt(130), dstBit = r.nextInt(130);
            long[] src = new long[(srcBit + n + 63) / 64 + 1];
            for (int i = 0; i < src.length; i++) {
                src[i] = r.nextLong();
            }
            long[] dst = new long[(dstBit + n + 63) / 64 + 2];
            long[] before = new long[dst.length];
            for (int i = 0; i < dst.length; i++) {
                dst[i] = r.nextInt(3) == 0 ? r.nextLong() : 0;
                before[i] = dst[i];
            }
            BitPlanes.copyBits(dst, 1, dstBit, src, 1, srcBit, n);
            for (int i = 0; i < (dst.length - 1) * 64; i++) {
                boolean old = (before[1 + i / 64] >>> i & 1) != 0;
                int k = i - dstBit;
                boolean copied = k >= 0 && k < n && ((src[1 + (srcBit + k) / 64] >>> (srcBit + k)) & 1) != 0;
                assertEquals(old || copied, (dst[1 + i / 64] >>> i & 1) != 0, "n=" + n + " src@" + srcBit + " dst@" + dstBit + " bit " + i);
            }
            assertEquals(before[0], dst[0], "nothing is written before the destination offset");
        }
    }

    @Test
    void binarySearchThresholdsAgreeWithTheDefinition() {
        Random r = new Random(13);
        int[] special = {Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -1, 0, 1, Integer.MAX_VALUE - 1, Integer.MAX_VALUE};
        for (int trial = 0; trial < 500; trial++) {
            int bits = 1 + r.nextInt(8), n = (1 << bits) - 1;
            int[] t = new int[n];
            for (int i = 0; i < n; i++) {
                t[i] = r.nextInt(4) == 0 ? special[r.nextInt(special.length)] : r.nextInt(41) - 20;
            }
            java.util.Arrays.sort(t);
            boolean neg = r.nextBoolean();
            io.dot4j.runtime.ir.ThresholdActivation def = new io.dot4j.runtime.ir.ThresholdActivation(1, bits, t, new boolean[] {neg});
            ThresholdStep step = new ThresholdStep(1, n, t, new boolean[] {neg});
            for (int v = -25; v <= 25; v++) {
                assertEquals(def.level(0, v), step.level(0, v));
            }
            for (int v : special) {
                assertEquals(def.level(0, v), step.level(0, v));
            }
        }
    }

    @Test
    void bothThresholdPathsAgreeWithTheDefinitionOnWholeTensors() {
        Random r = new Random(14);
        for (int trial = 0; trial < 300; trial++) {
            int channels = 1 + r.nextInt(40), bits = 1 + r.nextInt(8), n = (1 << bits) - 1;
            int[] t = new int[channels * n];
            boolean[] neg = new boolean[channels];
            for (int c = 0; c < channels; c++) {
                neg[c] = r.nextBoolean();
                for (int i = 0; i < n; i++) {
                    t[c * n + i] = r.nextInt(8) == 0 ? (r.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE) : r.nextInt(101) - 50;
                }
                java.util.Arrays.sort(t, c * n, c * n + n);
            }
            io.dot4j.runtime.ir.ThresholdActivation def = new io.dot4j.runtime.ir.ThresholdActivation(channels, bits, t, neg);
            ThresholdStep step = new ThresholdStep(channels, n, t, neg);
            int[] in = new int[channels * (1 + r.nextInt(5))];
            for (int i = 0; i < in.length; i++) {
                in[i] = r.nextInt(10) == 0 ? (r.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE) : r.nextInt(121) - 60;
            }
            int[] out = step.apply(in, step.newScratch());
            for (int i = 0; i < in.length; i++) {
                assertEquals(def.level(i % channels, in[i]), out[i], "element " + i + " with " + bits + "-bit levels");
            }
        }
    }
}
