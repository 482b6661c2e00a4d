package io.dot4j.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dot4j.core.nn.Module;
import io.dot4j.core.optim.OptimizerState;
import io.dot4j.core.tensor.Parallel;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import io.dot4j.core.zoo.ModelSpec;
import io.dot4j.core.zoo.ModelZoo;
import io.dot4j.core.zoo.ZooShapes;
import io.dot4j.core.nn.Sequential;
import io.dot4j.runtime.limits.Footprint;
import io.dot4j.runtime.limits.ResourceLimits;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A training snapshot: model parameters and buffers, optimizer state, the states of every random generator
 * (shuffling, augmentation, dropout), epoch and iteration, extension states, the model spec and the run settings,
 * stored with {@link CheckpointFile}. Restoring it into a trainer built the same way continues training bit for bit.
 *
 * <p>Tensor names: {@code param/<path>}, {@code buffer/<path>}, {@code optim/<path>/<slot>}. Everything else lives
 * in the header's "meta" object (see docs/CHECKPOINT_FORMAT.md).
 */
public final class Checkpoint {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Path file;
    private final ObjectNode meta;
    private final Map<String, Tensor> tensors;

    private Checkpoint(Path file, ObjectNode meta, Map<String, Tensor> tensors) {
        this.file = file;
        this.meta = meta;
        this.tensors = tensors;
    }

    // ---------------------------------------------------------------- save

