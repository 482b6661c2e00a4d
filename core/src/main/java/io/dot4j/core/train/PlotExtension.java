package io.dot4j.core.train;

import io.dot4j.core.io.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Draws the loss and accuracy curves (training means per period, and test values when an evaluator reported them)
 * against the epoch into {@code dir/loss.png} and {@code dir/accuracy.png}, rewritten atomically at each trigger.
 * Runs headless (sets {@code java.awt.headless=true}). The history is saved in checkpoints so resumed plots are whole.
 */
public final class PlotExtension implements Extension {
    private final Path dir;
    private final Trigger trigger;
    private final MeanAccumulator mean = new MeanAccumulator();
    private final List<double[]> points = new ArrayList<>(); // epoch, loss, accuracy, test loss, test accuracy

    public PlotExtension(Path dir, Trigger trigger) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        System.setProperty("java.awt.headless", "true");
    }

    @Override
    public String name() {
        return "plot";
    }

    @Override
    public Trigger trigger() {
        return trigger;
    }

    @Override
    public int priority() {
        return PRIORITY_WRITER;
    }

    @Override
    public void observe(Trainer t) {
        mean.add(t);
    }

    @Override
    public void run(Trainer t) {
        points.add(new double[] {t.epochDetail(), mean.loss(), mean.accuracy(),
                t.observation().getOrDefault("test/loss", Double.NaN), t.observation().getOrDefault("test/accuracy", Double.NaN)});
        mean.reset();
        try {
            draw("loss.png", "loss", 1, 3);
            draw("accuracy.png", "accuracy", 2, 4);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plots to " + dir, e);
        }
    }

    private void draw(String fileName, String what, int trainCol, int testCol) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(what).xAxisTitle("epoch").yAxisTitle(what).build();
        series(chart, "train " + what, trainCol);
        series(chart, "test " + what, testCol);
        AtomicFiles.write(dir.resolve(fileName), BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    private void series(XYChart chart, String name, int col) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (double[] p : points) {
            if (Double.isFinite(p[col])) {
                xs.add(p[0]);
                ys.add(p[col]);
            }
        }
        if (!xs.isEmpty()) {
            chart.addSeries(name, xs, ys);
        }
    }

    /** Plotted points so far: {epoch, loss, accuracy, test loss, test accuracy} (NaN where absent). */
    public List<double[]> points() {
        return points.stream().map(double[]::clone).toList();
    }

    @Override
    public JsonNode saveState() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        ArrayNode arr = n.putArray("points");
        for (double[] p : points) {
            ArrayNode a = arr.addArray();
            for (double v : p) {
                a.add(Double.doubleToRawLongBits(v));
            }
        }
        n.set("mean", mean.save());
        return n;
    }

    @Override
    public void loadState(JsonNode s) {
        points.clear();
        for (JsonNode a : s.path("points")) {
            double[] p = new double[a.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = Double.longBitsToDouble(a.get(i).asLong());
            }
            points.add(p);
        }
        mean.load(s.path("mean"));
    }
}
