package io.dot4j.codegen.c;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs built C on images: the host program natively, a firmware image under QEMU with semihosting. */
public final class CRun {
    private static final int TRAILER_MAGIC = 0x34443444;

    private CRun() {
    }

    /**
     * What one run gave: per image the scores and the returned class; on QEMU also the peak stack (bytes, measured
     * by painting) and the instructions executed by the inferences (QEMU TCG plugin count, not cycles).
     */
    public record Result(int[][] scores, int[] classes, long peakStack, long instructions, long inferences) {
        /** Mean instructions per inference (QEMU), 0 when not counted. */
        public long instructionsPerInference() {
            return inferences == 0 ? 0 : Math.round((double) instructions / inferences);
        }
    }

    /** Runs the host program {@code exe} on {@code images}; with {@code trace} also returns the trace file. */
    public static Result host(Path exe, byte[][] images, int classes, Path dir, Path trace) {
        Path in = writeImages(dir.resolve("images.bin"), images);
        Path out = dir.resolve("scores.bin");
        List<String> cmd = new ArrayList<>(List.of(exe.toAbsolutePath().toString(), in.toString(), out.toString()));
        if (trace != null) {
            cmd.add(trace.toString());
        }
        Tools.run(dir, cmd, 600);
        return readScores(out, images.length, classes, false);
    }

    /** Where the firmware of a QEMU run reads its images and writes its scores (paths compiled into it). */
    public static Path imagesFile(Path dir) {
        return dir.resolve("images.bin").toAbsolutePath();
    }

    public static Path scoresFile(Path dir) {
        return dir.resolve("scores.bin").toAbsolutePath();
    }

    /**
     * Runs {@code fw} under QEMU with {@code -icount shift=0} and the instruction-counting plugin (built once into
     * {@code dir}); the images go to {@link #imagesFile}.
     */
    public static Result qemu(CBuild.Firmware fw, byte[][] images, int classes, Path dir) {
        Target t = fw.target();
        writeImages(imagesFile(dir), images);
        Path plugin = InsnCountPlugin.build(dir);
        Path counts = dir.resolve("insn_count.txt");
        List<String> cmd = new ArrayList<>(List.of(t.qemu()));
        cmd.addAll(t.board());
        cmd.addAll(List.of("-display", "none", "-monitor", "none", "-serial", "none", "-icount", "shift=0",
                "-semihosting-config", "enable=on,target=native",
                "-plugin", plugin + ",begin=0x" + Long.toHexString(fw.beginMark()) + ",end=0x"
                        + Long.toHexString(fw.endMark()) + ",out=" + counts.toAbsolutePath(),
                "-kernel", fw.elf().toAbsolutePath().toString()));
        Tools.run(dir, cmd, 1800);
        Result r = readScores(scoresFile(dir), images.length, classes, true);
        long[] c = InsnCountPlugin.read(counts);
        return new Result(r.scores(), r.classes(), r.peakStack(), c[1], c[0]);
    }

    private static Path writeImages(Path file, byte[][] images) {
        try {
            Files.createDirectories(file.getParent());
            int size = images.length == 0 ? 0 : images[0].length;
            byte[] all = new byte[images.length * size];
            for (int i = 0; i < images.length; i++) {
                System.arraycopy(images[i], 0, all, i * size, size);
            }
            Files.write(file, all);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private static Result readScores(Path file, int images, int classes, boolean trailer) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ToolException("no scores from the C program: " + file + ": " + e.getMessage());
        }
        long expected = (long) images * (classes + 1) * 4 + (trailer ? 12 : 0);
        if (bytes.length != expected) {
            throw new ToolException(file + ": " + bytes.length + " bytes, expected " + expected + " (" + images
                    + " images of " + classes + " scores and a class" + (trailer ? ", and the trailer" : "") + ")");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int[][] scores = new int[images][classes];
        int[] cls = new int[images];
        for (int i = 0; i < images; i++) {
            for (int k = 0; k < classes; k++) {
                scores[i][k] = b.getInt();
            }
            cls[i] = b.getInt();
        }
        long stack = 0;
        if (trailer) {
            int magic = b.getInt(), n = b.getInt();
            if (magic != TRAILER_MAGIC || n != images) {
                throw new ToolException(file + ": bad trailer (magic " + Integer.toHexString(magic) + ", " + n
                        + " images, expected " + images + ")");
            }
            stack = Integer.toUnsignedLong(b.getInt());
        }
        return new Result(scores, cls, stack, 0, 0);
    }
}
