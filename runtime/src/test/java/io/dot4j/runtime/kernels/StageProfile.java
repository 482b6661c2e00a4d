package io.dot4j.runtime.kernels;

import io.dot4j.runtime.RealImages;
import io.dot4j.runtime.TinyModels;
import io.dot4j.runtime.ir.IntModel;
import java.util.Arrays;

/**
 * Nanoseconds per image spent in each planar stage of a tiny model (run by hand, like EngineSpeed); with pooling fused
 * into the next convolution (as {@code scores} runs it) the pool's time is counted under that convolution.
 */
public final class StageProfile {
    public static void main(String[] args) {
        byte[][] digits = RealImages.mnistTest(256);
        String which = args.length > 0 ? args[0] : "A";

        IntModel m = switch (which) {
            case "A8" -> TinyModels.a(2, 8, Arrays.copyOf(digits, 64));
            case "B" -> TinyModels.b(3, 1, Arrays.copyOf(digits, 64));
            case "C" -> TinyModels.c(4, 1, Arrays.copyOf(digits, 64));
            default -> TinyModels.a(1, 1, Arrays.copyOf(digits, 64));
        };
        PlanarPlan plan = PlanarPlan.compile(m);
        PlanarPlan.Workspace ws = plan.newWorkspace();
        PlanarStage[] st = plan.stages();
        long[] ns = new long[st.length];
        for (int round = 0; round < 10; round++) {
            boolean fused = round % 2 == 0;
            Arrays.fill(ns, 0);
            int images = 20_000;
            long t0 = System.nanoTime();
            for (int k = 0; k < images; k++) {
                byte[] px = digits[k & 255];
                int[] x = ws.input;
                for (int i = 0; i < x.length; i++) {
                    x[i] = px[i] & 0xFF;
                }
                for (int i = 0; i < st.length; i++) {
                    long a = System.nanoTime();
                    if (fused && st[i] instanceof PlanarMaxPool && ((PlanarMaxPool) st[i]).fusable()
                            && i + 1 < st.length && st[i + 1] instanceof PlanarStage.PoolFusable) {
                        ((PlanarStage.PoolFusable) st[i + 1]).run(x, ws.buffers[i + 1], ws.scratch[i + 1], st[i].in.rs, st[i].in.cs);
                        x = ws.buffers[++i];
                    } else {
                        st[i].run(x, ws.buffers[i], ws.scratch[i]);
                        x = ws.buffers[i];
                    }
                    ns[i] += System.nanoTime() - a;
                }
            }
            double total = (System.nanoTime() - t0) / (double) images;
            StringBuilder sb = new StringBuilder(String.format("%s total %.0f ns/img:", fused ? "fused  " : "unfused", total));
            for (int i = 0; i < st.length; i++) {
                sb.append(String.format(" %s %.0f", st[i].getClass().getSimpleName().replace("Planar", ""), ns[i] / (double) images));
            }
            System.out.println(sb);
        }
    }
}
