/**
 * dot4j runtime: integer-only networks for very small devices, with no dependencies beyond the JDK.
 * {@link io.dot4j.runtime.Dot4jModel} is the embedding API; {@code ir} holds the model, {@code format} its file,
 * {@code kernels} the fast engine, {@code reference} the slow and obviously right interpreter, {@code image} the
 * image-to-pixels policy.
 */
package io.dot4j.runtime;
