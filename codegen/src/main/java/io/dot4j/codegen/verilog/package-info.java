/** Verilog-2005 streaming designs for small FPGAs, generated from an {@code IntModel} and its analysis. */
package io.dot4j.codegen.verilog;
