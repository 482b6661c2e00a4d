package io.dot4j.codegen.verilog;

import static io.dot4j.codegen.verilog.VerilogText.lit;
import static io.dot4j.codegen.verilog.VerilogText.zext;

import io.dot4j.runtime.analysis.ThresholdKeys;
import io.dot4j.runtime.analysis.ValueRange;

/**
 * Writes the module of a threshold layer on levels (not fused into a matrix-vector layer: after the pixels, a pooling
 * layer or a global sum): every channel of the word at once against its constant keys, one output register.
 */
final class ThresholdWriter {
    private ThresholdWriter() {
    }

    static String module(Stage.Levels s) {
        ThresholdKeys keys = s.keys();
        int c = s.c(), b = s.bits(), k = s.outBits(), n = keys.perChannel();
        ValueRange r = keys.keyRange();
        int kw = Math.max(b + 1, r.including(r.max() + 1).signedBits());
        StringBuilder v = new StringBuilder();
        v.append("// layer ").append(s.index()).append(": thresholds on ").append(b).append("-bit levels, ").append(c)
                .append(" channels into ").append(k).append("-bit levels\n")
                .append("module ").append(s.moduleName()).append(" (\n")
                .append("    input  wire clk,\n    input  wire rst,\n    input  wire in_valid,\n    output wire in_ready,\n")
                .append("    input  wire [").append(c * b - 1).append(":0] in_data,\n")
                .append("    output reg  out_valid,\n    input  wire out_ready,\n")
                .append("    output reg  [").append(c * k - 1).append(":0] out_data\n);\n")
                .append("    assign in_ready = !out_valid || out_ready;\n")
                .append("    wire [").append(c * k - 1).append(":0] levels;\n");
        for (int ch = 0; ch < c; ch++) {
            String x = "x" + ch;
            v.append("    wire [").append(kw - 1).append(":0] ").append(x).append(" = ")
                    .append(zext("in_data[" + ch * b + " +: " + b + "]", b, kw)).append(";\n");
            StringBuilder count = new StringBuilder();
            boolean neg = keys.isNegative(ch);
            for (int i = 0; i < n; i++) {
                // one comparator kind, as in the matrix-vector layers: v <= t is v >= t + 1
                long key = keys.key(ch, i) + (neg ? 1L : 0L);
                String ge = "($signed(" + x + ") >= $signed(" + lit(kw, key) + "))";
                count.append(i == 0 ? "" : " + ").append(zext(ge, 1, k));
            }
            String cnt = "(" + count + ")";
            v.append("    assign levels[").append(ch * k).append(" +: ").append(k).append("] = ")
                    .append(neg ? lit(k, n) + " - " + cnt : cnt).append(";\n");
        }
        v.append("    always @(posedge clk) begin\n")
                .append("        if (rst) out_valid <= 1'b0;\n")
                .append("        else if (in_ready) out_valid <= in_valid;\n")
                .append("    end\n")
                .append("    always @(posedge clk) if (in_ready) out_data <= levels;\n")
                .append("endmodule\n");
        return v.toString();
    }
}
