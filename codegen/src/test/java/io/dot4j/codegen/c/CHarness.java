package io.dot4j.codegen.c;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.TensorType;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds generated C for the tests and compares what it computes with the reference interpreter. */
final class CHarness {
    private CHarness() {
    }

    /** A missing tool fails under CI=true and skips elsewhere. */
    static void requireTool(String tool) {
        if (Tools.available(tool)) {
            return;
        }
        String msg = tool + " is not installed (Debian: " + Tools.packageOf(tool) + "; scripts/toolchains.sh)";
        if ("true".equals(System.getenv("CI"))) {
            fail(msg);
        }
        assumeTrue(false, msg);
    }

    /**
     * Host build with the trace on: every image's scores and class, and every level every layer produced (each
     * element exactly once), equal the reference interpreter's.
     */
    static void hostMatchesReference(IntModel model, byte[][] images, Path dir) throws IOException {
        ReferenceInterpreter ref = new ReferenceInterpreter(model);
        hostMatches(model, images, i -> ref.run(images[i]), dir);
    }

    /** As {@link #hostMatchesReference} against given outputs of every layer per image (a conformance fixture's). */
    static void hostMatches(IntModel model, byte[][] images, java.util.function.IntFunction<List<int[]>> expectedOutputs,
                            Path dir) throws IOException {
        requireTool("gcc");
        CModel c = CModel.generate(model, Target.HOST);
        Path exe = CBuild.host(c, dir, true, List.of("-O1"));
        Path trace = dir.resolve("trace.bin");
        CRun.Result r = CRun.host(exe, images, model.numClasses(), dir, trace);
        List<TensorType> types = model.outputTypes();
        ByteBuffer t = ByteBuffer.wrap(Files.readAllBytes(trace)).order(ByteOrder.nativeOrder());
        int image = -1;
        Map<Integer, int[]> seen = new HashMap<>();
        List<int[]> outputs = null;
        while (true) {
            boolean end = !t.hasRemaining();
            int layer = end ? -1 : t.getInt(), y = end ? 0 : t.getInt(), x = end ? 0 : t.getInt(),
                    ch = end ? 0 : t.getInt(), v = end ? 0 : t.getInt();
            if (layer < 0) {
                if (image >= 0) {
                    for (Map.Entry<Integer, int[]> e : seen.entrySet()) {
                        for (int i = 0; i < e.getValue().length; i++) {
                            assertEquals(1, e.getValue()[i], "image " + image + " layer " + e.getKey() + " element " + i
                                    + " reported " + e.getValue()[i] + " times");
                        }
                    }
                    int[] expected = outputs.get(outputs.size() - 1);
                    assertArrayEquals(expected, r.scores()[image], "scores of image " + image);
                    assertEquals(IntModel.argmax(expected), r.classes()[image], "class of image " + image);
                    assertEquals(model.layers().size() - 1, seen.keySet().stream().mapToInt(k -> k).max().orElse(-1),
                            "the scores are traced");
                }
                if (end) {
                    break;
                }
                image = y;
                outputs = expectedOutputs.apply(image);
                seen.clear();
                continue;
            }
            TensorType type = types.get(layer);
            int idx = type.shape().index(ch, y, x);
            int[] count = seen.computeIfAbsent(layer, k -> new int[type.shape().elements()]);
            count[idx]++;
            if (outputs.get(layer)[idx] != v) {
                fail("image " + image + " layer " + layer + " (" + model.layers().get(layer).kind() + ") at (c " + ch
                        + ", y " + y + ", x " + x + "): C " + v + ", reference " + outputs.get(layer)[idx]);
            }
        }
        assertEquals(images.length - 1, image, "every image traced");
    }
}
