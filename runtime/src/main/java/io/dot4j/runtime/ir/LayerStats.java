package io.dot4j.runtime.ir;

/**
 * Size accounting of one layer for one image.
 *
 * @param activationBytes bytes of this layer's output on a device: levels packed at their bit width,
 *                        accumulators 4 bytes each (0 for Flatten, which is a view of its input)
 */
public record LayerStats(int index, String kind, TensorType input, TensorType output, long weightBytes,
                         long thresholdBytes, long macs, long activationBytes) {
}
