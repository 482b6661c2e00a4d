package io.dot4j.codegen.verilog;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the folds the user did not give, to balance the pipeline: starting from PE = SIMD = 1 everywhere, the
 * slowest matrix-vector layer moves to its cheapest fold that is faster, until the slowest stage cannot get faster
 * (a fixed stage, or the input's one pixel per cycle, limits the interval) or the logic-cell estimate of all layers
 * would pass the budget.
 */
final class FoldChooser {
    /** Logic cells the estimate of all matrix-vector layers may take: about 70 % of a UP5K's 5,280. */
    static final int DEFAULT_BUDGET = 3_700;

    private FoldChooser() {
    }

    static List<Stage> choose(List<Stage> stages, FoldSpec spec, int budget) {
        List<Stage> cur = new ArrayList<>(stages);
        long floor = 0;
        for (Stage s : cur) {
            if (!(s instanceof Stage.Mvu m) || spec.folds().containsKey(m.layer().index())) {
                floor = Math.max(floor, s.cycles());
            }
        }
        while (true) {
            int worst = -1;
            for (int i = 0; i < cur.size(); i++) {
                if (cur.get(i) instanceof Stage.Mvu m && !spec.folds().containsKey(m.layer().index())
                        && (worst < 0 || m.cycles() > cur.get(worst).cycles())) {
                    worst = i;
                }
            }
            if (worst < 0 || cur.get(worst).cycles() <= floor) {
                return cur;
            }
            MvuLayer l = ((Stage.Mvu) cur.get(worst)).layer();
            MvuLayer next = null;
            for (Fold f : legal(l)) {
                MvuLayer c = l.withFold(f);
                if (c.cycles() < l.cycles() && (next == null || cost(c) < cost(next)
                        || cost(c) == cost(next) && c.cycles() < next.cycles())) {
                    next = c;
                }
            }
            if (next == null) {
                return cur;
            }
            long total = cost(next) - cost(l);
            for (Stage s : cur) {
                if (s instanceof Stage.Mvu m) {
                    total += cost(m.layer());
                }
            }
            if (total > budget) {
                return cur;
            }
            cur.set(worst, new Stage.Mvu(next));
        }
    }

    /** Every fold the layer allows: PE dividing its outputs, SIMD dividing its fan-in (dense: its word's channels). */
    static List<Fold> legal(MvuLayer l) {
        List<Fold> folds = new ArrayList<>();
        int unit = l.conv() ? l.fanIn() : l.inC();
        for (int pe = 1; pe <= l.outChannels(); pe++) {
            if (l.outChannels() % pe == 0) {
                for (int simd = 1; simd <= unit; simd++) {
                    if (unit % simd == 0) {
                        folds.add(new Fold(pe, simd));
                    }
                }
            }
        }
        return folds;
    }

    /**
     * Estimated logic cells of a layer: about one per AND-gated input bit of each PE and plane plus the shared sum of
     * the inputs (adder trees on carry chains), the accumulator and comparators per PE, and the window register.
     */
    static long cost(MvuLayer l) {
        Fold f = l.fold();
        int n = l.perChannel();
        long trees = (long) f.pe() * l.code().planes() * f.simd() * l.inBits() * 5 / 4;
        long all = l.code().offset() != 0 ? (long) f.simd() * l.inBits() : 0;
        long perPe = (long) f.pe() * l.accWidth() * (3 + n);
        long mux = l.sf() > 1 && !l.rows() ? (long) f.simd() * l.inBits() * Math.min(l.sf(), 8) / 2 : 0;
        // flip-flops of the structure, one logic cell each: the window register and its copy (none with a row buffer)
        long window = !l.conv() || l.rows() ? 0
                : (long) l.fanIn() * l.inBits() + (l.sf() == 1 ? (long) l.fanIn() * l.inBits() : (long) f.simd() * l.inBits());
        long weights = (long) f.pe() * f.simd() * l.code().planes();   // ROM output register (or its LUTs)
        return trees + all + perPe + mux + window + weights;
    }
}
