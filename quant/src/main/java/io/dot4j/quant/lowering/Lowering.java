package io.dot4j.quant.lowering;

import io.dot4j.quant.network.QuantizedNetwork;
import io.dot4j.quant.quantizers.QuantizedWeights;
import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.Flatten;
import io.dot4j.runtime.ir.GlobalSumPool;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.Layer;
import io.dot4j.runtime.ir.MaxPool;
import io.dot4j.runtime.ir.Shape;
import io.dot4j.runtime.ir.ThresholdActivation;
import io.dot4j.runtime.ir.Weights;

import java.util.ArrayList;
import java.util.List;

/**
 * Lowers a trained {@link QuantizedNetwork} (batch norm in its eval statistics) to the runtime's {@link IntModel}:
 * <ul>
 *   <li>conv / hidden dense + batch norm + k-bit activation -> Conv / Dense (integer weight levels, columns permuted to
 *   channel-last) + ThresholdActivation (2^k - 1 thresholds per channel from {@link ChannelFold} via
 *   {@link Thresholds}; the IR stores them at the narrowest width itself);</li>
 *   <li>max pooling -> MaxPool on levels, flatten -> Flatten, global sum pooling -> GlobalSumPool;</li>
 *   <li>final dense -> Dense whose outputs are acc + round(b / (s * step_in)).</li>
 * </ul>
 * Each layer's input bits are those of the levels it receives: 8 for the image, k after a k-bit activation, and
 * bitLength(H*W*(2^k-1)) after a global sum.
 */
public final class Lowering {
    private Lowering() {
    }

    public static IntModel lower(QuantizedNetwork net) {
        return lower(Plan.of(net));
    }

    public static IntModel lower(Plan plan) {
        List<Layer> layers = new ArrayList<>();
        for (Plan.Block b : plan.blocks()) {
            switch (b) {
                case Plan.ConvBlock cb -> {
                    QuantizedWeights q = cb.q();
                    int[] cols = Layouts.convColumns(q.levels(), q.rows(), cb.in().c(), cb.kernel());
                    layers.add(new Conv(q.rows(), cb.in().c(), cb.kernel(), cb.kernel(), cb.stride(), cb.pad(), cb.inBits(),
                            weights(cb.name(), cb.weightBits(), q.rows(), q.cols(), cols)));
                    layers.add(thresholds(q, cb.inBits(), cb.folds(), cb.outBits(), cb.stepOut()));
                }
                case Plan.DenseBlock db -> {
                    QuantizedWeights q = db.q();
                    int[] cols = Layouts.denseColumns(q.levels(), q.rows(), db.in().c(), db.in().h(), db.in().w());
                    layers.add(new Dense(q.rows(), q.cols(), db.inBits(), weights(db.name(), db.weightBits(), q.rows(), q.cols(), cols)));
                    layers.add(thresholds(q, db.inBits(), db.folds(), db.outBits(), db.stepOut()));
                }
                case Plan.ScoresBlock sb -> {
                    QuantizedWeights q = sb.q();
                    int[] cols = Layouts.denseColumns(q.levels(), q.rows(), sb.in().c(), sb.in().h(), sb.in().w());
                    layers.add(new Dense(q.rows(), q.cols(), sb.inBits(), weights(sb.name(), sb.weightBits(), q.rows(), q.cols(), cols),
                            sb.bias()));
                }
                case Plan.PoolBlock pb -> layers.add(new MaxPool(pb.kernel(), pb.stride()));
                case Plan.FlattenBlock fb -> layers.add(new Flatten());
                case Plan.SumPoolBlock sp -> layers.add(new GlobalSumPool());
            }
        }
        return new IntModel(new Shape(plan.channels(), plan.height(), plan.width()), layers, plan.numClasses());
    }

    private static Weights weights(String name, int bits, int rows, int cols, int[] values) {
        try {
            return Weights.fromInts(bits, rows, cols, values);
        } catch (RuntimeException e) {
            throw Plan.error(name, "weights do not fit " + bits + " bits: " + e.getMessage());
        }
    }

    /** Per channel: bound = sum |q| * (2^inBits - 1), the largest |accumulator|. */
    private static ThresholdActivation thresholds(QuantizedWeights q, int inBits, ChannelFold[] folds, int outBits,
                                                  double stepOut) {
        int n = (1 << outBits) - 1;
        int[] all = new int[q.rows() * n];
        boolean[] negative = new boolean[q.rows()];
        long maxLevel = (1L << inBits) - 1;
        for (int o = 0; o < q.rows(); o++) {
            long bound = 0;
            for (int j = 0; j < q.cols(); j++) {
                bound += Math.abs(q.level(o, j));
            }
            bound = Math.min(Integer.MAX_VALUE, bound * maxLevel);
            Thresholds.Channel ch = Thresholds.solve(folds[o], bound, n, stepOut);
            System.arraycopy(ch.thresholds(), 0, all, o * n, n);
            negative[o] = ch.negative();
        }
        return new ThresholdActivation(q.rows(), outBits, all, negative);
    }
}
