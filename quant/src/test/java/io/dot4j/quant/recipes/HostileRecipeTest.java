package io.dot4j.quant.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.train.CheckpointFormatException;
import io.dot4j.quant.network.QuantizedNetwork;
import io.dot4j.runtime.limits.LimitExceededException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recipes, sweeps and recipe checkpoints crafted to exhaust memory, hang or escape as a JDK exception. */
class HostileRecipeTest {
    static final String HUGE_CONV = """
            {"dataset": "mnist", "layers": [{"type": "conv", "out": 32768, "kernel": 255, "pad": 127},
              {"type": "sumpool"}, {"type": "dense", "out": 10}]}""";
    static final String SMALL = """
            {"dataset": "mnist", "layers": [{"type": "conv", "out": 4, "kernel": 3},
              {"type": "maxpool", "kernel": 2}, {"type": "flatten"}, {"type": "dense", "out": 10}], "epochs": 1}""";

    @Test
    void aRecipeWhoseNetworkIsTooLargeIsRefusedWhenParsed(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("huge.json"), HUGE_CONV);
        LimitExceededException e = assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> assertThrows(LimitExceededException.class, () -> RecipeParser.read(f)));
        assertEquals("huge.json: layers[0] (the largest part): the network needs 2,131,197,962 parameters, more than the limit"
                + " of 268,435,456 (raise it with -Ddot4j.limit.params=N)", e.getMessage());
    }

    @Test
    void aNulInAPathIsAnErrorAtItsKey() {
        RecipeException e = assertThrows(RecipeException.class, () -> RecipeParser.parse(
                SMALL.replace("\"epochs\": 1", "\"epochs\": 1, \"init\": \"a\\u0000b.ckpt\""), "r.json", null));
        assertTrue(e.getMessage().startsWith("r.json: init: not a usable file name: Nul character not allowed"), e.getMessage());
        e = assertThrows(RecipeException.class, () -> RecipeParser.parse(
                SMALL.replace("\"epochs\": 1", "\"epochs\": 1, \"distillation\": {\"teacher\": \"t\\u0000.ckpt\"}"), "r.json", null));
        assertTrue(e.getMessage().startsWith("r.json: distillation.teacher: not a usable file name"), e.getMessage());
        e = assertThrows(RecipeException.class, () -> SweepParser.parse(
                "{\"base\": \"b\\u0000.json\", \"grid\": {\"seed\": [1]}}", "s.json", null));
        assertTrue(e.getMessage().startsWith("s.json: base: not a usable file name"), e.getMessage());
    }

    @Test
    void invalidUtf8NamesTheFileLineAndKeyPath(@TempDir Path dir) throws Exception {
        byte[] bytes = SMALL.replace("\"conv\"", "\"c?nv\"").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '?') {
                bytes[i] = (byte) 0xff;
            }
        }
        Path f = Files.write(dir.resolve("bad.json"), bytes);
        RecipeException e = assertThrows(RecipeException.class, () -> RecipeParser.read(f));
        assertTrue(e.getMessage().startsWith("bad.json: line 1, column "), e.getMessage());
        assertTrue(e.getMessage().contains(", at layers[0].type: invalid JSON: Invalid UTF-8"), e.getMessage());
        Path s = Files.write(dir.resolve("sweep.json"), ("{\"base\": \"bad.json\", \"grid\": {\"seed\": [1]}}").getBytes());
        e = assertThrows(RecipeException.class, () -> SweepParser.read(s));
        assertTrue(e.getMessage().startsWith("bad.json: line 1"), e.getMessage());
    }

    @Test
    void aSweepBaseThatIsADeviceFifoOrFolderIsRefusedWithoutReading(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo.json");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        for (String base : new String[] {"/dev/zero", fifo.toString(), dir.toString()}) {
            Path s = Files.writeString(dir.resolve("sweep.json"), "{\"base\": \"" + base + "\", \"grid\": {\"seed\": [1]}}");
            RecipeException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                    () -> assertThrows(RecipeException.class, () -> SweepParser.read(s)));
            assertTrue(e.getMessage().startsWith("sweep.json: base: " + base + ": is "), e.getMessage());
        }
        assertThrows(java.io.IOException.class, () -> RecipeParser.read(fifo));
    }

    @Test
    void aSweepPointWhoseNetworkIsTooLargeIsRefused() {
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> SweepParser.parse("{\"base\": " + SMALL
                + ", \"grid\": {\"input\": [[1, 28, 28], [3, 4000, 4000]]}}", "s.json", null));
        assertTrue(e.getMessage().startsWith("s.json: point "), e.getMessage());
        assertTrue(e.getMessage().contains("(input=[3,4000,4000]): layers[0] (the largest part): the network needs 1,215,168,248 bytes of activations per image"),
                e.getMessage());
    }

    /** A recipe checkpoint of {@link #SMALL}, with its stored recipe replaced by {@code recipe} (the tensors stay). */
    static Path lying(Path dir, String recipe, String inputHeight) throws Exception {
        Recipe r = RecipeParser.parse(SMALL, "small.json", null);
        QuantizedNetwork net = QuantizedNetwork.build(r.network(), new Rng(1));
        Path f = dir.resolve("small.ckpt");
        RecipeCheckpoints.save(f, r, net, 10);
        var contents = io.dot4j.core.train.CheckpointFile.read(f);
        ObjectNode meta = contents.meta().deepCopy();
        meta.set("recipe", new ObjectMapper().readTree(recipe));
        ((ObjectNode) meta.get("input")).set("height", new ObjectMapper().readTree(inputHeight));
        Path out = dir.resolve("lying.ckpt");
        io.dot4j.core.train.CheckpointFile.write(out, meta, contents.tensors());
        return out;
    }

    @Test
    void recipeCheckpointsAreCheckedBeforeTheirNetworkIsBuilt(@TempDir Path dir) throws Exception {
        Path huge = lying(dir, HUGE_CONV, "28");
        LimitExceededException big = assertThrows(LimitExceededException.class, () -> RecipeCheckpoints.load(huge));
        assertTrue(big.getMessage().startsWith("lying.ckpt (recipe): layers[0] (the largest part): the network needs"),
                big.getMessage());
        Path edited = lying(dir, SMALL.replace("\"out\": 4", "\"out\": 5"), "28");
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> RecipeCheckpoints.load(edited));
        assertEquals(edited + ": at byte offset 16: tensor param/conv1.W has shape [4, 1, 3, 3] but the model declared in the"
                + " header needs [5, 1, 3, 3]", e.getMessage());
        Path fractional = lying(dir, SMALL, "300.75");
        RecipeException f = assertThrows(RecipeException.class, () -> RecipeCheckpoints.load(fractional));
        assertEquals(fractional + ": meta.input.height: expected a whole number 1..65535, actual 300.75", f.getMessage());
        Path honest = lying(dir, SMALL, "28");
        assertEquals(10, RecipeCheckpoints.load(honest).stages().size() > 0 ? 10 : 0);
    }
}
