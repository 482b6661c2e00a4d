package io.dot4j.runtime.limits;

import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.LayerStats;

/**
 * What the integer engine needs to run one image of a model, from the model's declared shapes: a model can pass every
 * rule of the file format and still need gigabytes or minutes per image. Checked before an engine allocates; reading
 * and inspecting the model need none of it.
 *
 * <p>The working memory is an upper estimate of what the engine's per-layer steps hold at once: 16 bytes per element
 * of the largest input-plus-output pair of layers (values widened to int, plus the long integral image of a
 * convolution), plus 8 bytes per stored weight byte (weights widened or re-packed for the kernels).
 */
public final class EngineFootprint {
    /** Bytes per activation element the engine may hold (int value + long integral). */
    static final long BYTES_PER_ELEMENT = 16;
    /** Bytes the kernels may make of one stored weight byte. */
    static final long BYTES_PER_WEIGHT_BYTE = 8;

    private EngineFootprint() {
    }

    public static Footprint of(IntModel model) {
        long pair = 0, weights = 0, macs = 0;
        for (LayerStats s : model.layerStats()) {
            if (!"Flatten".equals(s.kind())) {
                pair = Math.max(pair, (long) s.input().shape().elements() + s.output().shape().elements());
            }
            weights = Footprint.add(weights, s.weightBytes() + s.thresholdBytes());
            macs = Footprint.add(macs, s.macs());
        }
        long working = Footprint.add(Footprint.times(pair, BYTES_PER_ELEMENT), Footprint.times(weights, BYTES_PER_WEIGHT_BYTE));
        return new Footprint(0, working, macs);
    }

    /** Refuses a model the engine should not try to run under the current {@link ResourceLimits}. */
    public static void check(IntModel model, String source) {
        ResourceLimits.current().check(of(model), source, "engine");
    }
}
