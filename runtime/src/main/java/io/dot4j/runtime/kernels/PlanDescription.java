package io.dot4j.runtime.kernels;

import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Layer;
import io.dot4j.runtime.ir.MaxPool;
import io.dot4j.runtime.ir.ThresholdActivation;
import java.util.ArrayList;
import java.util.List;

/** Describes an engine's operations ({@link PlannedOperation}) from its plan or, for large models, its steps. */
final class PlanDescription {
    private PlanDescription() {
    }

    /** The operations of {@code plan} (null: the per-layer steps, one per layer). */
    static List<PlannedOperation> of(IntModel model, PlanarPlan plan, String bitKernel) {
        List<PlannedOperation> out = new ArrayList<>();
        if (plan == null) {
            for (int i = 0; i < model.layers().size(); i++) {
                out.add(new PlannedOperation(i, i, name(model.layers().get(i)), "steps", 0, List.of()));
            }
            return out;
        }
        PlanarStage[] stages = plan.stages();
        for (PlanOperation op : plan.operations(false)) {
            if (op.kind == PlanOperation.Kind.WIDEN) {
                out.add(new PlannedOperation(-1, -1, "pixels to ints", "java loops", 0, List.of()));
                continue;
            }
            PlanarStage st = stages[op.stage];
            String kernel = st instanceof PlanarBitConv ? bitKernel
                    : st instanceof PlanarIntConv && ((PlanarIntConv) st).usesShorts() ? bitKernel : "java loops";
            List<String> fusions = new ArrayList<>();
            for (int l = op.first; l <= op.last; l++) {
                if (l != op.stage) {
                    fusions.add(model.layers().get(l).kind() + (l < op.stage ? " before" : " after")
                            + (l < op.stage && model.layers().get(l) instanceof ThresholdActivation ? " (packed with the input)"
                            : ""));
                }
            }
            if (st instanceof PlanarIntConv && ((PlanarIntConv) st).usesShorts()) {
                fusions.add("16-bit lanes");
            }
            out.add(new PlannedOperation(op.first, op.last, name(model.layers().get(op.stage)), kernel,
                    PlannedOperation.vectorBits(kernel), fusions));
        }
        return out;
    }

    /** A layer as one short phrase. */
    static String name(Layer layer) {
        if (layer instanceof Conv) {
            Conv c = (Conv) layer;
            return "Conv " + c.kernelHeight() + "x" + c.kernelWidth() + " s" + c.stride() + " p" + c.padding() + " "
                    + c.inChannels() + "->" + c.outChannels() + ", " + c.weightBits() + "-bit weights";
        }
        if (layer instanceof Dense) {
            Dense d = (Dense) layer;
            return "Dense " + d.inFeatures() + "->" + d.outFeatures() + ", " + d.weightBits() + "-bit weights";
        }
        if (layer instanceof ThresholdActivation) {
            ThresholdActivation t = (ThresholdActivation) layer;
            return "Threshold, " + t.perChannel() + " per channel";
        }
        if (layer instanceof MaxPool) {
            MaxPool p = (MaxPool) layer;
            return "MaxPool " + p.kernel() + "x" + p.kernel() + " s" + p.stride();
        }
        return layer.kind();
    }
}
