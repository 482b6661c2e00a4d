package io.dot4j.codegen.verilog;

/**
 * How a weight of 1, 2 or 8 bits is built from 0/1 bit planes in hardware: w = offset + sum over p of coef[p] * bit[p].
 * A layer's dot product is then sum_p coef[p] * (sum of the inputs whose plane-p bit is 1) + offset * (sum of all
 * inputs): AND gates and adder trees only, no multipliers.
 * <ul>
 *   <li>1 bit (±1): w = 2b - 1;</li>
 *   <li>2 bits (-3, -1, 1, 3 = 2h + l with h, l = ±1): w = 4 b_h + 2 b_l - 3;</li>
 *   <li>8 bits (two's complement): w = b0 + 2 b1 + ... + 64 b6 - 128 b7.</li>
 * </ul>
 */
public record WeightCode(int bits, int[] coef, int offset) {

    public static WeightCode of(int bits) {
        return switch (bits) {
            case 1 -> new WeightCode(1, new int[] {2}, -1);
            case 2 -> new WeightCode(2, new int[] {4, 2}, -3);
            case 8 -> new WeightCode(8, new int[] {1, 2, 4, 8, 16, 32, 64, -128}, 0);
            default -> throw new IllegalArgumentException("weights of " + bits + " bits: expected 1, 2 or 8");
        };
    }

    public int planes() {
        return coef.length;
    }

    /** Bit {@code plane} of weight {@code w}. */
    public boolean bit(int w, int plane) {
        return switch (bits) {
            case 1 -> w > 0;
            case 2 -> plane == 0 ? w > 0 : (w == -1 || w == 3);
            default -> ((w >> plane) & 1) == 1;
        };
    }

    /** Sum of |coef| and |offset|: the factor by which a dot product's magnitude is bounded by the sum of inputs. */
    public long magnitude() {
        long m = Math.abs((long) offset);
        for (int c : coef) {
            m += Math.abs(c);
        }
        return m;
    }
}
