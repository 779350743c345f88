package dev.edgewise.engine.family.split;

import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.SensorSpec;
import dev.edgewise.dsl.spec.SplitModelSpec;
import dev.edgewise.engine.plot.RunPlots;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The split-inference paper's Figure 3 from a sweep's runs: accuracy against C (the values that
 * reach the base station) with one line per method and q, and accuracy against the bits sent per
 * inference; plus the table behind them, every run and the mean and spread over repeats.
 */
final class SplitSummary {

    /** One finished run: its spec, its baseline name (null for the experiment itself), its final metrics. */
    record Run(ExperimentSpec spec, String baseline, String runId, Map<String, Double> metrics) {

        /** C: values all nodes send together; 0 when the nodes send their raw input. */
        int c() {
            return ((SplitModelSpec) spec.model()).sensor().placement() == SensorSpec.Placement.BASE ? 0
                    : spec.topology().nodes() * spec.exchange().messageSize();
        }

        String q() {
            Integer bits = spec.exchange().quantizedBits();
            return bits == null ? "none" : Integer.toString(bits);
        }

        String method() {
            return baseline == null ? "ours" : baseline;
        }

        /** The line a run belongs to: method and q; a raw-input run is one line of its own. */
        String series() {
            return c() == 0 ? method() : method() + " q=" + q();
        }
    }

    private SplitSummary() {}

    /** Every run, one row each. */
    public static String runsCsv(List<Run> runs) {
        StringBuilder csv = new StringBuilder("method,C,q,nodes,message_size,seed,test_accuracy,test_bits_per_sample,test_bits_saving,"
                + "test_accuracy_int8,test_accuracy_int4,run_id\n");
        for (Run r : runs) {
            csv.append(String.join(",", r.method(), Integer.toString(r.c()), r.q(), Integer.toString(r.spec().topology().nodes()),
                    Integer.toString(r.spec().exchange().messageSize()), Long.toString(r.spec().seed()), num(r, "test_accuracy"),
                    num(r, "test_bits_per_sample"), num(r, "test_bits_saving"), num(r, "test_accuracy_int8"), num(r, "test_accuracy_int4"),
                    r.runId())).append('\n');
        }
        return csv.toString();
    }

    /** Mean and sample standard deviation of test accuracy per (method, C, q) over its runs (seeds). */
    public static String meansCsv(List<Run> runs) {
        Map<String, List<Run>> groups = groups(runs);
        StringBuilder csv = new StringBuilder("method,C,q,runs,test_accuracy_mean,test_accuracy_sd,test_bits_per_sample\n");
        for (List<Run> group : groups.values()) {
            double[] acc = group.stream().mapToDouble(r -> r.metrics().getOrDefault("test_accuracy", Double.NaN)).toArray();
            Run first = group.get(0);
            csv.append(String.join(",", first.method(), Integer.toString(first.c()), first.q(), Integer.toString(acc.length),
                    fmt(mean(acc)), fmt(sd(acc)), num(first, "test_bits_per_sample"))).append('\n');
        }
        return csv.toString();
    }

    /** Accuracy against C, one line per method and q (log-2 x axis); raw-input runs as a flat line. */
    public static Path accuracyVsC(Path file, String title, List<Run> runs) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title).xAxisTitle("C (values the base station receives)")
                .yAxisTitle("test accuracy").build();
        style(chart);
        chart.getStyler().setXAxisLogarithmic(true);
        Map<String, TreeMap<Integer, List<Double>>> lines = new LinkedHashMap<>();
        for (Run r : runs) {
            lines.computeIfAbsent(r.series(), k -> new TreeMap<>()).computeIfAbsent(r.c(), k -> new ArrayList<>())
                    .add(r.metrics().getOrDefault("test_accuracy", Double.NaN));
        }
        int minC = runs.stream().mapToInt(Run::c).filter(c -> c > 0).min().orElse(1);
        int maxC = runs.stream().mapToInt(Run::c).max().orElse(1);
        for (Map.Entry<String, TreeMap<Integer, List<Double>>> line : lines.entrySet()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            if (line.getValue().size() == 1 && line.getValue().firstKey() == 0) {
                double value = mean(line.getValue().get(0).stream().mapToDouble(Double::doubleValue).toArray());
                x.addAll(List.of((double) minC, (double) maxC));
                y.addAll(List.of(value, value));
                chart.addSeries(line.getKey(), x, y).setMarker(SeriesMarkers.NONE).setLineStyle(SeriesLines.DOT_DOT);
                continue;
            }
            line.getValue().forEach((c, values) -> {
                if (c > 0) {
                    x.add((double) c);
                    y.add(mean(values.stream().mapToDouble(Double::doubleValue).toArray()));
                }
            });
            var series = chart.addSeries(line.getKey(), x, y);
            series.setMarker(line.getKey().startsWith("ours") ? SeriesMarkers.CIRCLE : SeriesMarkers.SQUARE);
            if (!line.getKey().startsWith("ours")) {
                series.setLineStyle(SeriesLines.DASH_DASH);
            }
        }
        return RunPlots.save(chart, file);
    }

    /** Accuracy against the bits sent per inference (log x axis), one marker per run. */
    public static Path accuracyVsBits(Path file, String title, List<Run> runs) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title).xAxisTitle("bits sent per inference")
                .yAxisTitle("test accuracy").build();
        style(chart);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        for (Run r : runs) {
            points.computeIfAbsent(r.series(), k -> new ArrayList<>())
                    .add(new double[] {r.metrics().getOrDefault("test_bits_per_sample", Double.NaN), r.metrics().getOrDefault("test_accuracy", Double.NaN)});
        }
        points.forEach((name, xy) -> chart.addSeries(name, xy.stream().map(p -> p[0]).toList(), xy.stream().map(p -> p[1]).toList()));
        return RunPlots.save(chart, file);
    }

    private static void style(XYChart chart) {
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(true);
    }

    private static Map<String, List<Run>> groups(List<Run> runs) {
        Map<String, List<Run>> groups = new LinkedHashMap<>();
        for (Run r : runs) {
            groups.computeIfAbsent(r.method() + "|" + r.c() + "|" + r.q(), k -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? Double.NaN : sum / values.length;
    }

    /** Sample standard deviation (n - 1); 0 for one value. */
    static double sd(double[] values) {
        if (values.length < 2) {
            return 0;
        }
        double m = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - m) * (v - m);
        }
        return Math.sqrt(sum / (values.length - 1));
    }

    private static String num(Run r, String key) {
        Double value = r.metrics().get(key);
        return value == null ? "" : fmt(value);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }
}
