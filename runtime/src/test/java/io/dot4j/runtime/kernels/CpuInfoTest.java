package io.dot4j.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuInfoTest {
    @Test
    void x86FlagsThatMatterAreKeptInOrder() {
        CpuInfo c = CpuInfo.parse(List.of("processor\t: 0", "model name\t: AMD EPYC 7B13",
                "flags\t\t: fpu sse2 avx2 bmi2 avx512_vpopcntdq avx512f", "", "processor\t: 1",
                "model name\t: other", "flags\t\t: avx2"), "amd64");
        assertEquals("AMD EPYC 7B13", c.model());
        assertEquals(List.of("avx2", "avx512f", "avx512_vpopcntdq"), c.flags());
        assertEquals("AMD EPYC 7B13 (amd64: avx2 avx512f avx512_vpopcntdq)", c.summary());
    }

    @Test
    void armFeaturesAndAnAvx2OnlyMachine() {
        CpuInfo arm = CpuInfo.parse(List.of("processor\t: 0", "Features\t: fp asimd evtstrm aes sve sve2",
                "CPU part\t: 0xd40"), "aarch64");
        assertEquals(List.of("asimd", "sve", "sve2"), arm.flags());
        assertEquals("unknown", arm.model());
        CpuInfo zen3 = CpuInfo.parse(List.of("model name : AMD EPYC 7B13", "flags : sse4_2 avx avx2 fma"), "amd64");
        assertEquals(List.of("avx2"), zen3.flags());
    }

    @Test
    void noCpuinfoSaysSo() {
        CpuInfo c = CpuInfo.parse(List.of(), "riscv64");
        assertEquals("unknown (riscv64: no vector flags known)", c.summary());
        assertFalse(CpuInfo.read().arch().isEmpty());
    }
}
