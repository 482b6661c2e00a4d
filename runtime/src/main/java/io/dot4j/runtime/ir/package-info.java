/**
 * The integer model: immutable, validated layers chained from uint8 pixels to int32 class scores. Tensors are
 * channel-last; weights are ±1 (bit-packed), {-3,-1,1,3} (two bit-planes) or int8; activations are k-bit levels
 * produced by per-channel thresholds. This package is the contract every other path (Java, C, Verilog) follows.
 */
package io.dot4j.runtime.ir;
