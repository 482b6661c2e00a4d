package io.dot4j.codegen.verilog;

import static io.dot4j.codegen.verilog.VerilogText.lit;
import static io.dot4j.codegen.verilog.VerilogText.zext;

import java.util.List;

/**
 * The threshold stage of a matrix-vector unit: per PE the current fold's integer keys (from the analysis, via
 * {@link MvuLayer#key}) in registers selected by the fold counter {@code nfc}, one signed comparator per key, and
 * the level as the count of keys reached (mirrored for a negative channel). Appends one {@code levelE} per PE to
 * {@code results}.
 */
final class ThresholdKeyComparators {
    private ThresholdKeyComparators() {
    }

    static void write(StringBuilder v, MvuLayer l, int pe, int aw, int nf, int nfw, List<String> results) {
        int n = l.perChannel(), k = l.outBits();
        for (int e = 0; e < pe; e++) {
            for (int i = 0; i < n; i++) {
                line(v, "    reg [" + (aw - 1) + ":0] key" + e + "_" + i + ";");
            }
            line(v, "    reg neg" + e + ";");
        }
        line(v, "    always @(posedge clk) begin");
        line(v, "        if (en) begin");
        line(v, "            case (nfc)");
        for (int f = 0; f < nf; f++) {
            StringBuilder s = new StringBuilder("                " + lit(nfw, f) + ": begin");
            for (int e = 0; e < pe; e++) {
                int o = f * pe + e;
                for (int i = 0; i < n; i++) {
                    s.append(" key").append(e).append('_').append(i).append(" <= ").append(lit(aw, l.key(o, i))).append(';');
                }
                s.append(" neg").append(e).append(" <= ").append(l.negative(o) ? "1'b1" : "1'b0").append(';');
            }
            line(v, s.append(" end").toString());
        }
        line(v, "                default: ;");
        line(v, "            endcase");
        line(v, "        end");
        line(v, "    end");
        for (int e = 0; e < pe; e++) {
            StringBuilder count = new StringBuilder();
            for (int i = 0; i < n; i++) {
                line(v, "    wire ge" + e + "_" + i + " = $signed(acc" + e + ") >= $signed(key" + e + "_" + i + ");");
                count.append(i == 0 ? "" : " + ").append(zext("ge" + e + "_" + i, 1, k));
            }
            line(v, "    wire [" + (k - 1) + ":0] count" + e + " = " + count + ";");
            line(v, "    wire [" + (k - 1) + ":0] level" + e + " = neg" + e + " ? " + lit(k, n) + " - count" + e + " : count" + e + ";");
            results.add("level" + e);
        }
    }

    private static void line(StringBuilder v, String s) {
        v.append(s).append('\n');
    }
}
