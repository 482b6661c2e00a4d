package io.dot4j.runtime.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every width on every machine: a child JVM per width ({@code -Ddot4j.vectorBits=128|256|512}) runs the kernel and
 * engine checks of {@link WidthCheck} bit-exactly and must plan every model as this JVM does; where the CPU has the width it must also allocate nothing. A width
 * the CPU lacks (512 bits on an AVX2 machine) is emulated by HotSpot: slow, so it gets few cases, and exactness only.
 * On x86 one more child runs with {@code -XX:UseAVX=2}: HotSpot then emits AVX2 code only (it emulates the
 * instruction set, not an AVX2 CPU's speed), so the machine's width becomes 256 bits, and the kernel must pick it,
 * be exact and allocate nothing there.
 */
@Tag("slow")
class EveryWidthInChildJvmTest {
    private static final int RUNS = 2_000; // WidthCheck's allocation rounds

    /** The child's result line as key=value pairs. */
    private static Map<String, String> check(int tries, String... jvmOptions) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xmx1g", "--add-modules", "jdk.incubator.vector"));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), WidthCheck.class.getName(), "" + tries));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM did not finish within 600 s: " + cmd);
        }
        String text = new String(out, StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), "child JVM " + cmd + " failed: " + text);
        String last = text.substring(text.lastIndexOf('\n') + 1); // after the incubator warning
        Map<String, String> result = new HashMap<>();
        for (String kv : last.split(" ")) {
            int eq = kv.indexOf('=');
            assertTrue(eq > 0, "unexpected child output: " + text);
            result.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return result;
    }

    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {128, 256, 512})
    void everyWidthIsBitExact(int bits) throws Exception {
        boolean nativeHere = bits <= VectorWidth.preferredBits();
        Map<String, String> r = check(nativeHere ? 40 : 4, "-D" + VectorWidth.PROPERTY + "=" + bits);
        // the same operations and fusions as this JVM's width plans
        assertEquals(io.dot4j.runtime.kernels.WidthEngineChecks.planSignature(), r.get("plan"),
                "plan at " + bits + " bits");
        assertEquals("vector-" + bits, r.get("kernel"));
        assertEquals("" + nativeHere, r.get("native"));
        if (nativeHere) {
            long bytes = Long.parseLong(r.get("allocated"));
            assertTrue(bytes < RUNS, bits + "-bit kernel allocated " + bytes + " bytes in " + RUNS + " runs");
        }
    }

    @Test
    void avx2CodeRunsAt256BitsExactlyWithoutAllocating() throws Exception {
        String arch = System.getProperty("os.arch");
        assumeTrue(arch.equals("amd64") || arch.equals("x86_64"), "-XX:UseAVX exists on x86 only, not on " + arch);
        assumeTrue(VectorWidth.preferredBits() >= 256, "this CPU has no AVX2");
        Map<String, String> r = check(40, "-XX:UseAVX=2");
        assertEquals("256", r.get("preferred"), "the machine's width under -XX:UseAVX=2");
        assertEquals("vector-256", r.get("kernel"));
        long bytes = Long.parseLong(r.get("allocated"));
        assertTrue(bytes < RUNS, "AVX2 kernel allocated " + bytes + " bytes in " + RUNS + " runs");
        // 128 bits on AVX2 code (an SSE-class width on a machine that prefers 256): native, so allocation-free too
        Map<String, String> narrow = check(10, "-XX:UseAVX=2", "-D" + VectorWidth.PROPERTY + "=128");
        assertEquals("vector-128", narrow.get("kernel"));
        bytes = Long.parseLong(narrow.get("allocated"));
        assertTrue(bytes < RUNS, "128-bit kernel on AVX2 code allocated " + bytes + " bytes in " + RUNS + " runs");
    }
}
