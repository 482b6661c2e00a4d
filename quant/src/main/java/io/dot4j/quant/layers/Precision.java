package io.dot4j.quant.layers;

import io.dot4j.quant.quantizers.ActivationQuantizer;
import io.dot4j.quant.quantizers.BinaryWeight;
import io.dot4j.quant.quantizers.Scaling;
import io.dot4j.quant.quantizers.TernaryWeight;
import io.dot4j.quant.quantizers.UniformWeight;
import io.dot4j.quant.quantizers.WeightQuantizer;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The precision of one layer: its weights (kind, bits, scaling) and the activation quantizer that follows it (bits,
 * clip value, and whether the clip is learnt with PACT, starting from {@code clip}). The last layer of a network has no
 * activation; its activation fields are ignored.
 *
 * @param weights        weight family
 * @param weightBits     1 for binary, 2 for ternary (its information content; stored as int8), 2..8 for uniform
 * @param scaling        one scale per tensor or per output channel
 * @param activationBits bits of the following activation, 1..8
 * @param clip           the activation's clip value max (> 0), levels 0..max in 2^k - 1 steps
 * @param pact           learn the clip value (PACT)
 */
public record Precision(WeightKind weights, int weightBits, Scaling scaling, int activationBits, float clip, boolean pact) {
    private static final Pattern SHORT = Pattern.compile("w(1|t|[2-8])a([1-8])");

    public Precision {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(scaling, "scaling");
        switch (weights) {
            case BINARY -> require(weightBits == 1, "binary weights have 1 bit, actual weightBits " + weightBits);
            case TERNARY -> require(weightBits == 2, "ternary weights have 2 bits, actual weightBits " + weightBits);
            case UNIFORM -> require(weightBits >= 2 && weightBits <= 8, "uniform weights need 2..8 bits, actual " + weightBits);
        }
        require(activationBits >= 1 && activationBits <= 8, "activation bits must be 1..8, actual " + activationBits);
        require(clip > 0f && !Float.isInfinite(clip), "the activation clip must be finite and > 0, actual " + clip);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("precision: " + message);
        }
    }

    /** Binary weights with per-channel scales, k-bit activations clipped at max. */
    public static Precision binary(int activationBits, float clip) {
        return new Precision(WeightKind.BINARY, 1, Scaling.PER_CHANNEL, activationBits, clip, false);
    }

    /**
     * Short names: "w1a2" (binary weights, 2-bit activations), "wta2" (ternary), "w2a2" .. "w8a8" (uniform); per-channel
     * scaling, clip {@link ActivationQuantizer#DEFAULT_MAX}.
     */
    public static Precision parse(String shortName) {
        Matcher m = SHORT.matcher(shortName == null ? "" : shortName);
        if (!m.matches()) {
            throw new IllegalArgumentException("precision: expected a name like w1a2, wta2 or w8a4 (weights 1, t or 2..8; "
                    + "activations 1..8), actual '" + shortName + "'");
        }
        String w = m.group(1);
        int a = Integer.parseInt(m.group(2));
        float clip = ActivationQuantizer.DEFAULT_MAX;
        return switch (w) {
            case "1" -> new Precision(WeightKind.BINARY, 1, Scaling.PER_CHANNEL, a, clip, false);
            case "t" -> new Precision(WeightKind.TERNARY, 2, Scaling.PER_CHANNEL, a, clip, false);
            default -> new Precision(WeightKind.UNIFORM, Integer.parseInt(w), Scaling.PER_CHANNEL, a, clip, false);
        };
    }

    public Precision withScaling(Scaling s) {
        return new Precision(weights, weightBits, s, activationBits, clip, pact);
    }

    public Precision withActivation(int bits, float clipValue, boolean learnClip) {
        return new Precision(weights, weightBits, scaling, bits, clipValue, learnClip);
    }

    /** The weight quantizer this precision describes. */
    public WeightQuantizer weightQuantizer() {
        return switch (weights) {
            case BINARY -> BinaryWeight.quantizer(scaling);
            case TERNARY -> TernaryWeight.quantizer(scaling);
            case UNIFORM -> UniformWeight.quantizer(weightBits, scaling);
        };
    }

    /** Short name such as "w1a2" (weights part "t" for ternary). */
    public String shortName() {
        return "w" + (weights == WeightKind.TERNARY ? "t" : String.valueOf(weightBits)) + "a" + activationBits;
    }
}
