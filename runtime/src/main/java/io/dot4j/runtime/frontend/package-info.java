/**
 * The integer audio front end: 16-bit PCM in, a frames x bands image of 8-bit log-mel features out, in integer
 * arithmetic with a stated width at every step, so that Java, C and Verilog compute the same bits. Its parameters
 * ({@link io.dot4j.runtime.frontend.LogMelParameters}) have a byte encoding
 * ({@link io.dot4j.runtime.frontend.LogMelEncoding}) for the front-end layer of the {@code .dot4j} file; docs/VOICE.md
 * specifies it.
 */
package io.dot4j.runtime.frontend;
