package io.dot4j.bench;

/** One engine set up to run one batch of fixed inputs again and again. */
public interface BatchRunner extends AutoCloseable {
    /** Images per {@link #run()}. */
    int batch();

    /** Runs one batch; returns a value read from the outputs, so the JIT cannot drop the work. */
    long run();

    /** The outputs of one batch as floats [image][score], to check engines against each other before timing. */
    float[][] outputs();

    @Override
    void close();
}
