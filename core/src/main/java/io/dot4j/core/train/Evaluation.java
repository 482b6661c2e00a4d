package io.dot4j.core.train;

/**
 * Result of evaluating a classifier on a data set.
 *
 * @param loss      mean softmax cross-entropy over all images
 * @param confusion confusion[true][predicted] counts
 */
public record Evaluation(double loss, int[][] confusion) {
    public int count() {
        int n = 0;
        for (int[] row : confusion) {
            for (int v : row) {
                n += v;
            }
        }
        return n;
    }

    public int correct() {
        int c = 0;
        for (int i = 0; i < confusion.length; i++) {
            c += confusion[i][i];
        }
        return c;
    }

    public double accuracy() {
        int n = count();
        return n == 0 ? Double.NaN : (double) correct() / n;
    }

    /** Recall of each class: correct / images of that class (NaN for a class without images). */
    public double[] perClassAccuracy() {
        double[] r = new double[confusion.length];
        for (int i = 0; i < confusion.length; i++) {
            int total = 0;
            for (int v : confusion[i]) {
                total += v;
            }
            r[i] = total == 0 ? Double.NaN : (double) confusion[i][i] / total;
        }
        return r;
    }
}
