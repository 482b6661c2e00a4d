package io.dot4j.runtime.kernels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The processor, as far as the kernels care: its model name and the vector flags that decide their speed (x86:
 * avx2, avx512f, avx512_vpopcntdq; ARM: asimd, sve, sve2), read from {@code /proc/cpuinfo} where it exists, so that
 * every benchmark line and model description names the machine it ran on.
 *
 * @param model the model name ("unknown" when the system does not say)
 * @param arch  the JVM's {@code os.arch}
 * @param flags the flags that matter, in a fixed order (empty when unknown)
 */
public record CpuInfo(String model, String arch, List<String> flags) {
    private static final List<String> FLAGS = List.of("avx2", "avx512f", "avx512_vpopcntdq", "asimd", "sve", "sve2");

    public CpuInfo {
        if (model == null || arch == null || flags == null) {
            throw new IllegalArgumentException("model, arch and flags are required");
        }
        flags = List.copyOf(flags);
    }

    /** This machine's (read once per call; a system without /proc/cpuinfo gives model "unknown" and no flags). */
    public static CpuInfo read() {
        String arch = System.getProperty("os.arch", "unknown");
        try {
            return parse(Files.readAllLines(Path.of("/proc/cpuinfo")), arch);
        } catch (IOException | SecurityException e) {
            return new CpuInfo("unknown", arch, List.of());
        }
    }

    /** From the lines of a {@code /proc/cpuinfo} (the first processor's model name and flags). */
    public static CpuInfo parse(List<String> cpuinfo, String arch) {
        String model = "unknown";
        Set<String> present = Set.of();
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (model.equals("unknown") && (key.equals("model name") || key.equals("cpu model"))) {
                model = value;
            } else if (present.isEmpty() && (key.equals("flags") || key.equals("features"))) {
                present = Set.of(value.split("\\s+"));
            }
        }
        List<String> flags = new ArrayList<>();
        for (String f : FLAGS) {
            if (present.contains(f)) {
                flags.add(f);
            }
        }
        return new CpuInfo(model, arch, flags);
    }

    /** One line: model, architecture and flags, e.g. "Intel(R) Xeon(R) Platinum 8488C (amd64: avx2 avx512f ...)". */
    public String summary() {
        return model + " (" + arch + (flags.isEmpty() ? ": no vector flags known" : ": " + String.join(" ", flags)) + ")";
    }
}
