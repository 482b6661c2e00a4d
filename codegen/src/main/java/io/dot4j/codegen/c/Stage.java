package io.dot4j.codegen.c;

import io.dot4j.runtime.analysis.ThresholdKeys;
import io.dot4j.runtime.analysis.WeightPlanes;
import io.dot4j.runtime.ir.MaxPool;
import io.dot4j.runtime.ir.Shape;
import java.util.List;

/**
 * One step of the streamed C program. Every stage takes the pixels of its input tensor in row-major order (a call
 * per pixel, then one per finished row) and passes its own output on the same way, so no stage ever holds a whole
 * feature map: a convolution keeps {@code kernelHeight} input rows, a pool one row of partial maxima per open window.
 * {@code layer} is the index of the IR layer whose output the stage produces (the one a trace reports).
 */
sealed interface Stage {

    int id();

    int layer();

    Shape inShape();

    PixelFormat in();

    /** The output pixel format; null for the last stage, which writes the class scores. */
    PixelFormat out();

    Shape outShape();

    /** The static buffers this stage owns, for the RAM plan. */
    List<Buffer> buffers();

    default String prefix() {
        return "s" + id();
    }

    /** One static buffer of the generated C: name, element type, elements and what it holds. */
    record Buffer(String name, String ctype, long elements, int elementBytes, String role) {
        long bytes() {
            return elements * elementBytes;
        }
    }

    /**
     * A convolution or dense layer fused with the thresholds that follow it (a dense layer without them is the
     * last layer: its accumulators plus bias are the scores). A dense layer first gathers its whole input vector
     * (the flattened tensor, channel-last) and then runs as a 1x1 convolution on one pixel of {@code vector} format.
     *
     * @param weights    the weights as the analysis codes them (bit-planes with their scales, or int8 values)
     * @param thresholds the analysis' threshold keys (clamped to the accumulator's range), null for the scores
     * @param ringRows   input rows the line buffer holds (the analysis' line buffer)
     * @param popcount AND-popcount over bit-planes (1- and 2-bit weights on bit-plane levels) instead of multiplies
     */
    record Mac(int id, int layer, boolean dense, int kernelHeight, int kernelWidth, int stride, int padding,
               int outChannels, WeightPlanes weights, int[] bias, ThresholdKeys thresholds, int ringRows,
               Shape inShape, PixelFormat in, PixelFormat vector, Shape outShape, PixelFormat out, boolean popcount)
            implements Stage {

        /** The shape the arithmetic sees: the streamed input, or the gathered vector (N,1,1) of a dense layer. */
        Shape computeShape() {
            return dense ? new Shape(inShape.elements(), 1, 1) : inShape;
        }

        /** The pixel format the arithmetic reads. */
        PixelFormat computeFormat() {
            return dense ? vector : in;
        }

        @Override
        public List<Buffer> buffers() {
            PixelFormat f = computeFormat();
            if (dense) {
                return f.kind() == PixelFormat.Kind.IMAGE ? List.of()
                        : List.of(new Buffer(prefix() + "_vec", f.ctype(), f.wordsPerPixel(), f.wordBits() / 8,
                        "layer " + layer + " input vector (" + inShape.elements() + " levels, " + f + ")"));
            }
            if (in.kind() == PixelFormat.Kind.IMAGE) {
                return List.of(); // reads the caller's image directly
            }
            return List.of(new Buffer(prefix() + "_ring", in.ctype(),
                    (long) ringRows * inShape.width() * in.wordsPerPixel(), in.wordBits() / 8,
                    "layer " + layer + " line buffer: " + ringRows + " rows x " + inShape.width() + " pixels ("
                            + in + ")"));
        }
    }

    /** Max pooling: one row of partial maxima per window that can be open at once (ceil(kernel/stride)). */
    record Pool(int id, int layer, MaxPool pool, Shape inShape, PixelFormat in, Shape outShape, PixelFormat out)
            implements Stage {
        int openWindows() {
            return (pool.kernel() + pool.stride() - 1) / pool.stride();
        }

        @Override
        public List<Buffer> buffers() {
            return List.of(new Buffer(prefix() + "_acc", out.ctype(),
                    (long) openWindows() * outShape.width() * out.wordsPerPixel(), out.wordBits() / 8,
                    "layer " + layer + " pool maxima: " + openWindows() + " row(s) x " + outShape.width() + " pixels ("
                            + out + ")"));
        }
    }

    /** Thresholds on levels (not fused into a convolution): pixel in, pixel out. */
    record Levels(int id, int layer, ThresholdKeys thresholds, Shape inShape, PixelFormat in, Shape outShape,
                  PixelFormat out) implements Stage {
        @Override
        public List<Buffer> buffers() {
            return List.of();
        }
    }

    /** Global sum pooling: one int32 sum per channel. */
    record Sum(int id, int layer, Shape inShape, PixelFormat in, Shape outShape, PixelFormat out) implements Stage {
        @Override
        public List<Buffer> buffers() {
            return List.of(new Buffer(prefix() + "_sum", "int32_t", inShape.channels(), 4,
                    "layer " + layer + " channel sums"));
        }
    }

    /** Flatten that is not followed by a dense layer (which gathers by itself): collects the vector, passes it on. */
    record Gather(int id, int layer, Shape inShape, PixelFormat in, Shape outShape, PixelFormat out) implements Stage {
        @Override
        public List<Buffer> buffers() {
            return List.of(new Buffer(prefix() + "_vec", out.ctype(), out.wordsPerPixel(), out.wordBits() / 8,
                    "layer " + layer + " flattened vector (" + out + ")"));
        }
    }
}
