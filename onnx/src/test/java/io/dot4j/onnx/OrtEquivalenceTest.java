package io.dot4j.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.dot4j.core.autograd.NoGrad;
import io.dot4j.core.autograd.Variable;
import io.dot4j.core.data.DataCache;
import io.dot4j.core.data.Dataset;
import io.dot4j.core.nn.Activation;
import io.dot4j.core.nn.AvgPool2d;
import io.dot4j.core.nn.BatchNorm;
import io.dot4j.core.nn.Conv2d;
import io.dot4j.core.nn.Dropout;
import io.dot4j.core.nn.GlobalAvgPool;
import io.dot4j.core.nn.Linear;
import io.dot4j.core.nn.MaxPool2d;
import io.dot4j.core.nn.Module;
import io.dot4j.core.nn.Sequential;
import io.dot4j.core.tensor.Rng;
import io.dot4j.core.tensor.Tensor;
import io.dot4j.core.train.Normalization;
import io.dot4j.core.zoo.ModelZoo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs exported models in ONNX Runtime on real MNIST test images and compares every output with dot4j's own float
 * forward (evaluation mode, no graph): the largest absolute difference must stay within 1e-4.
 */
class OrtEquivalenceTest {
    private static final float TOLERANCE = 1e-4f;
    private static final int IMAGES = 130; // two batches of 64 and a partial one of 2

    private static OrtEnvironment env;
    private static float[] inputs;

    @BeforeAll
    static void loadMnist() throws IOException {
        Dataset test;
        try {
            test = DataCache.load("mnist", "test");
        } catch (IOException e) {
            throw new IllegalStateException("these tests need the real MNIST test set under " + DataCache.root()
                    + "/mnist (run `./dot4j data fetch mnist` or set DOT4J_CACHE): " + e.getMessage(), e);
        }
        float[] table = Normalization.MNIST.table();
        inputs = new float[IMAGES * test.imageSize()];
        byte[] img = new byte[test.imageSize()];
        for (int i = 0; i < IMAGES; i++) {
            test.copyImage(i, img, 0);
            for (int j = 0; j < img.length; j++) {
                inputs[i * img.length + j] = table[img[j] & 0xFF];
            }
        }
        env = OrtEnvironment.getEnvironment();
    }

    @AfterAll
    static void done() {
        inputs = null;
    }

    private static float[][] dot4j(Module model, float[] x, int n) {
        model.eval();
        try (NoGrad g = NoGrad.enter()) {
            Tensor y = model.forward(new Variable(Tensor.wrap(x, n, 1, 28, 28))).data();
            int f = y.size() / n;
            float[][] out = new float[n][f];
            for (int i = 0; i < n; i++) {
                System.arraycopy(y.data(), i * f, out[i], 0, f);
            }
            return out;
        }
    }

