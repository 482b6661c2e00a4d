/** The {@code .dot4j} file: atomic writer, bounds-checked reader, byte accounting (docs/MODEL_FORMAT.md). */
package io.dot4j.runtime.format;
