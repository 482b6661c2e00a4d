package io.dot4j.cli.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Everything that decides the result of {@code dot4j train} (apart from --epochs, --out and --threads), stored in the
 * checkpoint so that {@code --resume} continues with exactly the same settings.
 */
record TrainSettings(String data, String model, int batch, double lr, long seed, String optimizer, float momentum,
                     boolean nesterov, float weightDecay, String schedule, int warmupEpochs, int shift, String normalize,
                     int limitTrain, int limitTest, float clip, boolean flip) {

    ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("data", data);
        n.put("model", model);
        n.put("batch", batch);
        n.put("lr", lr);
        n.put("seed", seed);
        n.put("optimizer", optimizer);
        n.put("momentum", momentum);
        n.put("nesterov", nesterov);
        n.put("weightDecay", weightDecay);
        n.put("schedule", schedule);
        n.put("warmupEpochs", warmupEpochs);
        n.put("shift", shift);
        n.put("normalize", normalize);
        n.put("limitTrain", limitTrain);
        n.put("limitTest", limitTest);
        n.put("clip", clip);
        n.put("flip", flip);
        return n;
    }

    static TrainSettings fromJson(JsonNode n) {
        return new TrainSettings(n.path("data").asText(), n.path("model").asText(), n.path("batch").asInt(),
                n.path("lr").asDouble(), n.path("seed").asLong(), n.path("optimizer").asText(),
                (float) n.path("momentum").asDouble(), n.path("nesterov").asBoolean(), (float) n.path("weightDecay").asDouble(),
                n.path("schedule").asText(), n.path("warmupEpochs").asInt(), n.path("shift").asInt(), n.path("normalize").asText(),
                n.path("limitTrain").asInt(), n.path("limitTest").asInt(), (float) n.path("clip").asDouble(),
                n.path("flip").asBoolean(false));
    }
}
