package io.dot4j.cli.deploy;

import io.dot4j.core.data.Dataset;
import io.dot4j.quant.lowering.IntegerSimulation;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.kernels.IntEngine;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks that every integer path gives the same numbers on every image of a data set, layer by layer: the runtime's
 * fast kernels against its plain reference interpreter, and, when the quantized network is at hand, the quant
 * module's direct integer simulation (in core's channel-first layouts) against both.
 */
public final class BitExactness {

    /** The first difference found: image, layer and element, with both values. */
    public record Mismatch(int image, int layer, String paths, int index, long expected, long actual) {
        @Override
        public String toString() {
            return "image " + image + ", layer " + layer + ", element " + index + ": " + paths + " give " + expected
                    + " and " + actual;
        }
    }

    /** Images checked and the first mismatch, if any. */
    public record Result(int images, int layers, Optional<Mismatch> mismatch) {}

    private BitExactness() {
    }

    /**
     * Compares the paths on {@code data}'s images (grey or channel-first pixels; converted to channel-last for the
     * runtime). {@code simulation} may be null (a .dot4j file alone has no quantized network behind it).
     */
    public static Result check(IntModel model, IntegerSimulation simulation, Dataset data) {
        ReferenceInterpreter reference = new ReferenceInterpreter(model);
        int layers = model.layers().size();
        try (IntEngine engine = new IntEngine(model)) {
            for (int i = 0; i < data.count(); i++) {
                byte[] chw = data.image(i);
                byte[] hwc = ModelEvaluation.channelLast(data, i);
                List<int[]> ref = reference.run(hwc);
                Optional<Mismatch> m = compare(i, "reference interpreter and fast kernels", ref, engine.trace(hwc));
                if (m.isEmpty() && simulation != null) {
                    List<IntegerSimulation.Output> sim = simulation.run(chw);
                    int[][] simLayers = new int[sim.size()][];
                    for (int l = 0; l < sim.size(); l++) {
                        simLayers[l] = sim.get(l).channelLast();
                    }
                    m = compare(i, "reference interpreter and integer simulation", ref, Arrays.asList(simLayers));
                }
                if (m.isPresent()) {
                    return new Result(i + 1, layers, m);
                }
            }
        }
        return new Result(data.count(), layers, Optional.empty());
    }

    private static Optional<Mismatch> compare(int image, String paths, List<int[]> a, List<int[]> b) {
        if (a.size() != b.size()) {
            return Optional.of(new Mismatch(image, Math.min(a.size(), b.size()), paths + " (layer count)", -1, a.size(),
                    b.size()));
        }
        for (int l = 0; l < a.size(); l++) {
            int[] x = a.get(l);
            int[] y = b.get(l);
            int n = Math.min(x.length, y.length);
            for (int k = 0; k < n; k++) {
                if (x[k] != y[k]) {
                    return Optional.of(new Mismatch(image, l, paths, k, x[k], y[k]));
                }
            }
            if (x.length != y.length) {
                return Optional.of(new Mismatch(image, l, paths + " (output length)", n, x.length, y.length));
            }
        }
        return Optional.empty();
    }
}
