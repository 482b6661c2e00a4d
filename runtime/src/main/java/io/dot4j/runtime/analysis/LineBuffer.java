package io.dot4j.runtime.analysis;

/**
 * What one layer of a streaming back end holds while its input arrives row by row (C on a microcontroller, Verilog
 * on an FPGA: every layer runs at once, each on the rows its predecessor has produced).
 *
 * <ul>
 *   <li>Conv: the last {@code min(kernelHeight, H)} input rows (a line buffer; padded rows are zeros and not
 *       stored). Output row oy reads input rows oy*stride - padding .. oy*stride - padding + kernelHeight - 1, so
 *       once those have arrived the row is computed and the oldest rows are dropped.</li>
 *   <li>MaxPool: the last {@code min(kernel, H)} input rows (the pooling window).</li>
 *   <li>ThresholdActivation, Flatten: nothing (each value is mapped as it passes).</li>
 *   <li>GlobalSumPool: no rows, the running per-channel sums at the output's bits ({@code stateBytes}).</li>
 *   <li>Dense: no rows (each input value is added to every output as it arrives), the running int32 accumulators,
 *       4 bytes per output ({@code stateBytes}).</li>
 * </ul>
 *
 * @param layer      the layer's index
 * @param kind       the layer's kind
 * @param window     kernel height of a Conv or MaxPool (0 for others)
 * @param stride     stride of a Conv or MaxPool (0 for others)
 * @param padding    padding of a Conv (0 for others)
 * @param rows       input rows held
 * @param rowBytes   packed bytes of one input row: ceil(W * C * bits / 8) (accumulators 4 bytes each)
 * @param stateBytes bytes of running sums held across rows
 */
public record LineBuffer(int layer, String kind, int window, int stride, int padding, int rows, long rowBytes,
                         long stateBytes) {

    /** Line buffer bytes: {@code rows * rowBytes}. */
    public long lineBytes() {
        return rows * rowBytes;
    }

    /** Everything this layer holds: {@code lineBytes() + stateBytes}. */
    public long totalBytes() {
        return lineBytes() + stateBytes;
    }
}
