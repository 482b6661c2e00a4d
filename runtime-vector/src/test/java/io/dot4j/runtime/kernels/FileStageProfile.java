package io.dot4j.runtime.kernels;

import io.dot4j.runtime.format.ModelReader;
import io.dot4j.runtime.format.ModelWriter;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.kernels.spi.BitConvKernel;
import io.dot4j.runtime.vector.VectorBitConvKernel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Nanoseconds per image in each planar stage of a model file (or the kernel benchmark's layer), unfused, on the
 * portable and the vector kernel. Run by hand: {@code ... FileStageProfile [MODEL.dot4j]}.
 */
public final class FileStageProfile {
    public static void main(String[] args) throws Exception {
        Path file;
        if (args.length > 0) {
            file = Path.of(args[0]);
        } else {
            file = Files.createTempFile("conv64", ".dot4j");
            ModelWriter.write(KernelSpeed.convLayer(), file);
        }
        IntModel m = ModelReader.read(file);
        byte[][] images = new byte[64][m.input().elements()];
        Random r = new Random(3);
        for (byte[] b : images) {
            r.nextBytes(b);
        }
        for (BitConvKernel k : new BitConvKernel[] {BitConvKernels.portable(), new VectorBitConvKernel()}) {
            PlanarPlan plan = PlanarPlan.compile(m, k);
            PlanarPlan.Workspace ws = plan.newWorkspace();
            PlanarStage[] st = plan.stages();
            for (int round = 0; round < 4; round++) {
                long[] ns = new long[st.length];
                int n = 5_000;
                long t0 = System.nanoTime();
                for (int img = 0; img < n; img++) {
                    byte[] px = images[img & 63];
                    int[] x = ws.input;
                    for (int i = 0; i < x.length; i++) {
                        x[i] = px[i] & 0xFF;
                    }
                    for (int i = 0; i < st.length; i++) {
                        long a = System.nanoTime();
                        st[i].run(x, ws.buffers[i], ws.scratch[i]);
                        x = ws.buffers[i];
                        ns[i] += System.nanoTime() - a;
                    }
                }
                StringBuilder sb = new StringBuilder(String.format("%-10s total %6.0f ns/img:", k.name(),
                        (System.nanoTime() - t0) / (double) n));
                for (int i = 0; i < st.length; i++) {
                    sb.append(String.format(" %s %.0f", st[i].getClass().getSimpleName().replace("Planar", ""), ns[i] / (double) n));
                }
                long f0 = System.nanoTime();
                long sink = 0;
                for (int img = 0; img < n; img++) {
                    sink += plan.run(images[img & 63], ws, null)[0];
                }
                sb.append(String.format("; fused (as scores runs it) %.0f ns/img", (System.nanoTime() - f0) / (double) n));
                if (round == 3) {
                    System.out.println(sb + (sink == 42 ? " " : ""));
                }
            }
        }
    }
}
