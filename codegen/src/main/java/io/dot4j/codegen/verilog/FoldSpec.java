package io.dot4j.codegen.verilog;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds chosen by the user for some layers, by layer index: {@code "0=4x9,3=2x144"} gives layer 0 four PEs of nine
 * inputs and layer 3 two PEs of 144 inputs. Layers not named are folded by {@link FoldChooser}.
 */
public record FoldSpec(Map<Integer, Fold> folds) {

    public static final FoldSpec NONE = new FoldSpec(Map.of());

    public FoldSpec {
        folds = Collections.unmodifiableMap(new TreeMap<>(folds));
    }

    /** Parses {@code LAYER=PExSIMD[,LAYER=PExSIMD...]}; null or blank is {@link #NONE}. */
    public static FoldSpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        Map<Integer, Fold> folds = new TreeMap<>();
        for (String item : spec.split(",")) {
            String s = item.trim();
            int eq = s.indexOf('='), x = s.indexOf('x', eq + 1);
            if (eq < 1 || x < 0) {
                throw new IllegalArgumentException("fold '" + s + "': expected LAYER=PExSIMD, for example 3=2x144");
            }
            try {
                int layer = Integer.parseInt(s.substring(0, eq).trim());
                Fold f = new Fold(Integer.parseInt(s.substring(eq + 1, x).trim()), Integer.parseInt(s.substring(x + 1).trim()));
                if (folds.put(layer, f) != null) {
                    throw new IllegalArgumentException("fold '" + s + "': layer " + layer + " is named twice");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fold '" + s + "': expected LAYER=PExSIMD with whole numbers, for example 3=2x144");
            }
        }
        return new FoldSpec(folds);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        folds.forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return b.toString();
    }
}
