package io.dot4j.runtime.limits;

/**
 * What a network will cost, computed from its declared shapes alone (nothing allocated): its parameters, the bytes of
 * activations one image needs, and its multiply-accumulates per image. Sums and products saturate at
 * {@link Long#MAX_VALUE}, so a hostile shape cannot overflow into a small number.
 */
public record Footprint(long parameters, long activationBytes, long macs) {
    public static final Footprint ZERO = new Footprint(0, 0, 0);

    public Footprint {
        if (parameters < 0 || activationBytes < 0 || macs < 0) {
            throw new IllegalArgumentException("footprint: expected counts >= 0, actual " + parameters + ", " + activationBytes
                    + ", " + macs);
        }
    }

    public Footprint plus(Footprint o) {
        return new Footprint(add(parameters, o.parameters), add(activationBytes, o.activationBytes), add(macs, o.macs));
    }

    /** The product of non-negative factors, {@link Long#MAX_VALUE} when it does not fit. */
    public static long times(long... factors) {
        long p = 1;
        for (long f : factors) {
            if (f < 0) {
                throw new IllegalArgumentException("footprint: expected a factor >= 0, actual " + f);
            }
            if (f == 0) {
                return 0;
            }
            p = p > Long.MAX_VALUE / f ? Long.MAX_VALUE : p * f;
        }
        return p;
    }

    /** The sum of non-negative terms, {@link Long#MAX_VALUE} when it does not fit. */
    public static long add(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }
}
