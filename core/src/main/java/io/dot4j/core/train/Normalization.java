package io.dot4j.core.train;

/**
 * uint8 pixel -> float input: (p / 255 - mean) / std, the same for every channel. {@link #UNIT} (mean 0, std 1) maps
 * pixels to [0, 1], the choice that folds most simply into an integer first layer; {@link #MNIST} centres MNIST.
 * The 256 possible values are computed once, so every path converts a pixel to the same float.
 */
public record Normalization(float mean, float std) {
    public static final Normalization UNIT = new Normalization(0f, 1f);
    /** The MNIST training set's pixel mean and standard deviation (in [0, 1] units). */
    public static final Normalization MNIST = new Normalization(0.1307f, 0.3081f);

    public Normalization {
        if (!Float.isFinite(mean) || !(std > 0f) || !Float.isFinite(std)) {
            throw new IllegalArgumentException("normalization: expected a finite mean and a finite std > 0, actual mean=" + mean
                    + " std=" + std);
        }
    }

    /** The float for each pixel value 0..255. */
    public float[] table() {
        float[] t = new float[256];
        for (int p = 0; p < 256; p++) {
            t[p] = (p / 255f - mean) / std;
        }
        return t;
    }
}
