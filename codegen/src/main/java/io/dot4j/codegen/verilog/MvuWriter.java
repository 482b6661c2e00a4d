package io.dot4j.codegen.verilog;

import static io.dot4j.codegen.verilog.VerilogText.indexBits;
import static io.dot4j.codegen.verilog.VerilogText.lit;
import static io.dot4j.codegen.verilog.VerilogText.shifted;
import static io.dot4j.codegen.verilog.VerilogText.slice;
import static io.dot4j.codegen.verilog.VerilogText.zext;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the Verilog module of one {@link MvuLayer}: the input (sliding window or word buffer), the fold sequencer,
 * the weight ROM, AND-gated adder trees per PE and weight plane, the accumulators, the threshold comparators and the
 * output word, into an output word register (or a skid buffer for layers of under 8 cycles a word) whose registered
 * state moves the whole pipeline (a global enable).
 *
 * <p>Pipeline: issue (ROM address, input chunk) | S1 (chunk, weights) | adder tree, a register every
 * {@link AdderTree#LEVELS_PER_STAGE} levels | contribution | accumulator (and threshold keys) | comparators into the skid.
 */
final class MvuWriter {
    private final MvuLayer l;
    private final StringBuilder v = new StringBuilder();
    private final int pe;
    private final int simd;
    private final int planes;
    private final int b;
    private final int aw;
    private int treeLatency;

    MvuWriter(MvuLayer layer) {
        this.l = layer;
        this.pe = layer.fold().pe();
        this.simd = layer.fold().simd();
        this.planes = layer.code().planes();
        this.b = layer.inBits();
        this.aw = layer.accWidth();
    }

    String module() {
        int nf = l.nf(), sf = l.sf(), depthBits = indexBits((long) nf * sf), nfw = indexBits(nf);
        int wbits = pe * simd * planes, chunk = simd * b, outBits = l.outBits();
        line("// layer " + l.index() + ": " + (l.conv() ? "convolution " + l.kh() + "x" + l.kw() + " stride " + l.stride()
                + " pad " + l.pad() : "dense") + ", " + l.outChannels() + " outputs x " + l.fanIn() + " inputs of "
                + b + " bits, " + l.code().bits() + "-bit weights, fold PE " + pe + " x SIMD " + simd + " ("
                + nf + " x " + sf + " cycles per output)");
        line("module " + l.name() + " (");
        line("    input  wire clk,");
        line("    input  wire rst,");
        line("    input  wire in_valid,");
        line("    output wire in_ready,");
        line("    input  wire [" + (l.inWidth() - 1) + ":0] in_data,");
        line("    output wire out_valid,");
        line("    input  wire out_ready,");
        line("    output wire [" + (l.outWidth() - 1) + ":0] out_data");
        line(");");
        line("    wire en;  // the output skid has room: every pipeline register moves");
        int partBits = indexBits(l.conv() ? sf : l.chunksPerWord());
        int parts = l.conv() ? sf : l.chunksPerWord();
        int words = l.conv() ? 1 : l.inH() * l.inW();
        int wordBits = indexBits(words);
        line("    reg [" + (depthBits - 1) + ":0] addr;");
        line("    reg [" + (nfw - 1) + ":0] nf;");
        line("    reg [" + (partBits - 1) + ":0] part;");
        line("    reg [" + (wordBits - 1) + ":0] word;");
        line("    wire src_valid;");
        line("    wire issue = en && src_valid;");
        line("    wire issue_last = addr == " + lit(depthBits, (long) nf * sf - 1) + ";");
        line("    wire part_last = part == " + lit(partBits, parts - 1) + ";");
        line("    wire word_last = word == " + lit(wordBits, words - 1) + ";");
        line("    reg [" + (chunk - 1) + ":0] x1;");
        if (l.rows()) {
            writeRows();
        } else if (l.conv()) {
            writeWindow(chunk, sf, partBits);
        } else {
            writeBuffer(chunk, wordBits, partBits);
        }
        line("    always @(posedge clk) begin");
        line("        if (rst) begin");
        line("            addr <= " + lit(depthBits, 0) + ";");
        line("            nf <= " + lit(nfw, 0) + ";");
        line("            part <= " + lit(partBits, 0) + ";");
        line("            word <= " + lit(wordBits, 0) + ";");
        line("        end else if (issue) begin");
        line("            addr <= issue_last ? " + lit(depthBits, 0) + " : addr + 1'b1;");
        line("            part <= part_last ? " + lit(partBits, 0) + " : part + 1'b1;");
        line("            if (part_last) word <= word_last ? " + lit(wordBits, 0) + " : word + 1'b1;");
        line("            if (part_last && word_last) nf <= nf == " + lit(nfw, nf - 1) + " ? " + lit(nfw, 0) + " : nf + 1'b1;");
        line("        end");
        line("    end");
        // S1: weights from the ROM, control
        line("    reg [" + (wbits - 1) + ":0] wrom [0:" + ((1 << depthBits) - 1) + "];");
        line("    initial $readmemh(\"" + WeightRom.file(l) + "\", wrom);");
        line("    reg [" + (wbits - 1) + ":0] w1;");
        line("    reg v1, first1, last1;");
        line("    reg [" + (nfw - 1) + ":0] nf1;");
        line("    always @(posedge clk) begin");
        line("        if (en) begin");
        line("            w1 <= wrom[addr];");
        line("            first1 <= part == " + lit(partBits, 0) + " && word == " + lit(wordBits, 0) + ";");
        line("            last1 <= part_last && word_last;");
        line("            nf1 <= nf;");
        line("        end");
        line("    end");
        line("    always @(posedge clk) begin");
        line("        if (rst) v1 <= 1'b0;");
        line("        else if (en) v1 <= src_valid;");
        line("    end");
        // adder trees
        boolean needAll = l.code().offset() != 0;
        List<AdderTree.Node> sel = new ArrayList<>();
        for (int e = 0; e < pe; e++) {
            for (int p = 0; p < planes; p++) {
                List<String> leaves = new ArrayList<>(simd);
                for (int s = 0; s < simd; s++) {
                    String wbit = "w1[" + ((p * pe + e) * simd + s) + "]";
                    String x = slice("x1", s * b, b);
                    leaves.add(b == 1 ? "(" + wbit + " & " + x + ")" : "(" + wbit + " ? " + x + " : " + lit(b, 0) + ")");
                }
                int shift = Integer.numberOfTrailingZeros(Math.abs(l.code().coef()[p]));
                sel.add(tree("s" + e + "_" + p, leaves, aw - shift));
            }
        }
        AdderTree.Node all = null;
        if (needAll) {
            List<String> leaves = new ArrayList<>(simd);
            for (int s = 0; s < simd; s++) {
                leaves.add(slice("x1", s * b, b));
            }
            all = tree("all", leaves, aw);
        }
        // control delayed through the tree
        String vT = "v1", firstT = "first1", lastT = "last1", nfT = "nf1";
        for (int st = 1; st <= treeLatency; st++) {
            line("    reg vt" + st + ", firstt" + st + ", lastt" + st + ";");
            line("    reg [" + (nfw - 1) + ":0] nft" + st + ";");
            line("    always @(posedge clk) begin");
            line("        if (rst) vt" + st + " <= 1'b0;");
            line("        else if (en) vt" + st + " <= " + vT + ";");
            line("    end");
            line("    always @(posedge clk) begin");
            line("        if (en) begin");
            line("            firstt" + st + " <= " + firstT + ";");
            line("            lastt" + st + " <= " + lastT + ";");
            line("            nft" + st + " <= " + nfT + ";");
            line("        end");
            line("    end");
            vT = "vt" + st;
            firstT = "firstt" + st;
            lastT = "lastt" + st;
            nfT = "nft" + st;
        }
        // contribution of this chunk: sum_p coef_p * sel_p + offset * all, modulo 2^AW
        line("    reg vc, firstc, lastc;");
        line("    reg [" + (nfw - 1) + ":0] nfc;");
        line("    always @(posedge clk) begin");
        line("        if (rst) vc <= 1'b0;");
        line("        else if (en) vc <= " + vT + ";");
        line("    end");
        line("    always @(posedge clk) begin");
        line("        if (en) begin");
        line("            firstc <= " + firstT + ";");
        line("            lastc <= " + lastT + ";");
        line("            nfc <= " + nfT + ";");
        line("        end");
        line("    end");
        for (int e = 0; e < pe; e++) {
            StringBuilder expr = new StringBuilder();
            for (int p = 0; p < planes; p++) {
                int c = l.code().coef()[p];
                // sel trees are capped at AW - shift bits, so the shifted term fits AW
                AdderTree.Node t = sel.get(e * planes + p);
                int shift = Integer.numberOfTrailingZeros(Math.abs(c));
                expr.append(expr.length() == 0 ? (c < 0 ? "- " : "") : (c < 0 ? " - " : " + "))
                        .append(shifted(t.name(), t.width(), shift, aw));
            }
            if (needAll) {
                int off = -l.code().offset(); // 1 or 3
                expr.append(" - ").append(zext(all.name(), all.width(), aw));
                if (off == 3) {
                    expr.append(" - ").append(all.width() + 1 > aw ? "{" + all.name() + "[" + (aw - 2) + ":0], 1'b0}"
                            : shifted(all.name(), all.width(), 1, aw));
                }
            }
            line("    reg [" + (aw - 1) + ":0] contrib" + e + ";");
            line("    always @(posedge clk) if (en) contrib" + e + " <= " + expr + ";");
        }
        // accumulators; the threshold keys of the fold arrive with the last chunk
        line("    reg va;");
        line("    reg [" + (nfw - 1) + ":0] nfa;");
        line("    always @(posedge clk) begin");
        line("        if (rst) va <= 1'b0;");
        line("        else if (en) va <= vc && lastc;");
        line("    end");
        line("    always @(posedge clk) if (en) nfa <= nfc;");
        for (int e = 0; e < pe; e++) {
            line("    reg [" + (aw - 1) + ":0] acc" + e + ";");
            String start = l.bias().length == 0 ? lit(aw, 0) : "bias" + e;
            if (l.bias().length > 0) {
                line("    reg [" + (aw - 1) + ":0] bias" + e + ";");
                line("    always @* begin");
                line("        case (nfc)");
                for (int f = 0; f < nf; f++) {
                    line("            " + lit(nfw, f) + ": bias" + e + " = " + lit(aw, l.bias()[f * pe + e]) + ";");
                }
                line("            default: bias" + e + " = " + lit(aw, 0) + ";");
                line("        endcase");
                line("    end");
            }
            line("    always @(posedge clk) if (en && vc) acc" + e + " <= (firstc ? " + start + " : acc" + e + ") + contrib" + e + ";");
        }
        List<String> results = new ArrayList<>();
        if (l.activation() == null) {
            for (int e = 0; e < pe; e++) {
                results.add("acc" + e);
            }
        } else {
            ThresholdKeyComparators.write(v, l, pe, aw, nf, nfw, results);
        }
        int foldWidth = pe * outBits;
        StringBuilder levels = new StringBuilder();
        for (int e = pe - 1; e >= 0; e--) {
            levels.append(levels.length() == 0 ? "" : ", ").append(results.get(e));
        }
        line("    wire [" + (foldWidth - 1) + ":0] fold_out = {" + levels + "};");
        if ((long) nf * l.sf() >= 8) {
            // a slow layer assembles its output word in place and offers it from there; the pipeline stops only when
            // a new fold would overwrite a word not yet taken (about one word time later), so ready stops here too
            line("    reg [" + (l.outWidth() - 1) + ":0] word_q;");
            line("    reg pending;");
            line("    assign en = !(pending && va);");
            line("    assign out_valid = pending;");
            line("    assign out_data = word_q;");
            line("    always @(posedge clk) begin");
            line("        if (en && va) begin");
            if (nf == 1) {
                line("            word_q <= fold_out;");
            } else {
                line("            case (nfa)");
                for (int f = 0; f < nf; f++) {
                    line("                " + lit(nfw, f) + ": word_q[" + f * foldWidth + " +: " + foldWidth + "] <= fold_out;");
                }
                line("                default: ;");
                line("            endcase");
            }
            line("        end");
            line("    end");
            line("    always @(posedge clk) begin");
            line("        if (rst) pending <= 1'b0;");
            line("        else if (en && va && nfa == " + lit(nfw, nf - 1) + ") pending <= 1'b1;");
            line("        else if (out_ready) pending <= 1'b0;");
            line("    end");
        } else {
            // a fast layer: folds 0..NF-2 wait in the collector, the last one goes with them into a skid buffer
            String word = "fold_out";
            if (nf > 1) {
                line("    reg [" + ((nf - 1) * foldWidth - 1) + ":0] collected;");
                line("    always @(posedge clk) begin");
                line("        if (en && va) begin");
                line("            case (nfa)");
                for (int f = 0; f < nf - 1; f++) {
                    line("                " + lit(nfw, f) + ": collected[" + f * foldWidth + " +: " + foldWidth + "] <= fold_out;");
                }
                line("                default: ;");
                line("            endcase");
                line("        end");
                line("    end");
                word = "{fold_out, collected}";
            }
            line("    d4j_skid #(.WIDTH(" + l.outWidth() + ")) u_out (.clk(clk), .rst(rst), .in_valid(va && nfa == "
                    + lit(nfw, nf - 1) + "), .in_ready(en),");
            line("        .in_data(" + word + "), .out_valid(out_valid), .out_ready(out_ready), .out_data(out_data));");
        }
        line("endmodule");
        return v.toString();
    }

    private void writeRows() {
        int kyw = indexBits(l.kh() + 1), kxw = indexBits(l.kw() + 1);
        line("    // the window is read from the row buffer one position (all channels) per chunk");
        line("    reg [" + (kyw - 1) + ":0] ky;");
        line("    reg [" + (kxw - 1) + ":0] kx;");
        line("    wire [" + (l.inWidth() - 1) + ":0] pixel;");
        line("    d4j_rows #(.H(" + l.inH() + "), .W(" + l.inW() + "), .CB(" + l.inWidth() + "), .KH(" + l.kh() + "), .KW("
                + l.kw() + "), .S(" + l.stride() + "), .P(" + l.pad() + "), .R(" + l.rowSlots() + ")) u_rows (");
        line("        .clk(clk), .rst(rst), .in_valid(in_valid), .in_ready(in_ready), .in_data(in_data),");
        line("        .avail(src_valid), .next(issue && issue_last), .rd_en(en), .ky(ky), .kx(kx), .rd_data(pixel));");
        line("    always @(posedge clk) begin");
        line("        if (rst) begin");
        line("            ky <= " + lit(kyw, 0) + ";");
        line("            kx <= " + lit(kxw, 0) + ";");
        line("        end else if (issue) begin");
        line("            if (part_last) begin");
        line("                ky <= " + lit(kyw, 0) + ";");
        line("                kx <= " + lit(kxw, 0) + ";");
        line("            end else if (kx == " + lit(kxw, l.kw() - 1) + ") begin");
        line("                kx <= " + lit(kxw, 0) + ";");
        line("                ky <= ky + 1'b1;");
        line("            end else begin");
        line("                kx <= kx + 1'b1;");
        line("            end");
        line("        end");
        line("    end");
        line("    always @* x1 = pixel;");
    }

    private void writeWindow(int chunk, int sf, int partBits) {
        int fan = l.fanIn();
        line("    wire win_valid;");
        line("    wire [" + (fan * b - 1) + ":0] win;");
        line("    d4j_window #(.H(" + l.inH() + "), .W(" + l.inW() + "), .CB(" + l.inWidth() + "), .KH(" + l.kh() + "), .KW("
                + l.kw() + "), .S(" + l.stride() + "), .P(" + l.pad() + ")) u_window (");
        line("        .clk(clk), .rst(rst), .in_valid(in_valid), .in_ready(in_ready), .in_data(in_data),");
        if (sf == 1) {
            // the window is copied at the first fold and released: the window steps on while the folds run
            line("        .out_valid(win_valid), .out_ready(issue && nf == " + lit(indexBits(l.nf()), 0) + "), .out_data(win));");
            line("    assign src_valid = nf != " + lit(indexBits(l.nf()), 0) + " || win_valid;");
            line("    always @(posedge clk) if (issue && nf == " + lit(indexBits(l.nf()), 0) + ") x1 <= win;");
        } else {
            line("        .out_valid(win_valid), .out_ready(issue && issue_last), .out_data(win));");
            line("    assign src_valid = win_valid;");
            line("    reg [" + (chunk - 1) + ":0] chunk;");
            line("    always @* begin");
            line("        case (part)");
            for (int s = 0; s < sf; s++) {
                line("            " + lit(partBits, s) + ": chunk = " + slice("win", s * chunk, chunk) + ";");
            }
            line("            default: chunk = " + lit(chunk, 0) + ";");
            line("        endcase");
            line("    end");
            line("    always @(posedge clk) if (en) x1 <= chunk;");
        }
    }

    private void writeBuffer(int chunk, int wordBits, int partBits) {
        int words = l.inH() * l.inW(), parts = l.chunksPerWord(), iw = l.inWidth();
        line("    // two banks of the whole input vector: one fills while the other is read once per output fold");
        line("    reg [" + (iw - 1) + ":0] xbuf [0:" + ((2 << wordBits) - 1) + "];");
        line("    reg fill_bank, read_bank;");
        line("    reg [1:0] full;");
        line("    reg [" + (wordBits - 1) + ":0] fill;");
        line("    wire filling = !full[fill_bank];");
        line("    assign in_ready = filling;");
        line("    assign src_valid = full[read_bank];");
        line("    always @(posedge clk) if (filling && in_valid) xbuf[{fill_bank, fill}] <= in_data;");
        line("    always @(posedge clk) begin");
        line("        if (rst) begin");
        line("            full <= 2'b00;");
        line("            fill_bank <= 1'b0;");
        line("            read_bank <= 1'b0;");
        line("            fill <= " + lit(wordBits, 0) + ";");
        line("        end else begin");
        line("            if (filling && in_valid) begin");
        line("                fill <= fill == " + lit(wordBits, words - 1) + " ? " + lit(wordBits, 0) + " : fill + 1'b1;");
        line("                if (fill == " + lit(wordBits, words - 1) + ") begin");
        line("                    full[fill_bank] <= 1'b1;");
        line("                    fill_bank <= !fill_bank;");
        line("                end");
        line("            end");
        line("            if (issue && issue_last) begin");
        line("                full[read_bank] <= 1'b0;");
        line("                read_bank <= !read_bank;");
        line("            end");
        line("        end");
        line("    end");
        line("    reg [" + (iw - 1) + ":0] xq;");
        line("    always @(posedge clk) if (en) xq <= xbuf[{read_bank, word}];");
        if (parts == 1) {
            line("    always @* x1 = xq;");
        } else {
            line("    reg [" + (partBits - 1) + ":0] part1;");
            line("    always @(posedge clk) if (en) part1 <= part;");
            line("    always @* begin");
            line("        case (part1)");
            for (int s = 0; s < parts; s++) {
                line("            " + lit(partBits, s) + ": x1 = " + slice("xq", s * chunk, chunk) + ";");
            }
            line("            default: x1 = " + lit(chunk, 0) + ";");
            line("        endcase");
            line("    end");
        }
    }

    /** An adder tree over the leaves (see {@link AdderTree}); the control signals are delayed by its latency. */
    private AdderTree.Node tree(String prefix, List<String> leafExprs, int cap) {
        AdderTree.Node t = AdderTree.write(v, l.index(), b, prefix, leafExprs, cap);
        treeLatency = t.latency();
        return t;
    }

    private void line(String s) {
        v.append(s).append('\n');
    }
}
