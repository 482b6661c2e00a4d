package io.dot4j.quant.recipes;

import java.util.List;

/**
 * A validated sweep (see {@link SweepParser}): the points to train, in order, and the size of the full grid they were
 * taken from (larger than {@code points.size()} when a seeded random sample was asked for).
 */
public record Sweep(String source, List<SweepPoint> points, long gridSize) {
    public Sweep {
        points = List.copyOf(points);
    }
}
