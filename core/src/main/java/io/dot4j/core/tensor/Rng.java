package io.dot4j.core.tensor;

import java.util.random.RandomGenerator;

/**
 * A seeded random generator whose output is fixed by this code alone (SplitMix64 for bits, Box-Muller for normals),
 * so that "same seed, same bits" holds on every JDK. Not thread-safe; give each thread its own.
 */
public final class Rng implements RandomGenerator {
    private long state;
    private double spareGaussian;
    private boolean hasSpare;

    public Rng(long seed) {
        this.state = seed;
    }

    @Override
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    @Override
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Box-Muller with StrictMath, so the values do not depend on the platform's intrinsics. */
    @Override
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u1;
        do {
            u1 = nextDouble();
        } while (u1 == 0.0);
        double u2 = nextDouble();
        double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        double t = 2.0 * StrictMath.PI * u2;
        spareGaussian = r * StrictMath.sin(t);
        hasSpare = true;
        return r * StrictMath.cos(t);
    }

    /** A new independent generator derived from this one (for example one per worker). */
    public Rng split() {
        return new Rng(nextLong());
    }

    /** The complete generator state: restoring it continues exactly the same sequence (checkpoints, resume). */
    public record State(long state, double spareGaussian, boolean hasSpare) {
    }

    public State state() {
        return new State(state, spareGaussian, hasSpare);
    }

    /** Continues from a state taken with {@link #state()}. */
    public void restore(State s) {
        this.state = s.state();
        this.spareGaussian = s.spareGaussian();
        this.hasSpare = s.hasSpare();
    }
}