    private static float[][] ort(OrtSession s, String output, float[] x, int n) throws OrtException {
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {n, 1, 28, 28});
             OrtSession.Result r = s.run(Map.of(OnnxExporter.INPUT, t))) {
            return (float[][]) r.get(output).orElseThrow().getValue();
        }
    }

    /** Max |dot4j - ORT| over all images, checking batches of 64, the remainder and single images. */
    private static float maxDifference(Module model, ExportOptions options, String output) throws OrtException {
        byte[] onnx = OnnxExporter.export(model, options);
        float worst = 0;
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(1);
            try (OrtSession s = env.createSession(onnx, so)) {
                int size = 28 * 28;
                for (int from = 0; from < IMAGES; ) {
                    int n = from < 2 ? 1 : Math.min(64, IMAGES - from);
                    float[] x = new float[n * size];
                    System.arraycopy(inputs, from * size, x, 0, x.length);
                    float[][] a = dot4j(model, x, n);
                    float[][] b = ort(s, output, x, n);
                    assertEquals(n, b.length);
                    for (int i = 0; i < n; i++) {
                        assertEquals(a[i].length, b[i].length);
                        for (int j = 0; j < a[i].length; j++) {
                            assertTrue(Float.isFinite(a[i][j]) && Float.isFinite(b[i][j]), "non-finite output");
                            worst = Math.max(worst, Math.abs(a[i][j] - b[i][j]));
                        }
                    }
                    from += n;
                }
            }
        }
        return worst;
    }

    private static void assertEquivalent(Module model, ExportOptions options, String output) throws OrtException {
        float d = maxDifference(model, options, output);
        System.out.printf("ORT equivalence: max |dot4j - ORT| = %.3g over %d MNIST test images%n", d, IMAGES);
        assertTrue(d <= TOLERANCE, "max |dot4j - ONNX Runtime| = " + d + " > " + TOLERANCE);
    }

    @Test
    void lenet5() throws OrtException {
        assertEquivalent(ModelZoo.create("lenet5", new Rng(21)), ExportOptions.image(1, 28, 28), OnnxExporter.LOGITS);
    }

    @Test
    void lenet300() throws OrtException {
        assertEquivalent(ModelZoo.create("lenet300", new Rng(22)), ExportOptions.image(1, 28, 28), OnnxExporter.LOGITS);
    }

    /** Random running statistics and affine parameters, so the exported BN is not an identity. */
    private static BatchNorm randomBatchNorm(int c, Random r) {
        BatchNorm bn = new BatchNorm(c);
        for (int i = 0; i < c; i++) {
            bn.runningMean().data()[i] = (float) r.nextGaussian() * 0.5f;
            bn.runningVar().data()[i] = 0.2f + r.nextFloat() * 2f;
            bn.gamma().data().data()[i] = (float) r.nextGaussian();
            bn.beta().data().data()[i] = (float) r.nextGaussian() * 0.3f;
        }
        return bn;
    }

    @Test
    void convBatchNormAveragePoolGlobalPool() throws OrtException {
        Random r = new Random(23);
        Rng rng = new Rng(23);
        Sequential net = new Sequential()
                .add("conv1", new Conv2d(1, 8, 3, 1, 1, rng))
                .add("bn1", randomBatchNorm(8, r))
                .add("relu1", Activation.relu())
                .add("pool1", new AvgPool2d(3, 2, 1))
                .add("conv2", new Conv2d(8, 16, 3, 1, 0, rng))
                .add("bn2", randomBatchNorm(16, r))
                .add("act2", Activation.tanh())
                .add("pool2", new MaxPool2d(3, 2, 1))
                .add("gap", new GlobalAvgPool())
                .add("drop", new Dropout(0.5f, rng.split()))
                .add("fc", new Linear(16, 10, rng));
        assertEquivalent(net, ExportOptions.image(1, 28, 28), OnnxExporter.LOGITS);
    }

    @Test
    void perceptronWithBatchNorm1dBoundedActivationsAndSoftmax() throws OrtException {
        Random r = new Random(24);
        Rng rng = new Rng(24);
        Sequential net = new Sequential()
                .add("flatten", new io.dot4j.core.nn.Flatten())
                .add("fc1", new Linear(784, 64, rng))
                .add("bn1", randomBatchNorm(64, r))
                .add("act1", Activation.hardTanh())
                .add("fc2", new Linear(64, 32, rng))
                .add("act2", Activation.sigmoid())
                .add("fc3", new Linear(32, 10, rng));
        ExportOptions options = ExportOptions.image(1, 28, 28).withSoftmax(true);
        assertEquivalent(net, options, OnnxExporter.LOGITS);
        // the probabilities output: ORT's softmax against one computed from dot4j's logits
        byte[] onnx = OnnxExporter.export(net, options);
        try (OrtSession s = env.createSession(onnx, new OrtSession.SessionOptions())) {
            float[] x = new float[64 * 784];
            System.arraycopy(inputs, 0, x, 0, x.length);
            float[][] logits = dot4j(net, x, 64);
            float[][] p = ort(s, OnnxExporter.PROBABILITIES, x, 64);
            for (int i = 0; i < 64; i++) {
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (float v : logits[i]) {
                    max = Math.max(max, v);
                }
                for (float v : logits[i]) {
                    sum += Math.exp(v - max);
                }
                for (int j = 0; j < 10; j++) {
                    assertEquals(Math.exp(logits[i][j] - max) / sum, p[i][j], TOLERANCE);
                }
            }
        }
    }

    @Test
    void toleranceIsTightEnoughToCatchAWrongWeight() throws OrtException {
        // the comparison must notice a single changed weight: export, then perturb dot4j's copy
        Sequential net = ModelZoo.create("lenet300", new Rng(25));
        byte[] onnx = OnnxExporter.export(net, ExportOptions.image(1, 28, 28));
        ((Linear) net.child("fc3")).bias().data().data()[3] += 1e-3f;
        try (OrtSession s = env.createSession(onnx, new OrtSession.SessionOptions())) {
            float[] x = new float[784];
            System.arraycopy(inputs, 0, x, 0, 784);
            float d = Math.abs(dot4j(net, x, 1)[0][3] - ort(s, OnnxExporter.LOGITS, x, 1)[0][3]);
            assertTrue(d > TOLERANCE, "a 1e-3 bias change went unnoticed: " + d);
        }
    }
}
