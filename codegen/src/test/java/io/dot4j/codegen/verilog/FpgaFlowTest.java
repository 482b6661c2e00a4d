package io.dot4j.codegen.verilog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FpgaFlowTest {
    @Test
    void readsTheLastUtilisationAndFmaxOfANextpnrLog() {
        List<String> log = List.of(
                "Info: Device utilisation:",
                "Info: \t         ICESTORM_LC:  4321/ 5280    81%",
                "Info: \t        ICESTORM_RAM:    19/   30    63%",
                "Info: \t      ICESTORM_SPRAM:     0/    4     0%",
                "Info: \t        ICESTORM_DSP:     2/    8    25%",
                "Info: Max frequency for clock 'clk$SB_IO_IN_$glb_clk': 25.10 MHz (FAIL at 30.00 MHz)",
                "Info: Max frequency for clock 'clk$SB_IO_IN_$glb_clk': 31.52 MHz (PASS at 30.00 MHz)");
        FpgaReport r = FpgaFlow.parse(log, true);
        assertEquals(new FpgaReport(4321, 19, 0, 2, 31.52, FpgaFlow.SEED, true), r);
        assertTrue(r.fits());
        assertEquals(31.52e6 / 2000, r.imagesPerSecond(2000), 1e-6);
        assertTrue(r.describe(2000, 3000).contains("images/s"));
    }

    @Test
    void aDesignTooLargeHasNoFmax() {
        FpgaReport r = FpgaFlow.parse(List.of("Info: \t         ICESTORM_LC:  9634/ 5280   182%"), false);
        assertFalse(r.fits());
        assertFalse(r.routed());
        assertTrue(r.describe(100, 100).contains("does not fit"));
        assertThrows(ToolException.class, () -> FpgaFlow.parse(List.of("ERROR: nothing"), false));
    }
}
