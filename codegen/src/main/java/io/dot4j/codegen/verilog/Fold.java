package io.dot4j.codegen.verilog;

/**
 * The folding of one matrix-vector layer, as in FINN: {@code pe} output channels and {@code simd} inputs per clock
 * cycle. A layer with {@code outChannels} outputs and {@code fanIn} inputs takes (outChannels / pe) x (fanIn / simd)
 * cycles per output position.
 */
public record Fold(int pe, int simd) {

    public Fold {
        if (pe < 1 || simd < 1) {
            throw new IllegalArgumentException("fold " + pe + "x" + simd + ": PE and SIMD must be at least 1");
        }
    }

    @Override
    public String toString() {
        return pe + "x" + simd;
    }
}
