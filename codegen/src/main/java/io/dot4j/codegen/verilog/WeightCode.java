package io.dot4j.codegen.verilog;

import io.dot4j.runtime.analysis.WeightPlanes;

/**
 * The weights of a layer as the hardware reads them: 0/1 bit planes with w = offset + sum over p of coef[p] * bit[p],
 * so a dot product is sum_p coef[p] * (sum of the inputs whose plane-p bit is 1) + offset * (sum of all inputs):
 * AND gates and adder trees, no multipliers.
 * <ul>
 *   <li>1- and 2-bit weights: the analysis' planes ({@link WeightPlanes}); a plane of scale s contributes
 *       s * (2 bit - 1), so coef = 2s and the offset is minus the sum of the scales (1 bit: 2b - 1; 2 bits:
 *       4 b_H + 2 b_L - 3);</li>
 *   <li>8-bit weights (stored as values): their two's-complement bits, coef 1, 2, ..., 64, -128 and no offset.</li>
 * </ul>
 */
record WeightCode(WeightPlanes weights, int[] coef, int offset) {

    static WeightCode of(WeightPlanes w) {
        if (w.planes() == 0) {
            return new WeightCode(w, new int[] {1, 2, 4, 8, 16, 32, 64, -128}, 0);
        }
        int[] coef = new int[w.planes()];
        int offset = 0;
        for (int p = 0; p < coef.length; p++) {
            coef[p] = 2 * w.planeScale(p);
            offset -= w.planeScale(p);
        }
        return new WeightCode(w, coef, offset);
    }

    int bits() {
        return weights.bits();
    }

    int planes() {
        return coef.length;
    }

    /** Bit {@code plane} of weight [row][col]. */
    boolean bit(int row, int plane, int col) {
        return weights.planes() == 0 ? (weights.value(row, col) >> plane & 1) == 1 : weights.bit(row, plane, col);
    }
}
