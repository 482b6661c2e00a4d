package io.dot4j.runtime.ir;

/**
 * Hard bounds on every count in an {@link IntModel}. They keep all index arithmetic inside {@code int},
 * keep accumulators exact in 32 bits, and let the file reader reject absurd headers before allocating.
 */
public final class Limits {
    /** Channels, height and width of any tensor, and the input channels/output channels of a convolution. */
    public static final int MAX_DIM = 65_535;
    /** Kernel height/width, stride and padding (stored as one unsigned byte each). */
    public static final int MAX_KERNEL = 255;
    public static final int MAX_STRIDE = 255;
    public static final int MAX_PADDING = 255;
    /** Inputs and outputs of a dense layer. */
    public static final int MAX_FEATURES = 1 << 24;
    /** Elements of any activation tensor (2^28: index arithmetic stays far from overflow). */
    public static final long MAX_TENSOR_ELEMENTS = 1L << 28;
    /** Layers in one model. */
    public static final int MAX_LAYERS = 4_096;
    /** Classes (outputs of the last dense layer). */
    public static final int MAX_CLASSES = 65_535;
    /** Bits per activation level that a conv/dense layer accepts (pixels are 8; a global sum pool may widen). */
    public static final int MAX_INPUT_BITS = 16;
    /** Bits of a threshold activation's output level. */
    public static final int MAX_ACTIVATION_BITS = 8;

    private Limits() {
    }
}
