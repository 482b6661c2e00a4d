package io.dot4j.core.metrics;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Counts of (true class, predicted class) pairs, and the accuracies read off them. Shared by every evaluation:
 * float checkpoints, quantized networks and deployed integer models report in the same form.
 */
public final class ConfusionMatrix {
    private final long[][] counts;

    public ConfusionMatrix(int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses: expected >= 1, got " + numClasses);
        }
        counts = new long[numClasses][numClasses];
    }

    /** A matrix from counts[true][predicted] (copied). */
    public static ConfusionMatrix of(int[][] counts) {
        ConfusionMatrix m = new ConfusionMatrix(counts.length);
        for (int t = 0; t < counts.length; t++) {
            if (counts[t].length != counts.length) {
                throw new IllegalArgumentException("confusion counts: expected a square matrix, row " + t + " has "
                        + counts[t].length + " of " + counts.length + " columns");
            }
            for (int p = 0; p < counts.length; p++) {
                m.counts[t][p] = counts[t][p];
            }
        }
        return m;
    }

    public int numClasses() {
        return counts.length;
    }

    public void add(int truth, int predicted) {
        if (truth < 0 || truth >= counts.length || predicted < 0 || predicted >= counts.length) {
            throw new IllegalArgumentException("class out of range 0.." + (counts.length - 1) + ": truth " + truth
                    + ", predicted " + predicted);
        }
        counts[truth][predicted]++;
    }

    public long count(int truth, int predicted) {
        return counts[truth][predicted];
    }

    public long total() {
        long n = 0;
        for (long[] row : counts) {
            for (long c : row) {
                n += c;
            }
        }
        return n;
    }

    public long correct() {
        long n = 0;
        for (int i = 0; i < counts.length; i++) {
            n += counts[i][i];
        }
        return n;
    }

    /** Fraction of all samples predicted right; NaN when empty. */
    public double accuracy() {
        long t = total();
        return t == 0 ? Double.NaN : (double) correct() / t;
    }

    /** Recall of one class: right predictions among samples of that class; NaN when the class has none. */
    public double classAccuracy(int c) {
        long n = 0;
        for (long v : counts[c]) {
            n += v;
        }
        return n == 0 ? Double.NaN : (double) counts[c][c] / n;
    }

    /** Prints accuracy, per-class accuracy and the matrix (rows: true class, columns: predicted). */
    public void print(PrintWriter out, List<String> classNames) {
        out.printf(Locale.ROOT, "accuracy: %.2f %% (%d of %d)%n", 100 * accuracy(), correct(), total());
        out.println("per class:");
        for (int c = 0; c < counts.length; c++) {
            String name = c < classNames.size() ? classNames.get(c) : Integer.toString(c);
            out.printf(Locale.ROOT, "  %2d %-14s %6.2f %%%n", c, name, 100 * classAccuracy(c));
        }
        out.println("confusion matrix (rows: true class, columns: predicted):");
        StringBuilder head = new StringBuilder("      ");
        for (int c = 0; c < counts.length; c++) {
            head.append(String.format(Locale.ROOT, "%6d", c));
        }
        out.println(head);
        for (int t = 0; t < counts.length; t++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %2d  ", t));
            for (int p = 0; p < counts.length; p++) {
                row.append(String.format(Locale.ROOT, "%6d", counts[t][p]));
            }
            out.println(row);
        }
    }
}
