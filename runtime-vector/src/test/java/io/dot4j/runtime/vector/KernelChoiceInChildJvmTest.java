package io.dot4j.runtime.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dot4j.runtime.kernels.BitConvKernels;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The kernel choice as a user's JVM makes it: with this jar on the class path but without
 * {@code --add-modules jdk.incubator.vector} the runtime must fall back to the portable kernel (not fail to link);
 * with the module it must pick the vector kernel wherever that kernel says it is usable.
 */
class KernelChoiceInChildJvmTest {

    /** Entry point of the child JVM: prints the chosen kernel's name. */
    public static void main(String[] args) {
        System.out.println(BitConvKernels.select().name());
    }

    private static String chosenKernel(String... jvmOptions) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), KernelChoiceInChildJvmTest.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM did not finish within 60 s: " + cmd);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), "child JVM failed: " + out);
        // the incubator warning goes to the same stream; the kernel name is the last line
        return out.substring(out.lastIndexOf('\n') + 1);
    }

    @Test
    void withoutTheVectorModuleThePortableKernelIsChosen() throws Exception {
        assertEquals("portable", chosenKernel());
    }

    @Test
    void withTheVectorModuleTheVectorKernelIsChosenWhereItIsUsable() throws Exception {
        // at the machine's width (this JVM may run another one, from -Ddot4j.vectorBits); portable below 128 bits
        int bits = VectorWidth.preferredBits();
        String expected = bits >= 128 ? "vector-" + bits : "portable";
        assertEquals(expected, chosenKernel("--add-modules", "jdk.incubator.vector"));
        assertEquals("portable", chosenKernel("--add-modules", "jdk.incubator.vector", "-Ddot4j.vector=false"));
    }
}
