/**
 * The analysis beside the IR: value ranges and bit widths of every accumulator, partial sum and level, threshold
 * keys, weight planes and the bit-serial identity, and buffer plans (whole tensors, the Java engine, streaming).
 * {@link io.dot4j.runtime.analysis.ModelAnalysis#of} is the entry point. Every back end reads these facts from here;
 * docs/ARCHITECTURE.md ("The model analysis") states the definitions.
 */
package io.dot4j.runtime.analysis;
