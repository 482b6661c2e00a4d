package io.dot4j.codegen.verilog;

import static io.dot4j.codegen.verilog.VerilogText.indexBits;

import java.util.List;

/**
 * Writes the two top modules: {@code dot4j_top} chains the stages and the argmax (pixels in; class and all scores
 * out), {@code dot4j_board} wraps it for a small package (the class, and one score chosen by {@code score_sel}).
 */
final class TopWriter {
    static final String TOP = "dot4j_top";
    static final String BOARD = "dot4j_board";

    private TopWriter() {
    }

    static int classBits(DesignPlan plan) {
        return indexBits(plan.model().numClasses());
    }

    static String top(DesignPlan plan) {
        int n = plan.model().numClasses(), sw = plan.scoreWidth(), cw = classBits(plan);
        List<Stage> stages = plan.stages();
        StringBuilder v = new StringBuilder();
        v.append("// dot4j streaming design: one word per pixel position in (all channels, 8 bits each, row-major),\n")
                .append("// the class and the ").append(n).append(" scores (").append(sw)
                .append("-bit signed, class 0 in the lowest bits) out, valid/ready.\n");
        for (String line : plan.describe().split("\n")) {
            v.append("// ").append(line).append('\n');
        }
        v.append("module ").append(TOP).append(" (\n")
                .append("    input  wire clk,\n")
                .append("    input  wire rst,\n")
                .append("    input  wire in_valid,\n")
                .append("    output wire in_ready,\n")
                .append("    input  wire [").append(plan.inputWidth() - 1).append(":0] in_data,\n")
                .append("    output wire out_valid,\n")
                .append("    input  wire out_ready,\n")
                .append("    output wire [").append(cw - 1).append(":0] out_class,\n")
                .append("    output wire [").append(n * sw - 1).append(":0] out_scores\n")
                .append(");\n");
        int width = plan.inputWidth();
        v.append("    wire s0_valid = in_valid;\n    wire s0_ready;\n    wire [").append(width - 1)
                .append(":0] s0_data = in_data;\n    assign in_ready = s0_ready;\n");
        for (int i = 0; i < stages.size(); i++) {
            Stage s = stages.get(i);
            int o = i + 1;
            v.append("    wire s").append(o).append("_valid, s").append(o).append("_ready;\n")
                    .append("    wire [").append(s.outWidth() - 1).append(":0] s").append(o).append("_data;\n");
            String ports = "(.clk(clk), .rst(rst), .in_valid(s" + i + "_valid), .in_ready(s" + i + "_ready), .in_data(s" + i
                    + "_data),\n        .out_valid(s" + o + "_valid), .out_ready(s" + o + "_ready), .out_data(s" + o + "_data));\n";
            if (s instanceof Stage.Mvu m) {
                v.append("    ").append(m.layer().name()).append(' ').append(s.instanceName()).append(' ').append(ports);
            } else if (s instanceof Stage.Pool p && p.tiled()) {
                v.append("    d4j_tilepool #(.H(").append(p.h()).append("), .W(").append(p.w()).append("), .C(").append(p.c())
                        .append("), .B(").append(p.bits()).append("), .K(").append(p.kernel()).append(")) ")
                        .append(s.instanceName()).append(' ').append(ports);
            } else if (s instanceof Stage.Pool p) {
                v.append("    d4j_maxpool #(.H(").append(p.h()).append("), .W(").append(p.w()).append("), .C(").append(p.c())
                        .append("), .B(").append(p.bits()).append("), .K(").append(p.kernel()).append("), .S(")
                        .append(p.stride()).append(")) ").append(s.instanceName()).append(' ').append(ports);
            } else if (s instanceof Stage.Levels t) {
                v.append("    ").append(t.moduleName()).append(' ').append(s.instanceName()).append(' ').append(ports);
            } else if (s instanceof Stage.Sum g) {
                v.append("    d4j_gsum #(.N(").append(g.positions()).append("), .C(").append(g.c()).append("), .B(")
                        .append(g.bits()).append("), .OB(").append(g.outBits()).append(")) ").append(s.instanceName())
                        .append(' ').append(ports);
            }
        }
        int last = stages.size();
        v.append("    d4j_argmax #(.N(").append(n).append("), .SW(").append(sw).append("), .CW(").append(cw)
                .append(")) u_argmax (.clk(clk), .rst(rst), .in_valid(s").append(last).append("_valid), .in_ready(s")
                .append(last).append("_ready),\n        .in_data(s").append(last)
                .append("_data), .out_valid(out_valid), .out_ready(out_ready), .out_class(out_class), .out_scores(out_scores));\n")
                .append("endmodule\n");
        return v.toString();
    }

    static String board(DesignPlan plan) {
        int n = plan.model().numClasses(), sw = plan.scoreWidth(), cw = classBits(plan);
        StringBuilder v = new StringBuilder();
        v.append("// dot4j_top for a small package: the class on pins, and the score of class score_sel.\n")
                .append("module ").append(BOARD).append(" (\n")
                .append("    input  wire clk,\n")
                .append("    input  wire rst,\n")
                .append("    input  wire in_valid,\n")
                .append("    output wire in_ready,\n")
                .append("    input  wire [").append(plan.inputWidth() - 1).append(":0] in_data,\n")
                .append("    output wire out_valid,\n")
                .append("    input  wire out_ready,\n")
                .append("    output wire [").append(cw - 1).append(":0] out_class,\n")
                .append("    input  wire [").append(cw - 1).append(":0] score_sel,\n")
                .append("    output reg  [").append(sw - 1).append(":0] score\n")
                .append(");\n")
                .append("    wire [").append(n * sw - 1).append(":0] scores;\n")
                .append("    ").append(TOP).append(" u_top (.clk(clk), .rst(rst), .in_valid(in_valid), .in_ready(in_ready), ")
                .append(".in_data(in_data),\n        .out_valid(out_valid), .out_ready(out_ready), .out_class(out_class), ")
                .append(".out_scores(scores));\n")
                .append("    always @* begin\n")
                .append("        case (score_sel)\n");
        for (int k = 0; k < n; k++) {
            v.append("            ").append(VerilogText.lit(cw, k)).append(": score = scores[").append(k * sw).append(" +: ")
                    .append(sw).append("];\n");
        }
        v.append("            default: score = ").append(VerilogText.lit(sw, 0)).append(";\n")
                .append("        endcase\n")
                .append("    end\n")
                .append("endmodule\n");
        return v.toString();
    }
}
