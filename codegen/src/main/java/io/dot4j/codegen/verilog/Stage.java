package io.dot4j.codegen.verilog;

/**
 * One module of the streaming pipeline, in order from the pixels to the scores. Every stage takes and gives words
 * of one spatial position (all channels), valid/ready.
 */
sealed interface Stage permits Stage.Mvu, Stage.Pool, Stage.Sum, Stage.Levels {

    /** Bits of the words the stage takes. */
    int inWidth();

    /** Bits of the words it gives. */
    int outWidth();

    /** Instance name and module text (an instance of a building block, or a generated module). */
    String instanceName();

    /** Clock cycles per image this stage needs on its own. */
    long cycles();

    /** A convolution or dense layer with its thresholds: a generated module. */
    record Mvu(MvuLayer layer) implements Stage {
        public int inWidth() {
            return layer.inWidth();
        }

        public int outWidth() {
            return layer.outWidth();
        }

        public String instanceName() {
            return "u_" + layer.name();
        }

        public long cycles() {
            return layer.cycles();
        }
    }

    /**
     * Max pooling: an instance of d4j_tilepool for non-overlapping tiles (stride = kernel >= 2: a row buffer, no
     * window register), else of d4j_maxpool (a sliding window).
     */
    record Pool(int index, int h, int w, int c, int bits, int kernel, int stride) implements Stage {
        boolean tiled() {
            return kernel == stride && kernel >= 2;
        }

        public int inWidth() {
            return c * bits;
        }

        public int outWidth() {
            return c * bits;
        }

        public String instanceName() {
            return "u_l" + index + "_pool";
        }

        public long cycles() {
            return (long) h * w;
        }
    }

    /** Thresholds on levels (not after a Conv or Dense): a generated module, all channels of a word at once. */
    record Levels(int index, int positions, int c, int bits, int outBits,
                  io.dot4j.runtime.analysis.ThresholdKeys keys) implements Stage {
        public int inWidth() {
            return c * bits;
        }

        public int outWidth() {
            return c * outBits;
        }

        String moduleName() {
            return "l" + index + "_thresholds";
        }

        public String instanceName() {
            return "u_" + moduleName();
        }

        public long cycles() {
            return positions;
        }
    }

    /** Global sum pooling: an instance of d4j_gsum. */
    record Sum(int index, int positions, int c, int bits, int outBits) implements Stage {
        public int inWidth() {
            return c * bits;
        }

        public int outWidth() {
            return c * outBits;
        }

        public String instanceName() {
            return "u_l" + index + "_gsum";
        }

        public long cycles() {
            return positions + 1L;
        }
    }
}