    /** Writes the trainer's complete state to {@code file} atomically. */
    public static void save(Path file, Trainer t) throws IOException {
        ObjectNode meta = JSON.objectNode();
        t.checkpointMeta().properties().forEach(e -> meta.set(e.getKey(), e.getValue().deepCopy()));
        ModelSpec spec = t.modelSpec();
        if (spec != null) {
            ObjectNode m = meta.putObject("model");
            m.put("name", spec.name());
            ObjectNode args = m.putObject("args");
            spec.args().forEach(args::put);
        }
        meta.set("config", t.config().deepCopy());
        meta.put("epoch", t.epoch());
        meta.put("iteration", t.iteration());
        meta.put("elapsedSeconds", t.elapsedSeconds());
        meta.put("threads", Parallel.threads());
        BatchIterator it = t.iterator();
        BatchIterator.State s = it.state();
        ObjectNode itNode = meta.putObject("iterator");
        itNode.put("epoch", s.epoch());
        itNode.put("position", s.position());
        itNode.set("shuffle", rngJson(s.shuffleAtEpochStart()));
        itNode.set("augment", rngJson(s.augment()));
        itNode.put("batchSize", it.batchSize());
        itNode.put("maxShift", it.maxShift());
        ObjectNode norm = meta.putObject("normalization");
        norm.put("mean", it.normalization().mean());
        norm.put("std", it.normalization().std());
        ObjectNode rngs = meta.putObject("rngs");
        t.model().namedRngs().forEach((n, r) -> rngs.set(n, rngJson(r.state())));
        OptimizerState os = t.optimizer().state();
        ObjectNode opt = meta.putObject("optimizer");
        opt.put("kind", os.kind());
        opt.put("steps", os.steps());
        ObjectNode ext = meta.putObject("extensions");
        for (Extension e : t.extensions()) {
            JsonNode st = e.saveState();
            if (st != null) {
                ext.set(e.name(), st);
            }
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        t.model().namedParameters().forEach((n, v) -> tensors.put("param/" + n, v.data()));
        t.model().namedBuffers().forEach((n, b) -> tensors.put("buffer/" + n, b));
        os.slots().forEach((p, slots) -> slots.forEach((sn, st) -> tensors.put("optim/" + p + "/" + sn, st)));
        CheckpointFile.write(file, meta, tensors);
    }

    /** Writes only a model (parameters, buffers, spec) without training state, e.g. for export. */
    public static void saveModel(Path file, Module model, ModelSpec spec, Normalization normalization) throws IOException {
        ObjectNode meta = JSON.objectNode();
        ObjectNode m = meta.putObject("model");
        m.put("name", spec.name());
        ObjectNode args = m.putObject("args");
        spec.args().forEach(args::put);
        ObjectNode norm = meta.putObject("normalization");
        norm.put("mean", normalization.mean());
        norm.put("std", normalization.std());
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.namedParameters().forEach((n, v) -> tensors.put("param/" + n, v.data()));
        model.namedBuffers().forEach((n, b) -> tensors.put("buffer/" + n, b));
        CheckpointFile.write(file, meta, tensors);
    }

    private static ObjectNode rngJson(Rng.State s) {
        ObjectNode n = JSON.objectNode();
        n.put("state", s.state());
        n.put("spareGaussianBits", Double.doubleToRawLongBits(s.spareGaussian()));
        n.put("hasSpare", s.hasSpare());
        return n;
    }

    // ---------------------------------------------------------------- read

    public static Checkpoint read(Path file) throws IOException {
        CheckpointFile.Contents c = CheckpointFile.read(file);
        return new Checkpoint(file, c.meta(), c.tensors());
    }

    public Path file() {
        return file;
    }

    /** The header's metadata object (read-only by convention). */
    public ObjectNode meta() {
        return meta;
    }

    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /** The model spec recorded at save time. */
    public ModelSpec modelSpec() throws CheckpointFormatException {
        JsonNode m = meta.get("model");
        if (m == null || !m.path("name").isTextual() || !m.path("args").isObject()) {
            throw new CheckpointFormatException(file, CheckpointFile.PREFIX,
                    "the header has no model spec (\"model\": {\"name\", \"args\"}); cannot rebuild the network");
        }
        Map<String, Integer> args = new TreeMap<>();
        for (var e : m.get("args").properties()) {
            if (!e.getValue().isIntegralNumber() || !e.getValue().canConvertToInt()) {
                throw new CheckpointFormatException(file, CheckpointFile.PREFIX, "meta.model.args." + e.getKey()
                        + ": expected a whole number that fits an int, actual " + e.getValue());
            }
            args.put(e.getKey(), e.getValue().asInt());
        }
        return new ModelSpec(m.get("name").asText(), args);
    }

    public Normalization normalization() throws CheckpointFormatException {
        JsonNode n = meta.get("normalization");
        if (n == null || !n.path("mean").isNumber() || !n.path("std").isNumber()) {
            throw new CheckpointFormatException(file, CheckpointFile.PREFIX, "the header has no \"normalization\" {mean, std}");
        }
        try {
            return new Normalization(n.get("mean").floatValue(), n.get("std").floatValue());
        } catch (IllegalArgumentException e) {
            throw new CheckpointFormatException(file, CheckpointFile.PREFIX, e.getMessage());
        }
    }

    /** The run settings saved by the trainer (empty for a model-only file). */
    public ObjectNode config() {
        JsonNode c = meta.get("config");
        return c instanceof ObjectNode o ? o : JSON.objectNode();
    }

    public int epoch() {
        return meta.path("epoch").asInt(0);
    }

    public long iteration() {
        return meta.path("iteration").asLong(0);
    }

    // ---------------------------------------------------------------- restore

    /**
     * Rebuilds the zoo network the header records and loads its weights. The network is sized from the spec first
     * ({@link ZooShapes}), checked against {@link ResourceLimits#current()} and against the stored tensors' shapes,
     * so a header that lies about the model cannot make this allocate anything.
     */
    public Sequential zooModel() throws CheckpointFormatException {
        ModelSpec spec = modelSpec();
        Map<String, long[]> expected = new LinkedHashMap<>();
        Footprint footprint;
        try {
            ZooShapes.parameters(spec).forEach((n, s) -> expected.put("param/" + n, s));
            footprint = ZooShapes.footprint(spec);
        } catch (IllegalArgumentException e) {
            throw new CheckpointFormatException(file, CheckpointFile.PREFIX, "meta.model: cannot rebuild " + spec + ": "
                    + e.getMessage(), e);
        }
        ResourceLimits.current().check(footprint, String.valueOf(file), "meta.model.args");
        requireShapes(expected);
        Sequential net = ModelZoo.create(spec, new Rng(0));
        loadModel(net);
        return net;
    }

    /**
     * Requires each named tensor to be stored with exactly this shape: the check a builder makes from declared shapes
     * before it allocates a network (the complete name check follows in {@link #loadModel}).
     */
    public void requireShapes(Map<String, long[]> expected) throws CheckpointFormatException {
        for (var e : expected.entrySet()) {
            Tensor saved = tensors.get(e.getKey());
            if (saved == null) {
                throw new CheckpointFormatException(file, CheckpointFile.PREFIX, "tensor " + e.getKey() + " of the model "
                        + "declared in the header is missing");
            }
            int[] s = saved.shape();
            boolean same = s.length == e.getValue().length;
            for (int i = 0; same && i < s.length; i++) {
                same = s[i] == e.getValue()[i];
            }
            if (!same) {
                throw new CheckpointFormatException(file, CheckpointFile.PREFIX, "tensor " + e.getKey() + " has shape "
                        + Arrays.toString(s) + " but the model declared in the header needs " + Arrays.toString(e.getValue()));
            }
        }
    }

    /** Copies parameters and buffers into {@code model}; the names and shapes must match exactly. */
    public void loadModel(Module model) throws CheckpointFormatException {
        Map<String, Tensor> expected = new LinkedHashMap<>();
        model.namedParameters().forEach((n, v) -> expected.put("param/" + n, v.data()));
        model.namedBuffers().forEach((n, b) -> expected.put("buffer/" + n, b));
        for (String k : tensors.keySet()) {
            if ((k.startsWith("param/") || k.startsWith("buffer/")) && !expected.containsKey(k)) {
                throw new CheckpointFormatException(file, CheckpointFile.PREFIX, "tensor " + k + " has no counterpart in the model;"
                        + " the model has " + expected.keySet());
            }
        }
        for (var e : expected.entrySet()) {
            Tensor saved = tensors.get(e.getKey());
            if (saved == null) {
                throw new CheckpointFormatException(file, CheckpointFile.PREFIX, "tensor " + e.getKey() + " of the model is missing");
            }
            if (!saved.sameShape(e.getValue())) {
                throw new CheckpointFormatException(file, CheckpointFile.PREFIX, "tensor " + e.getKey() + " has shape "
                        + Arrays.toString(saved.shape()) + " but the model expects " + Arrays.toString(e.getValue().shape()));
            }
        }
        for (var e : expected.entrySet()) {
            e.getValue().copyFrom(tensors.get(e.getKey()));
        }
    }

    /**
     * Restores a trainer built the same way (same model spec, optimizer kind, data and extensions) to this snapshot:
     * weights, buffers, optimizer state, generator states, position and extension states.
     */
    public void restore(Trainer t) throws CheckpointFormatException {
        loadModel(t.model());
        try {
            JsonNode opt = require("optimizer");
            String kind = opt.path("kind").asText();
            long steps = opt.path("steps").asLong(-1);
            Map<String, Map<String, Tensor>> slots = new LinkedHashMap<>();
            for (var e : tensors.entrySet()) {
                if (e.getKey().startsWith("optim/")) {
                    String rest = e.getKey().substring("optim/".length());
                    int cut = rest.lastIndexOf('/');
                    if (cut <= 0) {
                        throw new CheckpointFormatException(file, CheckpointFile.PREFIX, "bad optimizer tensor name " + e.getKey());
                    }
                    slots.computeIfAbsent(rest.substring(0, cut), k -> new LinkedHashMap<>()).put(rest.substring(cut + 1), e.getValue());
                }
            }
            t.optimizer().load(new OptimizerState(kind, steps, slots));
            JsonNode it = require("iterator");
            BatchIterator.State s = new BatchIterator.State(it.path("epoch").asInt(-1), it.path("position").asInt(-1),
                    rng(it.path("shuffle"), "iterator.shuffle"), rng(it.path("augment"), "iterator.augment"));
            if (it.path("batchSize").asInt() != t.iterator().batchSize()) {
                throw new CheckpointFormatException(file, CheckpointFile.PREFIX, "saved with batch size " + it.path("batchSize").asInt()
                        + ", resumed with " + t.iterator().batchSize() + "; exact resume needs the same batch size");
            }
            t.iterator().restore(s);
            Map<String, Rng> rngs = t.model().namedRngs();
            JsonNode saved = require("rngs");
            for (var e : rngs.entrySet()) {
                e.getValue().restore(rng(saved.path(e.getKey()), "rngs." + e.getKey()));
            }
            JsonNode ext = meta.path("extensions");
            for (Extension e : t.extensions()) {
                JsonNode st = ext.get(e.name());
                if (st != null) {
                    e.loadState(st);
                }
            }
            t.restorePosition(iteration(), meta.path("elapsedSeconds").asDouble(0));
        } catch (IllegalArgumentException e) {
            throw new CheckpointFormatException(file, CheckpointFile.PREFIX, "cannot resume: " + e.getMessage(), e);
        }
    }

    private JsonNode require(String key) throws CheckpointFormatException {
        JsonNode n = meta.get(key);
        if (n == null || !n.isObject()) {
            throw new CheckpointFormatException(file, CheckpointFile.PREFIX, "the header has no \"" + key
                    + "\" object (a model-only file cannot resume training)");
        }
        return n;
    }

    private Rng.State rng(JsonNode n, String what) throws CheckpointFormatException {
        if (!n.path("state").canConvertToLong() || !n.path("spareGaussianBits").canConvertToLong() || !n.path("hasSpare").isBoolean()) {
            throw new CheckpointFormatException(file, CheckpointFile.PREFIX, "generator state " + what
                    + " needs \"state\", \"spareGaussianBits\" and \"hasSpare\", actual " + n);
        }
        return new Rng.State(n.get("state").asLong(), Double.longBitsToDouble(n.get("spareGaussianBits").asLong()),
                n.get("hasSpare").asBoolean());
    }

    /** Parameter count stored (for reports). */
    public long parameterCount() {
        long n = 0;
        for (var e : tensors.entrySet()) {
            if (e.getKey().startsWith("param/")) {
                n += e.getValue().size();
            }
        }
        return n;
    }
}
