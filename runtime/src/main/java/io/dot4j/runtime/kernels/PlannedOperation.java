package io.dot4j.runtime.kernels;

import java.util.List;

/**
 * One operation of what an engine runs for every image, for people and tools ({@code dot4j inspect --plan}): the
 * layers it computes, the operation, the kernel that runs it and the fusions it took.
 *
 * @param firstLayer first layer computed (-1 for the input conversion)
 * @param lastLayer  last layer computed, inclusive
 * @param operation  the main layer, e.g. "Conv 3x3 s1 p1 16->32, 1-bit weights"
 * @param kernel     "vector-512", "vector-256", "vector-128", "portable" (the binary kernels), "java loops" (plain
 *                   loops C2 may auto-vectorize) or "steps" (the per-layer engine of large models)
 * @param vectorBits the Vector API width the kernel runs at, 0 when it does not use the Vector API
 * @param fusions    the other layers done inside this operation, e.g. "Threshold before (packed with the input)"
 */
public record PlannedOperation(int firstLayer, int lastLayer, String operation, String kernel, int vectorBits,
                               List<String> fusions) {
    public PlannedOperation {
        if (operation == null || kernel == null || fusions == null) {
            throw new IllegalArgumentException("operation, kernel and fusions are required");
        }
        fusions = List.copyOf(fusions);
    }

    /** The Vector API width in a kernel name ("vector-256" is 256), 0 for any other kernel. */
    static int vectorBits(String kernel) {
        return kernel.startsWith("vector-") ? Integer.parseInt(kernel.substring("vector-".length())) : 0;
    }

    /** One line: layers, operation, kernel and width, fusions. */
    public String line() {
        String layers = firstLayer < 0 ? "input" : firstLayer == lastLayer ? "layer " + firstLayer
                : "layers " + firstLayer + "-" + lastLayer;
        return layers + ": " + operation + " [" + kernel + (vectorBits > 0 ? ", " + vectorBits + "-bit vectors" : "") + "]"
                + (fusions.isEmpty() ? "" : " fused: " + String.join(", ", fusions));
    }
}
