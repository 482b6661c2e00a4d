package io.dot4j.runtime.format;

import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Layer;
import io.dot4j.runtime.ir.MaxPool;
import io.dot4j.runtime.ir.ThresholdActivation;
import io.dot4j.runtime.ir.Weights;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import io.dot4j.runtime.io.PartFiles;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.zip.CRC32;

/** Writes an {@link IntModel} as a {@code .dot4j} file, format version 4 (layout in docs/MODEL_FORMAT.md). */
public final class ModelWriter {
    private ModelWriter() {
    }

    /**
     * Writes the model atomically: to a temporary file in the same folder, flushed to disk, then renamed over
     * {@code path}. A crash leaves either the old file or the new one, never half of one.
     */
    public static void write(IntModel model, Path path) throws IOException {
        byte[] bytes = toBytes(model);
        Path abs = path.toAbsolutePath();
        Path tmp = PartFiles.create(abs); // also removes the part files of killed writers of this model
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            keepReadable(tmp, abs);
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Gives the model the permissions of the file it replaces, or
     * rw-r--r-- for a new one, as a plain write would (where the file system has POSIX permissions).
     */
    private static void keepReadable(Path tmp, Path target) throws IOException {
        if (!Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> perms = Files.exists(target) ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, perms);
    }

    /** The bytes of the {@code .dot4j} file for this model. Same model, same bytes. */
    public static byte[] toBytes(IntModel model) {
        return toBytes(model, FormatSpec.VERSION);
    }

    /**
     * The bytes in format {@code version} 4 or 3 (version 3 differs only in its threshold records; it is written only
     * so that tests can prove the reader still reads it).
     */
    static byte[] toBytes(IntModel model, int version) {
        if (version != FormatSpec.VERSION && version != FormatSpec.VERSION_3) {
            throw new IllegalArgumentException("format version " + version + ", expected 3 or 4");
        }
        ModelSize size = ModelSize.of(model, version);
        long total = size.total();
        if (total > FormatSpec.MAX_FILE_BYTES) {
            throw new IllegalArgumentException("model needs " + total + " bytes, more than the " + FormatSpec.MAX_FILE_BYTES
                    + " a .dot4j file may have");
        }
        long unpacked = unpackedWeightBytes(model);
        if (unpacked > FormatSpec.MAX_UNPACKED_WEIGHT_BYTES) {
            throw new IllegalArgumentException("model's 1- and 2-bit weights take " + unpacked + " bytes in memory, more than the "
                    + FormatSpec.MAX_UNPACKED_WEIGHT_BYTES + " a .dot4j reader allocates for them");
        }
        ByteBuffer b = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(FormatSpec.MAGIC);
        b.putShort((short) version);
        putVarint(b, model.input().channels());
        putVarint(b, model.input().height());
        putVarint(b, model.input().width());
        putVarint(b, model.numClasses());
        putVarint(b, model.layers().size());
        for (int i = 0; i < model.layers().size(); i++) {
            Layer l = model.layers().get(i);
            b.put((byte) kind(l));
            long body = ModelSize.fixedFields(l) + l.weightBytes() + size.layers().get(i).thresholdBytes();
            putVarint(b, body);
            int start = b.position();
            if (l instanceof Conv) {
                Conv c = (Conv) l;
                putVarint(b, c.outChannels());
                putVarint(b, c.inChannels());
                b.put((byte) c.kernelHeight()).put((byte) c.kernelWidth()).put((byte) c.stride()).put((byte) c.padding());
                b.put((byte) c.weightBits()).put((byte) c.inputBits());
                putWeights(b, c.weights());
            } else if (l instanceof Dense) {
                Dense d = (Dense) l;
                putVarint(b, d.outFeatures());
                putVarint(b, d.inFeatures());
                int biasWidth = d.biasWidth();
                b.put((byte) d.weightBits()).put((byte) d.inputBits()).put((byte) biasWidth);
                putWeights(b, d.weights());
                putInts(b, d.bias(), biasWidth);
            } else if (l instanceof ThresholdActivation) {
                ThresholdActivation t = (ThresholdActivation) l;
                int width = t.storageWidth();
                putVarint(b, t.channels());
                b.put((byte) t.bits()).put((byte) width);
                if (version == FormatSpec.VERSION_3) {
                    for (boolean neg : t.negative()) {
                        b.put((byte) (neg ? 1 : 0));
                    }
                } else {
                    putSignBitmap(b, t);
                }
                putInts(b, t.thresholds(), width);
            } else if (l instanceof MaxPool) {
                MaxPool m = (MaxPool) l;
                b.put((byte) m.kernel()).put((byte) m.stride());
            }
            if (b.position() - start != body) {
                throw new IllegalStateException(l.kind() + " body: wrote " + (b.position() - start) + " bytes but the layout says " + body);
            }
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        if (b.position() != total) {
            throw new IllegalStateException("wrote " + b.position() + " bytes but the layout says " + total);
        }
        return b.array();
    }

    /** Unsigned LEB128: 7 bits per byte, least significant group first, high bit set on every byte but the last. */
    static void putVarint(ByteBuffer b, long v) {
        while (v >= 0x80) {
            b.put((byte) (v & 0x7F | 0x80));
            v >>>= 7;
        }
        b.put((byte) v);
    }

    /** Version 4: bit c % 8 of byte c / 8 is channel c's sign (1 = negative); bits past the last channel are 0. */
    private static void putSignBitmap(ByteBuffer b, ThresholdActivation t) {
        byte[] signs = new byte[(t.channels() + 7) / 8];
        for (int c = 0; c < t.channels(); c++) {
            if (t.isNegative(c)) {
                signs[c >>> 3] |= (byte) (1 << (c & 7));
            }
        }
        b.put(signs);
    }

    /** Signed values at {@code width} bytes each (1, 2 or 4; the caller picked the narrowest that holds them). */
    private static void putInts(ByteBuffer b, int[] values, int width) {
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

    private static void putWeights(ByteBuffer b, Weights w) {
        if (w.bits() == 8) {
            b.put(w.int8Copy());
        } else {
            b.put(WeightBitStream.pack(w));
        }
    }

    /** Memory the reader allocates for packed weights: rows·bits·ceil(cols/64) longs per layer. */
    static long unpackedWeightBytes(IntModel model) {
        long sum = 0;
        for (Layer l : model.layers()) {
            Weights w = l instanceof Conv ? ((Conv) l).weights() : l instanceof Dense ? ((Dense) l).weights() : null;
            if (w != null && w.bits() != 8) {
                sum += 8L * w.rows() * w.bits() * w.wordsPerRow();
            }
        }
        return sum;
    }

    static int kind(Layer l) {
        switch (l.kind()) {
            case "Conv":
                return FormatSpec.KIND_CONV;
            case "Dense":
                return FormatSpec.KIND_DENSE;
            case "ThresholdActivation":
                return FormatSpec.KIND_THRESHOLD;
            case "MaxPool":
                return FormatSpec.KIND_MAXPOOL;
            case "GlobalSumPool":
                return FormatSpec.KIND_GLOBAL_SUM_POOL;
            case "Flatten":
                return FormatSpec.KIND_FLATTEN;
            default:
                throw new IllegalArgumentException("no file encoding for layer kind " + l.kind());
        }
    }
}
