package dev.edgewise.engine.repro;

import dev.edgewise.engine.compare.Metrics;
import dev.edgewise.engine.compare.Table;
import dev.edgewise.engine.track.RunEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two runs' metrics, value by value: every metric at every step, in the order logged. "Identical"
 * means the same doubles bit for bit, which is what the same spec, seed, code and machine promise.
 * Timing metrics are shown but never count as a difference.
 */
public record MetricDiff(List<Row> rows) {

    /**
     * One metric. {@code values} is how many values each run logged (they should match);
     * {@code maxAbsDiff} the largest difference over the values compared.
     */
    public record Row(String key, boolean timing, int originalValues, int reproducedValues, Double original, Double reproduced,
            double maxAbsDiff, boolean identical) {}

    public static MetricDiff of(List<RunEvent.Metric> original, List<RunEvent.Metric> reproduced) {
        Map<String, List<Double>> a = byKey(original);
        Map<String, List<Double>> b = byKey(reproduced);
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<Row> rows = new ArrayList<>();
        for (String key : keys) {
            List<Double> x = a.getOrDefault(key, List.of());
            List<Double> y = b.getOrDefault(key, List.of());
            boolean identical = x.size() == y.size();
            double max = 0;
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                if (Double.doubleToLongBits(x.get(i)) != Double.doubleToLongBits(y.get(i))) {
                    identical = false;
                    double d = Math.abs(x.get(i) - y.get(i));
                    max = Double.isNaN(d) ? Double.NaN : Math.max(max, d);
                }
            }
            rows.add(new Row(key, Metrics.isTiming(key), x.size(), y.size(), x.isEmpty() ? null : x.get(x.size() - 1),
                    y.isEmpty() ? null : y.get(y.size() - 1), max, identical));
        }
        return new MetricDiff(rows);
    }

    /** Metrics (timings aside) whose values are not all identical. */
    public List<Row> differing() {
        return rows.stream().filter(r -> !r.timing() && !r.identical()).toList();
    }

    public long valuesCompared() {
        return rows.stream().filter(r -> !r.timing()).mapToLong(r -> Math.min(r.originalValues(), r.reproducedValues())).sum();
    }

    public Table table() {
        Table table = new Table("metric", "values", "original", "reproduced", "max_abs_diff", "same");
        for (Row r : rows) {
            String values = r.originalValues() == r.reproducedValues() ? Integer.toString(r.originalValues())
                    : r.originalValues() + " vs " + r.reproducedValues();
            String same = r.timing() ? "timing, not compared" : r.identical() ? "identical" : "DIFFERS";
            table.add(r.key(), values, r.original(), r.reproduced(), r.identical() || r.timing() ? null : r.maxAbsDiff(), same);
        }
        return table;
    }

    private static Map<String, List<Double>> byKey(List<RunEvent.Metric> metrics) {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        for (RunEvent.Metric m : metrics) {
            out.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m.value());
        }
        return out;
    }
}
