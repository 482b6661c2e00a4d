package io.dot4j.fuzz;

import io.dot4j.quant.recipes.RecipeCheckpoints;
import io.dot4j.core.data.CsvReader;
import io.dot4j.core.data.IdxReader;
import io.dot4j.core.data.ImageFolderReader;
import io.dot4j.core.train.Checkpoint;
import io.dot4j.core.tensor.Rng;
import io.dot4j.quant.lowering.Lowering;
import io.dot4j.quant.network.QuantizedNetwork;
import io.dot4j.quant.recipes.Recipe;
import io.dot4j.quant.recipes.RecipeParser;
import io.dot4j.quant.recipes.SweepParser;
import io.dot4j.runtime.Dot4jModel;
import io.dot4j.runtime.format.ModelReader;
import io.dot4j.runtime.image.ImagePixels;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.limits.LimitExceededException;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * One harness per reader of untrusted input, shared by the Jazzer fuzz tests and the mutation fuzzer: feed the bytes to
 * the reader as the commands do, return on a clean acceptance or a clean rejection ({@link Clean}), throw on anything
 * else. What a reader accepts is used further, as a command would (a model is run and compared with the reference
 * interpreter, a checkpoint is rebuilt and lowered, a recipe's network is built), so the limits are exercised too.
 */
final class Readers {
    /** Files are written under a folder per thread (the mutation fuzzer and Jazzer run one input at a time per thread). */
    private static final ThreadLocal<Path> DIR = ThreadLocal.withInitial(() -> {
        try {
            Path d = Files.createTempDirectory("dot4j-fuzz");
            d.toFile().deleteOnExit();
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    });

    private Readers() {
    }

    static void model(byte[] bytes) {
        IntModel m;
        try {
            m = ModelReader.read(bytes, "fuzz.dot4j");
        } catch (IOException | RuntimeException e) {
            Clean.rejection(e, "fuzz.dot4j");
            return;
        }
        byte[] pixels = new byte[m.input().elements()];
        Arrays.fill(pixels, (byte) 200);
        try (Dot4jModel d = Dot4jModel.of(m)) {
            int[] fast = d.predict(pixels).scores();
            int[] slow = new ReferenceInterpreter(m).scores(pixels);
            if (!Arrays.equals(fast, slow)) {
                throw new AssertionError("engine " + Arrays.toString(fast) + " != reference " + Arrays.toString(slow));
            }
        } catch (LimitExceededException e) {
            Clean.rejection(e, "model"); // too large to run under the fuzz JVM's limits: refused before allocating
        }
    }

    static void checkpoint(byte[] bytes) {
        Path f = write("fuzz.ckpt", bytes);
        Checkpoint ck;
        try {
            ck = Checkpoint.read(f);
        } catch (IOException | RuntimeException e) {
            Clean.rejection(e, f.toString());
            return;
        }
        QuantizedNetwork net = null;
        try {
            if (ck.meta().has("recipe")) {
                net = RecipeCheckpoints.load(f); // as export does
            } else {
                ck.normalization();
                ck.zooModel(); // as eval does
            }
        } catch (IOException | RuntimeException e) {
            Clean.rejection(e, f.toString(), "fuzz.ckpt (recipe)");
            return;
        }
        if (net != null) {
            try {
                Lowering.lower(net);
            } catch (IllegalArgumentException e) {
                Clean.rejection(new IllegalArgumentException(f + ": " + e.getMessage()), f.toString()); // export prefixes the file
            }
        }
    }

    static void idx(byte[] bytes) {
        Path f = write("fuzz.idx", bytes);
        try {
            if (bytes.length > 3 && bytes[3] == 1) {
                IdxReader.readLabels(f, 10);
            } else {
                IdxReader.readImages(f);
            }
        } catch (IOException | RuntimeException e) {
            Clean.rejection(e, f.toString());
        }
    }

    static void csv(byte[] bytes) {
        Path f = write("fuzz.csv", bytes);
        try {
            new CsvReader().read(f);
        } catch (IOException | RuntimeException e) {
            Clean.rejection(e, f.toString());
        }
    }

    static void recipe(byte[] bytes) {
        Path f = write("fuzz.json", bytes);
        Recipe r;
        try {
            r = RecipeParser.read(f);
        } catch (IOException | RuntimeException e) {
            Clean.rejection(e, "fuzz.json", f.toString());
            return;
        }
        if (r.network() != null) {
            QuantizedNetwork.build(r.network(), new Rng(1)); // within the limits, so it must fit the fuzz JVM's heap
        }
    }

    static void sweep(byte[] bytes) {
        Path f = write("fuzz-sweep.json", bytes);
        try {
            SweepParser.read(f);
        } catch (IOException | RuntimeException e) {
            // a base file's own parse errors name that file
            Clean.rejection(e, "fuzz-sweep.json", f.toString(), baseName(e));
        }
    }

    private static String baseName(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int colon = m.indexOf(": ");
        return colon > 0 && m.substring(0, colon).endsWith(".json") ? m.substring(0, colon) : "fuzz-sweep.json";
    }

    /** An image folder of two classes, the mutated image in the first (read-only use of the data helper's reader). */
    static void imageFolder(byte[] bytes) {
        Path root = DIR.get().resolve("images");
        try {
            Files.createDirectories(root.resolve("a"));
            Files.createDirectories(root.resolve("b"));
            Files.write(root.resolve("a").resolve("x.png"), bytes);
            Files.write(root.resolve("b").resolve("y.png"), Seeds.tinyPng());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            new ImageFolderReader(1, 28, 28).read(root);
        } catch (IOException | RuntimeException e) {
            Clean.rejection(e, root.toString());
        }
    }

    /** The decode path of predict: ImageIO, then the runtime's pixel policy. */
    static void png(byte[] bytes) {
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            return; // ImageIO's own rejection; predict names the file around it
        }
        if (img != null) {
            ImagePixels.toPixels(img, 1, 28, 28);
        }
    }

    private static Path write(String name, byte[] bytes) {
        Path f = DIR.get().resolve(name);
        try {
            Files.write(f, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }
}
