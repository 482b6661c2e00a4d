package io.dot4j.core.data;

import io.dot4j.core.tensor.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one labelled set into a training and a test part when the user's data has no test split of its own (a
 * folder of class sub-folders, a single CSV file): in each class separately, the images are shuffled with
 * {@code Rng(}{@value #SEED}{@code )} and {@value #TEST_PERCENT} % of them (rounded, at least one when the class has
 * two or more) go to the test part. Both parts keep the original order. The seed is fixed so that every command and
 * every run sees the same split.
 */
public final class SeededSplit {

    /** Share of each class held out for testing, in percent. */
    public static final int TEST_PERCENT = 20;

    /** The fixed seed of the shuffle. */
    public static final long SEED = 0;

    /** A training part and a test part. */
    public record Splits(Dataset train, Dataset test) {
    }

    private SeededSplit() {
    }

    /**
     * Splits {@code all}; fails naming {@code source} when no class has two images (nothing could be held out).
     */
    public static Splits of(Dataset all, java.nio.file.Path source) {
        int[] labels = all.labels();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < all.numClasses(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        boolean[] test = new boolean[labels.length];
        int testCount = 0;
        Rng rng = new Rng(SEED);
        for (List<Integer> members : byClass) {
            int n = members.size();
            int k = n < 2 ? 0 : Math.max(1, Math.round(n * TEST_PERCENT / 100f));
            for (int i = n - 1; i > 0; i--) { // Fisher-Yates
                int j = rng.nextInt(i + 1);
                members.set(i, members.set(j, members.get(i)));
            }
            for (int i = 0; i < k; i++) {
                test[members.get(i)] = true;
            }
            testCount += k;
        }
        if (testCount == 0) {
            throw new DataFormatException(source, "", all.count() + " images and no class with two of them: too few to"
                    + " hold out a test split (give separate training and test data)");
        }
        int[] trainIdx = new int[labels.length - testCount];
        int[] testIdx = new int[testCount];
        for (int i = 0, a = 0, b = 0; i < labels.length; i++) {
            if (test[i]) {
                testIdx[b++] = i;
            } else {
                trainIdx[a++] = i;
            }
        }
        return new Splits(all.subset(trainIdx).withClasses(all.name() + "/train", all.classNames()),
                all.subset(testIdx).withClasses(all.name() + "/test", all.classNames()));
    }
}
