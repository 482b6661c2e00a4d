/** C99 for microcontrollers and the host, generated from an {@code IntModel} and its analysis. */
package io.dot4j.codegen.c;
