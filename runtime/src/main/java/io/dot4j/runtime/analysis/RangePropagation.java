package io.dot4j.runtime.analysis;

import io.dot4j.runtime.ir.Conv;
import io.dot4j.runtime.ir.Dense;
import io.dot4j.runtime.ir.GlobalSumPool;
import io.dot4j.runtime.ir.Layer;
import io.dot4j.runtime.ir.TensorType;
import io.dot4j.runtime.ir.ThresholdActivation;
import io.dot4j.runtime.ir.Weights;
import java.util.List;
import java.util.Optional;

/** Carries the channel ranges through one layer (the rules are stated on {@link LayerAnalysis}). */
final class RangePropagation {
    private RangePropagation() {
    }

    static LayerAnalysis analyse(int index, Layer layer, TensorType in, TensorType out, List<ValueRange> inRanges) {
        long macs = layer.macs(in);
        if (layer instanceof Conv) {
            Conv c = (Conv) layer;
            List<ValueRange> read = c.padding() > 0 ? withZero(inRanges) : inRanges;
            return weighted(index, layer, in, out, inRanges, read, c.weights(), new int[0], macs);
        }
        if (layer instanceof Dense) {
            Dense d = (Dense) layer;
            return weighted(index, layer, in, out, inRanges, inRanges, d.weights(), d.bias(), macs);
        }
        if (layer instanceof ThresholdActivation) {
            ThresholdActivation t = (ThresholdActivation) layer;
            RangeList.Builder incoming = new RangeList.Builder(t.channels()), levels = new RangeList.Builder(t.channels());
            for (int c = 0; c < t.channels(); c++) {
                ValueRange r = inRanges.get(c % inRanges.size());
                incoming.set(c, r.min(), r.max());
                int a = t.level(c, clampInt(r.min())), b = t.level(c, clampInt(r.max()));
                levels.set(c, Math.min(a, b), Math.max(a, b));
            }
            ThresholdKeys keys = new ThresholdKeys(t, incoming.build());
            return new LayerAnalysis(index, layer, in, out, inRanges, levels.build(), List.of(), Optional.of(keys),
                    Optional.empty(), macs);
        }
        List<ValueRange> outRanges = inRanges;
        if (layer instanceof GlobalSumPool) {
            long area = (long) in.shape().height() * in.shape().width();
            RangeList.Builder sums = new RangeList.Builder(inRanges.size());
            for (int c = 0; c < inRanges.size(); c++) {
                ValueRange r = inRanges.get(c);
                sums.set(c, r.min() * area, r.max() * area);
            }
            outRanges = sums.build();
        }
        // MaxPool and Flatten keep every channel's range (Flatten's indexing rule keeps the list as it is)
        return new LayerAnalysis(index, layer, in, out, inRanges, outRanges, List.of(), Optional.empty(),
                Optional.empty(), macs);
    }

    private static LayerAnalysis weighted(int index, Layer layer, TensorType in, TensorType out, List<ValueRange> inRanges,
                                          List<ValueRange> read, Weights w, int[] bias, long macs) {
        long m = in.maxLevel();
        int period = read.size();
        RangeList.Builder values = new RangeList.Builder(w.rows()), partial = new RangeList.Builder(w.rows());
        ValueRange[] columns = new ValueRange[period]; // one lookup per input channel, not per weight
        for (int c = 0; c < period; c++) {
            columns[c] = read.get(c);
        }
        for (int o = 0; o < w.rows(); o++) {
            long b = bias.length == 0 ? 0 : bias[o];
            long lo = b, hi = b, neg = Math.min(0, b), pos = Math.max(0, b);
            for (int j = 0; j < w.cols(); j++) {
                long v = w.get(o, j);
                ValueRange x = columns[j % period];
                lo += Math.min(v * x.min(), v * x.max());
                hi += Math.max(v * x.min(), v * x.max());
                if (w.bits() == 2) {
                    long h = v > 0 ? 2 : -2, l = v - h; // the H plane contributes 2h, the L plane l
                    pos += m * (Math.max(0, h) + Math.max(0, l));
                    neg += m * (Math.min(0, h) + Math.min(0, l));
                } else {
                    pos += m * Math.max(0, v);
                    neg += m * Math.min(0, v);
                }
            }
            values.set(o, lo, hi);
            partial.set(o, neg, pos);
        }
        return new LayerAnalysis(index, layer, in, out, inRanges, values.build(), partial.build(), Optional.empty(),
                Optional.of(new WeightPlanes(w)), macs);
    }

    /** The ranges widened to include 0 (a padded position reads level 0). */
    private static List<ValueRange> withZero(List<ValueRange> ranges) {
        RangeList.Builder out = new RangeList.Builder(ranges.size());
        for (int c = 0; c < ranges.size(); c++) {
            ValueRange r = ranges.get(c).including(0);
            out.set(c, r.min(), r.max());
        }
        return out.build();
    }

    private static int clampInt(long v) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }
}
