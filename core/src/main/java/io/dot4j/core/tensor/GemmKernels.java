package io.dot4j.core.tensor;

/**
 * Tile sizes, the choice between the vector and the scalar kernel, and the scalar kernel itself.
 *
 * <p>A tile is {@code rows} (at most {@link #MR}) rows of C times one packed panel of B ({@link #NR} columns, the
 * last {@code w} of them possibly padding). Both kernels compute {@code c = fma(A(i,p), B(p,j), c)} in ascending p for
 * every element, so they give the same bits whatever the panel width; the scalar one serves small products (no vector
 * warm-up) and JVMs started without {@code --add-modules jdk.incubator.vector}.
 */
final class GemmKernels {
    /** Whether the Vector API kernel can run here (module present, not disabled by dot4j.vector=false). */
    static final boolean VECTOR = vectorAvailable();
    /**
     * Columns per packed panel of B: two float vectors of the kernel's width (32 at 512 bits, 16 at 256, 8 at 128), or
     * 32 for the scalar kernel alone. Results do not depend on it (each element is one ascending fma chain).
     */
    static final int NR = VECTOR ? GemmVectorKernels.NR : 32;
    /** Largest number of rows of C per tile (12 vector accumulators). */
    static final int MR = 6;

    private GemmKernels() {
    }

    private static boolean vectorAvailable() {
        if ("false".equalsIgnoreCase(System.getProperty("dot4j.vector"))) {
            return false;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            return GemmVectorKernels.usable();
        } catch (LinkageError e) {
            return false;
        }
    }

    /** Rows of the next tile when {@code left} rows remain: 6 while possible, but 8 as 4 + 4 rather than 6 + 1 + 1. */
    static int tileRows(int left) {
        if (left >= 6 && left != 8) {
            return 6;
        }
        if (left >= 4) {
            return 4;
        }
        return left >= 2 ? 2 : 1;
    }

    /**
     * C[cOff + r*ldc + j] for r < rows, j < w: (load ? C : 0) + sum over p < kc of A(r, p) B(p, j) with
     * A(r, p) = {@code a[aOff + r*ai + p*ap]} and B(p, j) = {@code b[bOff + p*bs + j]} (bs = NR in a packed panel,
     * the row length when B is read in place).
     */
    static void scalarTile(int rows, int kc, float[] a, int aOff, int ai, int ap, float[] b, int bOff, int bs,
                           float[] c, int cOff, int ldc, int w, boolean load) {
        float[] acc = new float[NR];
        for (int r = 0; r < rows; r++) {
            int cr = cOff + r * ldc;
            if (load) {
                System.arraycopy(c, cr, acc, 0, w);
            } else {
                java.util.Arrays.fill(acc, 0f);
            }
            int ar = aOff + r * ai;
            for (int p = 0; p < kc; p++) {
                float s = a[ar + p * ap];
                int bo = bOff + p * bs;
                for (int j = 0; j < NR; j++) {
                    acc[j] = Math.fma(s, b[bo + j], acc[j]);
                }
            }
            System.arraycopy(acc, 0, c, cr, w);
        }
    }
}
