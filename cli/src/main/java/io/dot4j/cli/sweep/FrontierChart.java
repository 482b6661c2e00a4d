package io.dot4j.cli.sweep;

import io.dot4j.core.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The accuracy-against-bytes PNG of one data set (XChart, headless): every sweep point, the Pareto frontier of the
 * configurations as a line, and each reference point with a known accuracy as its own marker; bytes on a log axis.
 */
public final class FrontierChart {
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 650;
    private static final Marker[] REFERENCE_MARKERS = {SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
            SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS};

    private FrontierChart() {
    }

    public static void write(Path file, String dataset, List<FrontierReport.Config> configs, List<Reference> references)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(dataset + ": test accuracy against model file size")
                .xAxisTitle("model file bytes (log scale)").yAxisTitle("test accuracy %").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setMarkerSize(8);
        List<SweepResult> all = configs.stream().flatMap(c -> c.points().stream()).toList();
        chart.addSeries("sweep points (" + all.size() + ")", all.stream().mapToDouble(SweepResult::bytes).toArray(),
                all.stream().mapToDouble(r -> 100 * r.accuracy()).toArray()).setMarker(SeriesMarkers.CIRCLE);
        List<FrontierReport.Config> front = FrontierReport.frontier(configs);
        XYSeries f = chart.addSeries("Pareto frontier (mean over seeds)", front.stream().mapToDouble(FrontierReport.Config::bytes)
                .toArray(), front.stream().mapToDouble(c -> 100 * c.meanAccuracy()).toArray());
        f.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        f.setMarker(SeriesMarkers.DIAMOND);
        int k = 0;
        for (Reference r : references) {
            if (r.hasAccuracy()) {
                chart.addSeries(String.format(java.util.Locale.ROOT, "%s: %,d bytes", r.label(), r.bytes()),
                        new double[] {r.bytes()}, new double[] {r.accuracyPercent()})
                        .setMarker(REFERENCE_MARKERS[k++ % REFERENCE_MARKERS.length]);
            }
        }
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(file, png);
    }
}
