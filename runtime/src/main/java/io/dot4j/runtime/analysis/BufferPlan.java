package io.dot4j.runtime.analysis;

import io.dot4j.runtime.ir.Flatten;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.ir.TensorType;
import java.util.ArrayList;
import java.util.List;

/**
 * Which buffers live when, and how large they are, for a device that holds whole tensors and for the Java engine.
 *
 * <ul>
 *   <li>{@link #packedPeakBytes()}, <b>packed device, whole tensors</b>: a device that runs one layer at a time
 *       holds that layer's input and output tensor, packed ({@link TensorBuffer#packedBytes()}); the peak is the
 *       largest such pair over all layers. A Flatten output is a view of its input, so a Flatten layer holds one
 *       tensor. This equals {@link IntModel#peakActivationBytes()}.</li>
 *   <li>{@link #enginePerThreadBytes()}, <b>int32 tensors, per thread</b>: one int32 buffer for the image and one per
 *       layer output, all held at once: the sum of {@link TensorBuffer#engineBytes()}. This is what the engine's
 *       per-layer steps allocate per image, and the floor of its planar kernels, whose preallocated buffers add grid
 *       padding columns and keep pooled tensors on their input's grid (the exact figure, which depends on the kernel,
 *       is {@code IntEngine.workspaceBytesPerThread()}: 1.44 times this for the 2,831-byte demo model on the portable
 *       kernel). Weights and kernel scratch (packed bit grids) are not counted.</li>
 * </ul>
 *
 * @param tensors the image, every layer's output, in order
 */
public record BufferPlan(List<TensorBuffer> tensors) {

    public BufferPlan {
        tensors = List.copyOf(tensors);
    }

    static BufferPlan of(IntModel model) {
        List<TensorType> types = model.outputTypes();
        int last = types.size() - 1;
        List<TensorBuffer> t = new ArrayList<>(types.size() + 1);
        t.add(buffer(0, model.inputType(), -1, 0, 0, 0, false));
        for (int i = 0; i <= last; i++) {
            boolean view = model.layers().get(i) instanceof Flatten;
            t.add(buffer(i + 1, types.get(i), i, i == last ? -1 : i + 1, i, i == last ? last : i + 1, view));
        }
        return new BufferPlan(t);
    }

    private static TensorBuffer buffer(int index, TensorType type, int producer, int consumer, int first, int last,
                                       boolean view) {
        long n = type.shape().elements();
        return new TensorBuffer(index, type, producer, consumer, first, last, n, type.storageBytes(), view, 4 * n);
    }

    /** Bytes a packed device holds while layer {@code layer} runs: its input and output, a view counted once. */
    public long packedBytesAt(int layer) {
        TensorBuffer in = tensors.get(layer), out = tensors.get(layer + 1);
        return in.packedBytes() + (out.view() ? 0 : out.packedBytes());
    }

    /** Peak of a packed device that holds whole tensors: the largest {@link #packedBytesAt} over all layers. */
    public long packedPeakBytes() {
        long peak = 0;
        for (int i = 0; i + 1 < tensors.size(); i++) {
            peak = Math.max(peak, packedBytesAt(i));
        }
        return peak;
    }

    /** The layer at which {@link #packedPeakBytes()} is reached (the first one on ties). */
    public int packedPeakLayer() {
        int best = 0;
        for (int i = 1; i + 1 < tensors.size(); i++) {
            if (packedBytesAt(i) > packedBytesAt(best)) {
                best = i;
            }
        }
        return best;
    }

    /** Int32 buffers of every tensor for one thread: the sum of every tensor's {@link TensorBuffer#engineBytes()}. */
    public long enginePerThreadBytes() {
        long sum = 0;
        for (TensorBuffer b : tensors) {
            sum += b.engineBytes();
        }
        return sum;
    }

    /** {@link #enginePerThreadBytes()} for {@code threads} threads running images. */
    public long engineBytes(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + ", expected >= 1");
        }
        return enginePerThreadBytes() * threads;
    }
}
