package io.dot4j.codegen.verilog;

import java.util.List;

/**
 * What the simulated design gave for a stream of images: per image the class, the scores, the cycle its first pixel
 * went in and the cycle its result came out.
 */
public record SimulationResult(List<Image> images) {

    /** One image's result. */
    public record Image(long firstInCycle, long outCycle, int label, int[] scores) {
    }

    /** Cycles from the first pixel in to the result out, for the first image (an empty pipeline). */
    public long latency() {
        return images.get(0).outCycle - images.get(0).firstInCycle;
    }

    /**
     * Cycles between results in steady state, with images streamed back to back: the mean gap between consecutive
     * results after the first; the latency when only one image ran.
     */
    public double interval() {
        int n = images.size();
        return n < 2 ? latency() : (double) (images.get(n - 1).outCycle - images.get(0).outCycle) / (n - 1);
    }
}
