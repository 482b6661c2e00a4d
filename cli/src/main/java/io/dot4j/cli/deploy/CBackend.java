package io.dot4j.cli.deploy;

import io.dot4j.codegen.c.CBuild;
import io.dot4j.codegen.c.CModel;
import io.dot4j.codegen.c.CRun;
import io.dot4j.codegen.c.Target;
import io.dot4j.codegen.c.ToolException;
import io.dot4j.cli.UserError;
import io.dot4j.runtime.ir.IntModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Generated C: {@code c-host} built with the host gcc and run natively, each microcontroller target under QEMU. */
final class CBackend implements VerifyBackend {

    @Override
    public List<String> names() {
        List<String> n = new ArrayList<>();
        for (Target t : Target.values()) {
            n.add(t == Target.HOST ? "c-host" : t.id());
        }
        return n;
    }

    static Target target(String name) {
        return Target.parse(name.equals("c-host") ? "host" : name);
    }

    @Override
    public String describe(String name) {
        Target t = target(name);
        return t.emulated() ? "generated C on " + t.id() + " (" + t.qemu() + " " + String.join(" ", t.board()) + ")"
                : "generated C on the host (gcc -O2)";
    }

    @Override
    public int[][] scores(String name, IntModel model, byte[][] images, PrintWriter log) throws IOException {
        Target t = target(name);
        CModel c = CModel.generate(model, t);
        log.print(c.plan().describe());
        log.flush();
        Path dir = Files.createTempDirectory("dot4j-c-" + t.id() + "-");
        try {
            CRun.Result r;
            if (t.emulated()) {
                CBuild.Firmware fw = CBuild.firmware(c, dir, CRun.imagesFile(dir), CRun.scoresFile(dir));
                r = CRun.qemu(fw, images, model.numClasses(), dir);
                log.printf(Locale.ROOT, "%s: flash %,d bytes, RAM %,d bytes (data+bss+peak stack), %,d instructions"
                                + " per inference (instructions (QEMU), not cycles)%n", t.id(), fw.flash(),
                        fw.data() + fw.bss() + r.peakStack(), r.instructionsPerInference());
            } else {
                r = CRun.host(CBuild.host(c, dir, false, List.of("-O2")), images, model.numClasses(), dir, null);
            }
            for (int i = 0; i < images.length; i++) {
                if (r.classes()[i] != IntModel.argmax(r.scores()[i])) {
                    throw new UserError(name + ": image " + i + ": dot4j_predict returned class " + r.classes()[i]
                            + " but its scores' argmax is " + IntModel.argmax(r.scores()[i]));
                }
            }
            deleteTree(dir);
            return r.scores();
        } catch (ToolException e) {
            throw new UserError(e.getMessage() + " (build folder kept: " + dir + ")", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
