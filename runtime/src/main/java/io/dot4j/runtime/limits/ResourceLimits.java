package io.dot4j.runtime.limits;

import java.util.Locale;

/**
 * How large a network built from an untrusted file (a checkpoint's metadata, a recipe, a sweep point, a {@code .dot4j}
 * model) may be before anything is allocated for it. Every builder sizes the network from its declared shapes
 * ({@link Footprint}) and asks {@link #check}; a network over a limit is refused with a {@link LimitExceededException}
 * naming the file, the field and both numbers.
 *
 * <p>The defaults fit a 24 GiB, 2-core machine; each can be raised (or lowered) with a system property, e.g.
 * {@code JAVA_TOOL_OPTIONS=-Ddot4j.limit.params=1000000000 dot4j train ...}. The properties are read on every call,
 * so a test or an embedding program can change them at run time.
 *
 * @param parameters      float parameters and buffers of a network in training or evaluation
 * @param activationBytes memory for one image's activations: float activations kept for the backward pass, or the
 *                        integer engine's working memory
 * @param macs            multiply-accumulates per image
 */
public record ResourceLimits(long parameters, long activationBytes, long macs) {
    public static final String PARAMETERS_PROPERTY = "dot4j.limit.params";
    public static final String ACTIVATION_BYTES_PROPERTY = "dot4j.limit.activationBytes";
    public static final String MACS_PROPERTY = "dot4j.limit.macs";

    /** 2^28 parameters (1 GiB of float32; about 4 GiB with gradients and Adam state). */
    public static final long DEFAULT_PARAMETERS = 1L << 28;
    /** 512 MiB of activations per image. */
    public static final long DEFAULT_ACTIVATION_BYTES = 512L << 20;
    /** 2^33 (8.6 G) multiply-accumulates per image: seconds per image, not hours. */
    public static final long DEFAULT_MACS = 1L << 33;

    public ResourceLimits {
        if (parameters < 1 || activationBytes < 1 || macs < 1) {
            throw new IllegalArgumentException("resource limits: expected positive limits, actual parameters " + parameters
                    + ", activationBytes " + activationBytes + ", macs " + macs);
        }
    }

    public static ResourceLimits defaults() {
        return new ResourceLimits(DEFAULT_PARAMETERS, DEFAULT_ACTIVATION_BYTES, DEFAULT_MACS);
    }

    /** The limits in force: the system properties where set, else the defaults. */
    public static ResourceLimits current() {
        return new ResourceLimits(property(PARAMETERS_PROPERTY, DEFAULT_PARAMETERS),
                property(ACTIVATION_BYTES_PROPERTY, DEFAULT_ACTIVATION_BYTES), property(MACS_PROPERTY, DEFAULT_MACS));
    }

    /**
     * Refuses a footprint over any limit.
     *
     * @param source the file (or "recipe.json (recipe)") the network was declared in
     * @param field  the key path or layer that declared it, e.g. "layers[0]" or "meta.model.args"
     */
    public void check(Footprint f, String source, String field) {
        over(source, field, "parameters", f.parameters(), parameters, PARAMETERS_PROPERTY);
        over(source, field, "bytes of activations per image", f.activationBytes(), activationBytes, ACTIVATION_BYTES_PROPERTY);
        over(source, field, "multiply-accumulates per image", f.macs(), macs, MACS_PROPERTY);
    }

    private static void over(String source, String field, String what, long actual, long limit, String property) {
        if (actual > limit) {
            throw new LimitExceededException(String.format(Locale.ROOT,
                    "%s: %s: the network needs %,d %s, more than the limit of %,d (raise it with -D%s=N)",
                    source, field, actual, what, limit, property), actual, limit);
        }
    }

    private static long property(String name, long defaultValue) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        try {
            long n = Long.parseLong(v.strip().replace("_", ""));
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + name + ": expected a positive whole number, actual \"" + v + "\"");
        }
    }
}
