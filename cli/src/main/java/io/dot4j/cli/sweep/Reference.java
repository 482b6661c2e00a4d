package io.dot4j.cli.sweep;

/**
 * A point drawn for comparison: a float network's file size with its accuracy (percent; NaN when not known), or a
 * published result.
 */
public record Reference(String label, long bytes, double accuracyPercent) {
    /** Float LeNet-5 (Caffe): 431,080 float32 parameters. */
    public static final long LENET5_FLOAT_BYTES = 431_080L * 4;
    /** Float LeNet-300-100: 266,610 float32 parameters. */
    public static final long LENET300_FLOAT_BYTES = 266_610L * 4;

    /** Han, Mao and Dally, "Deep Compression" (ICLR 2016), Table 1: LeNet-5 compressed to 44 KB at 0.74 % top-1 error. */
    public static Reference deepCompressionLenet5() {
        return new Reference("Deep Compression LeNet-5 (published)", 44_000, 99.26);
    }

    /** The same paper: LeNet-300-100 compressed to 27 KB at 1.58 % top-1 error. */
    public static Reference deepCompressionLenet300() {
        return new Reference("Deep Compression LeNet-300-100 (published)", 27_000, 98.42);
    }

    public boolean hasAccuracy() {
        return Double.isFinite(accuracyPercent);
    }
}
