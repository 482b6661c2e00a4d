package io.dot4j.codegen.c;

import java.util.List;
import java.util.Locale;

/**
 * A machine the C is built for: its compiler and flags, its popcount, and (for microcontrollers) the QEMU board that
 * runs it with semihosting. Boards and flags as tried in CHIPS.md (QEMU 7.2, GCC 12).
 */
public enum Target {
    HOST("host", "gcc", List.of("-O2"), Popcount.BUILTIN, null, null, List.of()),
    CORTEX_M0("cortex-m0", "arm-none-eabi-gcc", List.of("-mcpu=cortex-m0", "-mthumb", "-Os"), Popcount.TABLE,
            "qemu-system-arm", "arm", List.of("-M", "microbit")),
    CORTEX_M3("cortex-m3", "arm-none-eabi-gcc", List.of("-mcpu=cortex-m3", "-mthumb", "-Os"), Popcount.TABLE,
            "qemu-system-arm", "arm", List.of("-M", "mps2-an385")),
    CORTEX_M4("cortex-m4", "arm-none-eabi-gcc", List.of("-mcpu=cortex-m4", "-mthumb", "-Os"), Popcount.TABLE,
            "qemu-system-arm", "arm", List.of("-M", "mps2-an386")),
    RV32IMC("rv32imc", "riscv64-unknown-elf-gcc",
            List.of("-march=rv32imc", "-misa-spec=2.2", "-mabi=ilp32", "-Os"), Popcount.TABLE,
            "qemu-system-riscv32", "riscv", List.of("-M", "virt", "-bios", "none", "-cpu", "rv32,zbb=false")),
    RV32IMC_ZBB("rv32imc-zbb", "riscv64-unknown-elf-gcc",
            List.of("-march=rv32imc_zbb", "-misa-spec=2.2", "-mabi=ilp32", "-Os"), Popcount.BUILTIN,
            "qemu-system-riscv32", "riscv", List.of("-M", "virt", "-bios", "none", "-cpu", "rv32,zbb=true")),
    /** RV32EC (16 registers, no multiplier: a CH32V003-class core). QEMU 7.2 does not trap x16..x31, so the build
     *  checks the disassembly for them. */
    RV32E("rv32e", "riscv64-unknown-elf-gcc", List.of("-march=rv32ec", "-misa-spec=2.2", "-mabi=ilp32e", "-Os"),
            Popcount.TABLE, "qemu-system-riscv32", "riscv",
            List.of("-M", "virt", "-bios", "none", "-cpu", "rv32,i=false,e=true,h=false,m=false,zbb=false"));

    private final String id;
    private final String compiler;
    private final List<String> flags;
    private final Popcount popcount;
    private final String qemu;
    private final String arch;
    private final List<String> board;

    Target(String id, String compiler, List<String> flags, Popcount popcount, String qemu, String arch,
           List<String> board) {
        this.id = id;
        this.compiler = compiler;
        this.flags = flags;
        this.popcount = popcount;
        this.qemu = qemu;
        this.arch = arch;
        this.board = board;
    }

    /** The name on the command line, e.g. {@code cortex-m0}. */
    public String id() {
        return id;
    }

    public String compiler() {
        return compiler;
    }

    /** Machine and optimisation flags (the warnings and freestanding flags are added by the build). */
    public List<String> flags() {
        return flags;
    }

    public Popcount popcount() {
        return popcount;
    }

    /** True for the microcontrollers (run under QEMU with semihosting). */
    public boolean emulated() {
        return qemu != null;
    }

    public String qemu() {
        return qemu;
    }

    /** "arm" or "riscv": which startup code, linker script and semihosting call. */
    String arch() {
        return arch;
    }

    /** The QEMU machine arguments. */
    public List<String> board() {
        return board;
    }

    /** Objects of this target are inspected with these binutils (size, nm, objdump). */
    String binutil(String tool) {
        if (this == HOST) {
            return tool;
        }
        return compiler.substring(0, compiler.length() - "gcc".length()) + tool;
    }

    public static Target parse(String id) {
        for (Target t : values()) {
            if (t.id.equals(id.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        StringBuilder names = new StringBuilder();
        for (Target t : values()) {
            names.append(names.isEmpty() ? "" : ", ").append(t.id);
        }
        throw new IllegalArgumentException("unknown target '" + id + "', expected one of " + names);
    }
}
