package io.dot4j.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * ONNX Runtime (CPU) on one fixed input batch, set up for its best latency: all graph optimizations, sequential
 * execution, {@code threads} intra-op threads, and optionally {@code session.intra_op.allow_spinning = 0} (which
 * helps batch 64 on two threads of a shared machine and hurts batch 1). The input tensor lives in a direct buffer
 * created once, so a run copies nothing in.
 */
public final class OrtRunner implements BatchRunner {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final OnnxTensor input;
    private final Map<String, OnnxTensor> feed;
    private final int batch;

    public OrtRunner(byte[] onnx, float[] values, long[] shape, int threads, boolean spinning) {
        try {
            options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (!spinning) {
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
            }
            session = env.createSession(onnx, options);
            FloatBuffer buf = ByteBuffer.allocateDirect(4 * values.length).order(ByteOrder.nativeOrder()).asFloatBuffer();
            buf.put(values).rewind();
            input = OnnxTensor.createTensor(env, buf, shape);
            feed = Map.of(session.getInputNames().iterator().next(), input);
            batch = (int) shape[0];
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not set up the session: " + e.getMessage(), e);
        }
    }

    @Override
    public int batch() {
        return batch;
    }

    @Override
    public long run() {
        try (OrtSession.Result r = session.run(feed)) {
            return Float.floatToRawIntBits(((OnnxTensor) r.get(0)).getFloatBuffer().get(0));
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    @Override
    public float[][] outputs() {
        try (OrtSession.Result r = session.run(feed)) {
            OnnxTensor t = (OnnxTensor) r.get(0);
            FloatBuffer fb = t.getFloatBuffer();
            int per = fb.remaining() / batch;
            float[][] out = new float[batch][per];
            for (float[] row : out) {
                fb.get(row);
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            input.close();
            session.close();
            options.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
