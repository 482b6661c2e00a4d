package io.dot4j.codegen.verilog;

import static io.dot4j.codegen.verilog.VerilogText.indexBits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The weight ROM of one {@link MvuLayer} as a {@code $readmemh} file, in the bit order its module reads. */
final class WeightRom {
    private WeightRom() {
    }

    /** Name of the weight ROM file this module reads with $readmemh. */
    static String file(MvuLayer l) {
        return l.name() + "_w.hex";
    }

    /** The weight ROM: one word per (nf, sf), bit (p*PE + pe)*SIMD + s is plane p of row nf*PE+pe, column sf*SIMD+s. */
    static List<String> lines(MvuLayer l) {
        int pe = l.fold().pe(), simd = l.fold().simd(), planes = l.code().planes();
        int nf = l.nf(), sf = l.sf(), width = pe * simd * planes;
        int depth = 1 << indexBits((long) nf * sf);
        List<String> lines = new ArrayList<>(depth);
        int digits = (width + 3) / 4;
        for (int a = 0; a < depth; a++) {
            char[] hex = new char[digits];
            Arrays.fill(hex, '0');
            if (a < nf * sf) {
                int f = a / sf, s0 = (a % sf) * simd;
                for (int p = 0; p < planes; p++) {
                    for (int e = 0; e < pe; e++) {
                        int row = f * pe + e;
                        for (int s = 0; s < simd; s++) {
                            if (l.code().bit(row, p, s0 + s)) {
                                int bit = (p * pe + e) * simd + s;
                                int d = digits - 1 - bit / 4;
                                hex[d] = Character.forDigit(Character.digit(hex[d], 16) | (1 << (bit % 4)), 16);
                            }
                        }
                    }
                }
            }
            lines.add(new String(hex));
        }
        return lines;
    }
}
