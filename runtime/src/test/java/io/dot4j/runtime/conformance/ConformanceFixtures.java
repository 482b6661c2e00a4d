package io.dot4j.runtime.conformance;

import io.dot4j.runtime.format.ModelFormatException;
import io.dot4j.runtime.format.ModelReader;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Shape;
import io.dot4j.runtime.ir.TensorType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The frozen conformance fixtures (runtime/src/test/resources/conformance, layout in docs/CONFORMANCE.md): per
 * fixture a {@code .dot4j} file of some format version, fixed input images and the integer output of every layer.
 * Every back end must reproduce them bit for bit. Published in the runtime test-jar, so other modules' tests load
 * them from the class path the same way: {@code ConformanceFixtures.all()}.
 */
public final class ConformanceFixtures {
    /** Class-path folder of the fixtures. */
    public static final String FOLDER = "/conformance/";

    private ConformanceFixtures() {
    }

    /**
     * One input image and what every layer outputs for it.
     *
     * @param source       where the image comes from ("mnist-test-0": MNIST test image 0; "random-..." seeded)
     * @param pixels       C*H*W pixels, channel-last
     * @param layerOutputs the output of layer i, channel-last, as {@code ReferenceInterpreter.run} returns it
     */
    public record Case(String source, byte[] pixels, List<int[]> layerOutputs) {
        public Case {
            pixels = pixels.clone();
            layerOutputs = List.copyOf(layerOutputs);
        }

        @Override
        public byte[] pixels() {
            return pixels.clone();
        }

        /** The class scores: the last layer's output. */
        public int[] scores() {
            return layerOutputs.get(layerOutputs.size() - 1).clone();
        }
    }

    /**
     * @param name          the fixture's name (its files are NAME.dot4j and NAME.expected)
     * @param formatVersion the version in the file's header
     * @param fileBytes     the .dot4j file, exactly as committed
     * @param model         the model read from it
     * @param cases         the images and their expected outputs
     */
    public record Fixture(String name, int formatVersion, byte[] fileBytes, IntModel model, List<Case> cases) {
        public Fixture {
            fileBytes = fileBytes.clone();
            cases = List.copyOf(cases);
        }

        @Override
        public byte[] fileBytes() {
            return fileBytes.clone();
        }

        /** The images of every case, in order. */
        public byte[][] images() {
            byte[][] out = new byte[cases.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = cases.get(i).pixels();
            }
            return out;
        }

        @Override
        public String toString() {
            return name + " (format v" + formatVersion + ", " + fileBytes.length + " bytes, " + cases.size() + " images)";
        }
    }

    /** The names of every fixture, in the order of the folder's index.txt. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (String line : new String(resource("index.txt"), StandardCharsets.US_ASCII).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.strip());
            }
        }
        return names;
    }

    /** Every fixture, loaded and checked (file CRCs, counts and shapes against the model). */
    public static List<Fixture> all() {
        List<Fixture> out = new ArrayList<>();
        for (String name : names()) {
            out.add(load(name));
        }
        return out;
    }

    /** The fixture {@code name}; a changed or truncated file fails with a message naming it. */
    public static Fixture load(String name) {
        byte[] file = resource(name + ".dot4j");
        return parse(name, file, resource(name + ".expected"));
    }

    /** Parses a fixture from its two files' bytes (also used by the tests that change a byte). */
    static Fixture parse(String name, byte[] file, byte[] expected) {
        IntModel model;
        try {
            model = ModelReader.read(file, name + ".dot4j");
        } catch (ModelFormatException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        FixtureText.Reader r = new FixtureText.Reader(name + ".expected", expected);
        if (!r.next().equals(FixtureText.MAGIC)) {
            throw r.error("expected '" + FixtureText.MAGIC + "'");
        }
        r.expect("fixture", 1);
        String[] m = r.expect("model", 3);
        if (!m[1].equals(name + ".dot4j") || Long.parseLong(m[2]) != file.length
                || !m[3].equals(FixtureText.hex(FixtureText.modelCrc(file)))) {
            throw r.error("describes " + m[1] + " of " + m[2] + " bytes, crc32 " + m[3] + ", but " + name + ".dot4j has "
                    + file.length + " bytes, crc32 " + FixtureText.hex(FixtureText.modelCrc(file)));
        }
        int version = Integer.parseInt(r.expect("format", 1)[1]);
        if (version != (file[8] & 0xFF | (file[9] & 0xFF) << 8)) {
            throw r.error("format " + version + " differs from the file's header");
        }
        String[] in = r.expect("input", 3);
        Shape s = model.input();
        if (Integer.parseInt(in[1]) != s.channels() || Integer.parseInt(in[2]) != s.height()
                || Integer.parseInt(in[3]) != s.width()) {
            throw r.error("input shape differs from the model's " + s);
        }
        int layers = Integer.parseInt(r.expect("layers", 1)[1]);
        if (layers != model.layers().size()) {
            throw r.error(layers + " layers, the model has " + model.layers().size());
        }
        List<TensorType> types = model.outputTypes();
        int count = Integer.parseInt(r.expect("cases", 1)[1]);
        List<Case> cases = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            String[] head = r.expect("case", 2);
            if (Integer.parseInt(head[1]) != c) {
                throw r.error("expected case " + c);
            }
            int n = Integer.parseInt(r.expect("pixels", 1)[1]);
            if (n != s.elements()) {
                throw r.error(n + " pixels, the input has " + s.elements());
            }
            int[] px = r.values(n, s.width() * s.channels());
            byte[] pixels = new byte[n];
            for (int i = 0; i < n; i++) {
                if (px[i] < 0 || px[i] > 255) {
                    throw r.error("pixel " + px[i] + " outside 0..255");
                }
                pixels[i] = (byte) px[i];
            }
            List<int[]> outs = new ArrayList<>();
            for (int l = 0; l < layers; l++) {
                String[] lh = r.expect("layer", 3);
                Shape o = types.get(l).shape();
                if (Integer.parseInt(lh[1]) != l || !lh[2].equals(model.layers().get(l).kind())
                        || Integer.parseInt(lh[3]) != o.elements()) {
                    throw r.error("expected layer " + l + " " + model.layers().get(l).kind() + " " + o.elements());
                }
                outs.add(r.values(o.elements(), o.width() * o.channels()));
            }
            cases.add(new Case(head[2], pixels, outs));
        }
        r.end();
        return new Fixture(name, version, file, model, cases);
    }

    private static byte[] resource(String file) {
        try (InputStream in = ConformanceFixtures.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("conformance fixture file " + FOLDER + file + " not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(FOLDER + file, e);
        }
    }
}
