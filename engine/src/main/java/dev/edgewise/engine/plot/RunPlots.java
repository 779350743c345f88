package dev.edgewise.engine.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts of one run, written as artifacts. */
public final class RunPlots {

    static {
        // Charts are drawn off-screen; without this a machine with no display fails on first use of AWT.
        System.setProperty("java.awt.headless", "true");
    }

    private RunPlots() {}

    /**
     * One line per metric against epoch, e.g. train_loss and test_rmse; {@code history} maps a
     * metric name to its values by epoch.
     */
    public static Path curves(Path file, String title, String yLabel, Map<String, SortedMap<Long, Double>> history) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("epoch").yAxisTitle(yLabel).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(history.size() > 1);
        for (Map.Entry<String, SortedMap<Long, Double>> metric : history.entrySet()) {
            if (metric.getValue().isEmpty()) {
                continue;
            }
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            metric.getValue().forEach((epoch, value) -> {
                x.add(epoch.doubleValue());
                y.add(value);
            });
            chart.addSeries(metric.getKey(), x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        return save(chart, file);
    }

    /**
     * One line per series through (x, y) points sorted by x, e.g. accuracy against messages sent
     * over the points of a sweep.
     */
    public static Path lines(Path file, String title, String xLabel, String yLabel, Map<String, List<double[]>> series, boolean logX)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setXAxisLogarithmic(logX);
        for (Map.Entry<String, List<double[]>> line : series.entrySet()) {
            List<double[]> points = new ArrayList<>(line.getValue());
            points.sort(java.util.Comparator.comparingDouble(p -> p[0]));
            if (points.isEmpty()) {
                continue;
            }
            chart.addSeries(line.getKey(), points.stream().map(p -> p[0]).toList(), points.stream().map(p -> p[1]).toList())
                    .setMarker(SeriesMarkers.CIRCLE);
        }
        return save(chart, file);
    }

    /** Figure 6 of the C-RNN paper: which node transmitted in which round, for one sample. */
    public static Path communicationPattern(Path file, String title, float[][] pattern) throws IOException {
        int rounds = pattern.length;
        int nodes = rounds == 0 ? 0 : pattern[0].length;
        int[] xs = new int[nodes];
        int[] ys = new int[rounds];
        for (int n = 0; n < nodes; n++) {
            xs[n] = n;
        }
        for (int r = 0; r < rounds; r++) {
            ys[r] = r + 1;
        }
        int[][] heat = new int[nodes][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int n = 0; n < nodes; n++) {
                heat[n][r] = pattern[r][n] > 0 ? 1 : 0;
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(Math.max(400, 40 * nodes + 200)).height(60 * rounds + 150)
                .title(title).xAxisTitle("node").yAxisTitle("round").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setRangeColors(new Color[] {new Color(0xF2, 0xD0, 0x3B), new Color(0x2E, 0x9E, 0x4F)});
        chart.getStyler().setShowValue(false);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(1);
        chart.addSeries("transmitted", xs, ys, heat);
        return save(chart, file);
    }

    public static Path save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) throws IOException {
        String name = file.toString();
        String base = name.endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        BitmapEncoder.saveBitmap(chart, base, BitmapFormat.PNG);
        return Path.of(base + ".png");
    }
}
