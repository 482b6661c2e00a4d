package io.dot4j.codegen.verilog;

import java.util.Locale;

/**
 * What yosys and nextpnr report for a design on an iCE40 UP5K: the cells used out of the device's, and the achieved
 * clock (NaN when the design did not fit or did not route).
 */
public record FpgaReport(int logicCells, int ebr, int spram, int dsp, double fmaxMhz, int seed, boolean routed) {
    public static final int LOGIC_CELLS = 5_280;
    public static final int EBRS = 30;
    public static final int SPRAMS = 4;
    public static final int DSPS = 8;

    public boolean fits() {
        return logicCells <= LOGIC_CELLS && ebr <= EBRS && spram <= SPRAMS && dsp <= DSPS;
    }

    /** Images per second at fmax for the given initiation interval (cycles per image). */
    public double imagesPerSecond(double interval) {
        return fmaxMhz * 1e6 / interval;
    }

    /** The table the bench prints, every number labelled by where it comes from. */
    public String describe(double interval, long latency) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "logic cells     %,6d / %,d (%.0f %%)%n", logicCells, LOGIC_CELLS, 100.0 * logicCells / LOGIC_CELLS));
        b.append(String.format(Locale.ROOT, "EBR (4 Kbit)    %6d / %d%n", ebr, EBRS));
        b.append(String.format(Locale.ROOT, "SPRAM           %6d / %d%n", spram, SPRAMS));
        b.append(String.format(Locale.ROOT, "DSP             %6d / %d%n", dsp, DSPS));
        if (routed) {
            b.append(String.format(Locale.ROOT, "fmax            %9.2f MHz (nextpnr, seed %d)%n", fmaxMhz, seed));
        } else {
            b.append("fmax            not placed: the design does not fit the UP5K\n");
        }
        b.append(String.format(Locale.ROOT, "interval        %,9.1f cycles per image (simulation)%n", interval));
        b.append(String.format(Locale.ROOT, "latency         %,9d cycles (simulation)%n", latency));
        if (routed) {
            b.append(String.format(Locale.ROOT, "images/s        %,9.0f (fmax / interval; from nextpnr and simulation)%n",
                    imagesPerSecond(interval)));
        }
        return b.toString();
    }
}
