package io.dot4j.quant.recipes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dot4j.core.train.Extension;
import io.dot4j.core.train.Trainer;
import io.dot4j.core.train.Trigger;
import io.dot4j.quant.pruning.Pruning;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The per-epoch summary of a recipe run (mean batch loss, the evaluator's test accuracy, the pruning sparsity), one
 * line to the run's log each epoch. Its checkpoint state holds the reports so far, the running loss of the current
 * epoch and the pruning masks, which are training state that the weights alone do not determine (a surviving weight
 * may be exactly zero too): with them a resumed run continues bit for bit.
 */
final class RecipeEpochLog implements Extension {
    private final Pruning pruning;
    private final Consumer<String> log;
    private final List<RecipeRun.EpochReport> reports = new ArrayList<>();
    private double lossSum;
    private int batches;

    RecipeEpochLog(Pruning pruning, Consumer<String> log) {
        this.pruning = pruning;
        this.log = log;
    }

    @Override
    public String name() {
        return "recipe";
    }

    @Override
    public Trigger trigger() {
        return Trigger.everyEpochs(1);
    }

    @Override
    public int priority() {
        return PRIORITY_WRITER + 10; // after the evaluator, before the log and the checkpoint
    }

    @Override
    public void observe(Trainer t) {
        lossSum += t.observation().get("loss");
        batches++;
    }

    @Override
    public void run(Trainer t) {
        Double acc = t.observation().get("test/accuracy");
        RecipeRun.EpochReport rep = new RecipeRun.EpochReport(t.epoch(), lossSum / Math.max(1, batches),
                acc == null ? Double.NaN : acc, pruning == null ? 0 : pruning.sparsity());
        reports.add(rep);
        lossSum = 0;
        batches = 0;
        log.accept(String.format(Locale.ROOT, "epoch %d: loss %.4f, test accuracy %.2f %%%s", rep.epoch(), rep.loss(),
                100 * rep.testAccuracy(), pruning == null ? "" : String.format(Locale.ROOT, ", sparsity %.3f", rep.sparsity())));
    }

    List<RecipeRun.EpochReport> reports() {
        return List.copyOf(reports);
    }

    @Override
    public JsonNode saveState() {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("lossSum", lossSum);
        s.put("batches", batches);
        ArrayNode a = s.putArray("epochs");
        for (RecipeRun.EpochReport r : reports) {
            ObjectNode e = a.addObject();
            e.put("epoch", r.epoch());
            e.put("loss", r.loss());
            e.put("testAccuracy", r.testAccuracy());
            e.put("sparsity", r.sparsity());
        }
        if (pruning != null) {
            ObjectNode p = s.putObject("pruning");
            p.put("target", pruning.target());
            ObjectNode m = p.putObject("masks");
            pruning.masks().forEach((k, mask) -> m.put(k, Base64.getEncoder().encodeToString(pack(mask))));
        }
        return s;
    }

    @Override
    public void loadState(JsonNode s) {
        lossSum = s.path("lossSum").asDouble();
        batches = s.path("batches").asInt();
        reports.clear();
        for (JsonNode e : s.path("epochs")) {
            reports.add(new RecipeRun.EpochReport(e.path("epoch").asInt(), e.path("loss").asDouble(),
                    e.path("testAccuracy").asDouble(), e.path("sparsity").asDouble()));
        }
        if (pruning != null) {
            JsonNode p = s.path("pruning");
            if (!p.path("masks").isObject()) {
                throw new IllegalArgumentException("the checkpoint holds no pruning masks, but the recipe prunes");
            }
            Map<String, boolean[]> masks = new LinkedHashMap<>();
            Map<String, boolean[]> shapes = pruning.masks();
            for (var e : p.get("masks").properties()) {
                boolean[] like = shapes.get(e.getKey());
                if (like == null) {
                    throw new IllegalArgumentException("pruning mask for an unknown tensor " + e.getKey());
                }
                masks.put(e.getKey(), unpack(Base64.getDecoder().decode(e.getValue().asText()), like.length));
            }
            pruning.restore(masks, p.path("target").asDouble());
        }
    }

    private static byte[] pack(boolean[] m) {
        byte[] b = new byte[(m.length + 7) / 8];
        for (int i = 0; i < m.length; i++) {
            if (m[i]) {
                b[i >> 3] |= (byte) (1 << (i & 7));
            }
        }
        return b;
    }

    private static boolean[] unpack(byte[] b, int n) {
        if (b.length != (n + 7) / 8) {
            throw new IllegalArgumentException("pruning mask of " + b.length + " bytes, expected " + (n + 7) / 8);
        }
        boolean[] m = new boolean[n];
        for (int i = 0; i < n; i++) {
            m[i] = (b[i >> 3] >> (i & 7) & 1) != 0;
        }
        return m;
    }
}
