package io.dot4j.core.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RngStateTest {
    @Test
    void restoringAStateContinuesTheSameSequenceIncludingTheSpareGaussian() {
        Rng a = new Rng(42);
        a.nextLong();
        a.nextGaussian(); // leaves a spare normal behind: the state must carry it
        Rng.State s = a.state();
        double[] expect = {a.nextGaussian(), a.nextGaussian(), a.nextFloat(), a.nextLong()};
        Rng b = new Rng(0);
        b.restore(s);
        double[] actual = {b.nextGaussian(), b.nextGaussian(), b.nextFloat(), b.nextLong()};
        for (int i = 0; i < expect.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expect[i]), Double.doubleToRawLongBits(actual[i]), "draw " + i);
        }
    }
}
