package io.dot4j.runtime.conformance;

import io.dot4j.runtime.RealImages;
import io.dot4j.runtime.format.FormatVersions;
import io.dot4j.runtime.format.ModelReader;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Shape;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Writes the conformance fixtures into runtime/src/test/resources/conformance (run once; the files are committed and
 * never regenerated silently: docs/CONFORMANCE.md says how and when). Expected outputs come from
 * {@link ReferenceInterpreter}; 28x28x1 fixtures use the first MNIST test images, the others seeded random pixels
 * with an all-0 and an all-255 image and a random one with 0s and 255s.
 *
 * <p>{@code mvn -o -pl runtime test-compile exec:java} is not set up; run it as
 * {@code java -cp runtime/target/classes:runtime/target/test-classes io.dot4j.runtime.conformance.GenerateConformanceFixtures [folder]}.
 */
public final class GenerateConformanceFixtures {
    private GenerateConformanceFixtures() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "runtime/src/test/resources/conformance");
        Files.createDirectories(dir);
        byte[][] digits = RealImages.mnistTest(3);
        StringBuilder index = new StringBuilder("# conformance fixtures, one name per line (see docs/CONFORMANCE.md)\n");
        index.append(write(dir, "v4-mnist-w1w2-a2a1-flatten", 4, ConformanceModels.mnist(digits), digits, "mnist-test-"));
        byte[][] rgb = random(new Shape(3, 9, 7), 11);
        index.append(write(dir, "v4-rgb-w8w1-a3a4-globalsum", 4, ConformanceModels.rgb(rgb), rgb, "random-11-"));
        byte[][] pix = random(new Shape(2, 6, 6), 12);
        index.append(write(dir, "v4-pixel-thresholds-overlapping-pool-dense", 4, ConformanceModels.pixelThresholds(pix), pix,
                "random-12-"));
        byte[][] small = random(new Shape(1, 8, 8), 13);
        index.append(write(dir, "v3-w2-a2-stride2", 3, ConformanceModels.small(small), small, "random-13-"));
        byte[][] global = random(new Shape(1, 10, 10), 14);
        index.append(write(dir, "v2-w1-a1a3-globalsum", 2, ConformanceModels.global(global), global, "random-14-"));
        Files.writeString(dir.resolve("index.txt"), index.toString(), StandardCharsets.US_ASCII);
    }

    /** Four images: all 0, all 255, random, random with a third of the pixels forced to 0 or 255. */
    static byte[][] random(Shape s, long seed) {
        Random r = new Random(seed);
        byte[][] out = new byte[4][s.elements()];
        Arrays.fill(out[1], (byte) 255);
        r.nextBytes(out[2]);
        r.nextBytes(out[3]);
        for (int i = 0; i < out[3].length; i++) {
            int pick = r.nextInt(6);
            if (pick < 2) {
                out[3][i] = pick == 0 ? 0 : (byte) 255;
            }
        }
        return out;
    }

    private static String write(Path dir, String name, int version, IntModel model, byte[][] images, String source)
            throws IOException {
        byte[] file = FormatVersions.toBytes(model, version);
        IntModel read = ModelReader.read(file, name);
        if (!read.equals(model)) {
            throw new IllegalStateException(name + ": the model read back differs");
        }
        Files.write(dir.resolve(name + ".dot4j"), file);
        ReferenceInterpreter ref = new ReferenceInterpreter(model);
        Shape s = model.input();
        StringBuilder sb = new StringBuilder(FixtureText.MAGIC).append('\n');
        sb.append("fixture ").append(name).append('\n');
        sb.append("model ").append(name).append(".dot4j ").append(file.length).append(' ')
                .append(FixtureText.hex(FixtureText.modelCrc(file))).append('\n');
        sb.append("format ").append(version).append('\n');
        sb.append("input ").append(s.channels()).append(' ').append(s.height()).append(' ').append(s.width()).append('\n');
        sb.append("layers ").append(model.layers().size()).append('\n');
        sb.append("cases ").append(images.length).append('\n');
        List<io.dot4j.runtime.ir.TensorType> types = model.outputTypes();
        for (int c = 0; c < images.length; c++) {
            sb.append("case ").append(c).append(' ').append(source).append(c).append('\n');
            int[] px = new int[images[c].length];
            for (int i = 0; i < px.length; i++) {
                px[i] = images[c][i] & 0xFF;
            }
            sb.append("pixels ").append(px.length).append('\n');
            FixtureText.values(sb, px, s.width() * s.channels());
            List<int[]> outs = ref.run(images[c]);
            for (int l = 0; l < outs.size(); l++) {
                Shape o = types.get(l).shape();
                sb.append("layer ").append(l).append(' ').append(model.layers().get(l).kind()).append(' ')
                        .append(outs.get(l).length).append('\n');
                FixtureText.values(sb, outs.get(l), o.width() * o.channels());
            }
        }
        sb.append("end\n");
        Files.writeString(dir.resolve(name + ".expected"), FixtureText.sealed(sb.toString()), StandardCharsets.US_ASCII);
        return name + "\n";
    }
}
