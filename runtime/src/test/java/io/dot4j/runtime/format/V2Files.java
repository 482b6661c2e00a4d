package io.dot4j.runtime.format;

import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Layer;
import io.dot4j.runtime.ir.MaxPool;
import io.dot4j.runtime.ir.ThresholdActivation;
import io.dot4j.runtime.ir.Weights;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * Builds format-version-2 files (fixed-width fields, reserved bytes, weight rows padded to 64-bit words), which the
 * writer no longer produces, so the tests can check that the reader still accepts them. Written from the version 2
 * table in docs/MODEL_FORMAT.md, independently of the production code.
 */
final class V2Files {
    private V2Files() {
    }

    static byte[] toBytes(IntModel model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer head = le(24);
        head.put(FormatSpec.MAGIC).putShort((short) 2).putShort((short) 0);
        head.putShort((short) model.input().channels()).putShort((short) model.input().height())
                .putShort((short) model.input().width()).putShort((short) model.numClasses());
        head.putInt(model.layers().size());
        out.writeBytes(head.array());
        for (Layer l : model.layers()) {
            byte[] body = body(l);
            ByteBuffer rec = le(5);
            rec.put((byte) ModelWriter.kind(l)).putInt(body.length);
            out.writeBytes(rec.array());
            out.writeBytes(body);
        }
        byte[] noCrc = out.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(noCrc);
        ByteBuffer file = le(noCrc.length + 4);
        file.put(noCrc).putInt((int) crc.getValue());
        return file.array();
    }

    private static byte[] body(Layer l) {
        ByteBuffer b = le(1 << 20);
        if (l instanceof Conv c) {
            b.putShort((short) c.outChannels()).putShort((short) c.inChannels());
            b.put((byte) c.kernelHeight()).put((byte) c.kernelWidth()).put((byte) c.stride()).put((byte) c.padding());
            b.put((byte) c.weightBits()).put((byte) c.inputBits()).putShort((short) 0);
            weights(b, c.weights());
        } else if (l instanceof Dense d) {
            b.putInt(d.outFeatures()).putInt(d.inFeatures());
            b.put((byte) d.weightBits()).put((byte) d.inputBits()).put((byte) d.biasWidth()).put((byte) 0);
            weights(b, d.weights());
            ints(b, d.bias(), d.biasWidth());
        } else if (l instanceof ThresholdActivation t) {
            b.putInt(t.channels()).put((byte) t.bits()).put((byte) t.storageWidth()).putShort((short) 0);
            for (boolean neg : t.negative()) {
                b.put((byte) (neg ? 1 : 0));
            }
            ints(b, t.thresholds(), t.storageWidth());
        } else if (l instanceof MaxPool m) {
            b.put((byte) m.kernel()).put((byte) m.stride());
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    private static void weights(ByteBuffer b, Weights w) {
        if (w.bits() == 8) {
            b.put(w.int8Copy());
            return;
        }
        // each plane of each row as whole u64 words: column j is bit j % 64 of word j / 64
        for (int r = 0; r < w.rows(); r++) {
            for (int plane = 0; plane < w.bits(); plane++) {
                long[] words = new long[Weights.wordsFor(w.cols())];
                for (int j = 0; j < w.cols(); j++) {
                    int v = w.get(r, j);
                    boolean one = w.bits() == 1 ? v > 0 : plane == 0 ? v > 0 : (v == -1 || v == 3);
                    if (one) {
                        words[j >>> 6] |= 1L << j;
                    }
                }
                for (long word : words) {
                    b.putLong(word);
                }
            }
        }
    }

    private static void ints(ByteBuffer b, int[] values, int width) {
        for (int v : values) {
            if (width == 1) {
                b.put((byte) v);
            } else if (width == 2) {
                b.putShort((short) v);
            } else {
                b.putInt(v);
            }
        }
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
