package io.dot4j.runtime.analysis;

import io.dot4j.runtime.ir.TensorType;

/**
 * One tensor between layers. Tensor 0 is the input image; tensor i + 1 is the output of layer i; the last one is the
 * class scores.
 *
 * @param index       0 for the image, i + 1 for the output of layer i
 * @param type        shape, kind and bits
 * @param producer    the layer that writes it, -1 for the image
 * @param consumer    the layer that reads it, -1 for the scores (read by the caller)
 * @param firstLayer  first layer during which it is live: the producer (0 for the image)
 * @param lastLayer   last layer during which it is live: the consumer (the last layer for the scores)
 * @param elements    C*H*W
 * @param packedBytes bytes on a packed device: levels at their bit width, ceil(elements * bits / 8) (the image 1 byte
 *                    per pixel), accumulators 4 bytes each
 * @param view        whether it is a view of the tensor before it (a Flatten output: no bytes of its own on a device)
 * @param engineBytes bytes of the Java engine's int32 buffer for it, 4 * elements (the engine's buffers are ints
 *                    whatever the bits; a Flatten output is copied, so it has its own)
 */
public record TensorBuffer(int index, TensorType type, int producer, int consumer, int firstLayer, int lastLayer,
                           long elements, long packedBytes, boolean view, long engineBytes) {

    /** Whether the tensor is live while layer {@code layer} runs. */
    public boolean liveAt(int layer) {
        return layer >= firstLayer && layer <= lastLayer;
    }
}
