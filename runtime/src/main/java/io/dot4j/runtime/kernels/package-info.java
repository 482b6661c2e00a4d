/** The fast engine: bit-serial popcount kernels for 1- and 2-bit weights, int loops for int8 weights. */
package io.dot4j.runtime.kernels;
