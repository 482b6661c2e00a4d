package io.dot4j.codegen.verilog;

import static io.dot4j.codegen.verilog.VerilogText.zext;

import java.util.ArrayList;
import java.util.List;

/** Balanced adder trees written as Verilog, with the width of every node cut to what its largest value needs. */
final class AdderTree {
    /** Adder levels between pipeline registers: three: fewer flip-flops (each costs a logic cell), carry chains still short. */
    static final int LEVELS_PER_STAGE = 3;

    private AdderTree() {
    }

    /** A node of an adder tree: its signal name, width and largest value. */
    record Node(String name, int width, long max, int latency) {
    }

    /**
     * A balanced adder tree over the leaves, registered every {@link #LEVELS_PER_STAGE} levels. Nodes are at most
     * {@code cap} bits: the accumulator works modulo 2^AW and the chunk's contribution fits AW bits, so the bits a
     * node would carry past the cap (after the coefficient's shift) cannot change the result.
     */
    static Node write(StringBuilder v, int layer, int b, String prefix, List<String> leafExprs, int cap) {
        if (cap < b) {
            throw new IllegalStateException("layer " + layer + ": adder width " + cap + " below the input's " + b + " bits");
        }
        long leafMax = (1L << b) - 1;
        List<Node> nodes = new ArrayList<>();
        for (int s = 0; s < leafExprs.size(); s++) {
            String name = prefix + "_l" + s;
            line(v, "    wire [" + (b - 1) + ":0] " + name + " = " + leafExprs.get(s) + ";");
            nodes.add(new Node(name, b, leafMax, 0));
        }
        int level = 0, registered = 0;
        while (nodes.size() > 1) {
            level++;
            boolean reg = level % LEVELS_PER_STAGE == 0;
            List<Node> next = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i += 2) {
                String name = prefix + "_" + level + "_" + i / 2;
                if (i + 1 == nodes.size()) {
                    Node a = nodes.get(i);
                    emitNode(v, name, a.width, a.name, reg);
                    next.add(new Node(name, a.width, a.max, 0));
                } else {
                    Node a = nodes.get(i), c = nodes.get(i + 1);
                    long max = a.max + c.max;
                    int w = Math.min(cap, VerilogText.unsignedBits(max));
                    emitNode(v, name, w, zext(a.name, a.width, w) + " + " + zext(c.name, c.width, w), reg);
                    next.add(new Node(name, w, max, 0));
                }
            }
            nodes = next;
            if (reg) {
                registered++;
            }
        }
        Node root = nodes.get(0);
        return new Node(root.name, root.width, root.max, registered);
    }

    private static void emitNode(StringBuilder v, String name, int width, String expr, boolean reg) {
        if (reg) {
            line(v, "    reg [" + (width - 1) + ":0] " + name + ";");
            line(v, "    always @(posedge clk) if (en) " + name + " <= " + expr + ";");
        } else {
            line(v, "    wire [" + (width - 1) + ":0] " + name + " = " + expr + ";");
        }
    }

    private static void line(StringBuilder v, String s) {
        v.append(s).append('\n');
    }
}
