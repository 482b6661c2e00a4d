package io.dot4j.codegen.c;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds generated C with the target's GCC: the model file with every warning an error (C99, pedantic), linked with
 * a harness that feeds it images (a host program, or a freestanding image for a QEMU board with semihosting).
 */
public final class CBuild {
    /** The model's C must pass these without a warning. */
    public static final List<String> STRICT = List.of("-std=c99", "-Wall", "-Wextra", "-pedantic", "-Werror");
    private static final List<String> FREESTANDING = List.of("-ffreestanding", "-fno-builtin",
            "-fno-tree-loop-distribute-patterns", "-ffunction-sections", "-fdata-sections");
    private static final long TIMEOUT = 300;

    private CBuild() {
    }

    /** A built microcontroller image and its sizes in bytes (text includes the constants, rodata). */
    public record Firmware(Path elf, Target target, long text, long data, long bss, long beginMark, long endMark) {
        public long flash() {
            return text + data;
        }
    }

    /** Writes the model and the host harness into {@code dir} and builds {@code dir/model}. */
    public static Path host(CModel m, Path dir, boolean trace, List<String> optimisation) {
        m.write(dirCreated(dir));
        copyResource("host_main.c", dir);
        List<String> cmd = new ArrayList<>(List.of("gcc"));
        cmd.addAll(STRICT);
        cmd.addAll(optimisation);
        if (trace) {
            cmd.add("-DDOT4J_TRACE");
        }
        cmd.addAll(List.of("-o", "model", CModel.SOURCE, "host_main.c"));
        Tools.run(dir, cmd, TIMEOUT);
        return dir.resolve("model");
    }

    /**
     * Builds the freestanding image of {@code m} for its (emulated) target: startup, linker script, harness reading
     * {@code images} and writing {@code scores} over semihosting.
     */
    public static Firmware firmware(CModel m, Path dir, Path images, Path scores) {
        return firmware(m, dir, images, scores, List.of());
    }

    /** As {@link #firmware(CModel, Path, Path, Path)} with extra compiler flags after the target's (e.g. -O2). */
    public static Firmware firmware(CModel m, Path dir, Path images, Path scores, List<String> extraFlags) {
        Target t = m.target();
        if (!t.emulated()) {
            throw new IllegalArgumentException("target " + t.id() + " is not a microcontroller");
        }
        m.write(dirCreated(dir));
        copyResource("mcu_main.c", dir);
        String start = t.arch() + "_start.c";
        copyResource(start, dir);
        boolean arm = t.arch().equals("arm");
        String ld = resource("link.ld");
        for (Map.Entry<String, String> e : Map.of("@FLASH_ORIGIN@", arm ? "0x00000000" : "0x80000000",
                "@FLASH_LENGTH@", "256K", "@RAM_ORIGIN@", arm ? "0x20000000" : "0x80100000", "@RAM_LENGTH@", "16K",
                "@ENTRY@", arm ? "d4_reset" : "_start").entrySet()) {
            ld = ld.replace(e.getKey(), e.getValue());
        }
        write(dir.resolve("link.ld"), ld);
        List<String> common = new ArrayList<>(t.flags());
        common.addAll(extraFlags);
        common.addAll(FREESTANDING);
        List<String> model = new ArrayList<>(List.of(t.compiler(), "-c"));
        model.addAll(STRICT);
        model.addAll(common);
        model.addAll(List.of("-o", "dot4j_model.o", CModel.SOURCE));
        Tools.run(dir, model, TIMEOUT);
        List<String> link = new ArrayList<>(List.of(t.compiler()));
        link.addAll(common);
        link.addAll(List.of("-std=c99", "-Wall", "-Wextra", "-Werror", "-nostdlib", "-nostartfiles",
                "-DD4_IMAGES=\"" + images.toAbsolutePath() + "\"", "-DD4_SCORES=\"" + scores.toAbsolutePath() + "\"",
                "-T", "link.ld", "-Wl,--gc-sections", "-o", "model.elf", "dot4j_model.o", "mcu_main.c", start, "-lgcc"));
        Tools.run(dir, link, TIMEOUT);
        if (t == Target.RV32E) {
            checkEmbeddedRegisters(dir);
        }
        long[] size = sizes(t, dir);
        return new Firmware(dir.resolve("model.elf"), t, size[0], size[1], size[2], symbol(t, dir, "d4_bench_begin"),
                symbol(t, dir, "d4_bench_end"));
    }

    /** RV32E has registers x0..x15 only; QEMU 7.2 runs code using x16..x31 anyway, so the disassembly is checked. */
    private static void checkEmbeddedRegisters(Path dir) {
        String out = Tools.run(dir, List.of(Target.RV32E.binutil("objdump"), "-d", "-M", "numeric", "model.elf"), TIMEOUT);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\bx(1[6-9]|2[0-9]|3[01])\\b").matcher(out);
        if (m.find()) {
            int start = out.lastIndexOf('\n', m.start()) + 1, end = out.indexOf('\n', m.start());
            throw new ToolException("rv32e: model.elf uses register " + m.group() + ", which RV32E lacks: "
                    + out.substring(start, end < 0 ? out.length() : end).strip());
        }
    }

    /** text, data, bss of model.elf (Berkeley format of binutils size). */
    private static long[] sizes(Target t, Path dir) {
        String out = Tools.run(dir, List.of(t.binutil("size"), "model.elf"), TIMEOUT);
        String[] lines = out.strip().split("\n");
        String[] f = lines[lines.length - 1].trim().split("\\s+");
        return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])};
    }

    private static long symbol(Target t, Path dir, String name) {
        String out = Tools.run(dir, List.of(t.binutil("nm"), "model.elf"), TIMEOUT);
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[2].equals(name)) {
                return Long.parseLong(f[0], 16) & ~1L; // a Thumb symbol has bit 0 set
            }
        }
        throw new ToolException("symbol " + name + " not found in " + dir.resolve("model.elf"));
    }

    static String resource(String name) {
        try (InputStream in = CBuild.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyResource(String name, Path dir) {
        write(dir.resolve(name), resource(name));
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private static Path dirCreated(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
    }
}
