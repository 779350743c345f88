package dev.edgewise.engine.repro;

import dev.edgewise.engine.compare.Metrics;
import dev.edgewise.engine.compare.Table;
import dev.edgewise.engine.track.RunEvent;
import java.util.ArrayList;
import java.util.Comparator;
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
     * {@code maxAbsDiff} the largest difference over the values compared; {@code notReached} when
     * the original stopped before it logged any value of this metric.
     */
    public record Row(String key, boolean timing, int originalValues, int reproducedValues, Double original, Double reproduced,
            double maxAbsDiff, boolean identical, boolean notReached) {}

    public static MetricDiff of(List<RunEvent.Metric> original, List<RunEvent.Metric> reproduced) {
        return of(original, reproduced, false);
    }

    /**
     * @param originalStoppedEarly the original never finished (it crashed or was killed): only the
     *     steps it reached are compared, and what it never logged is not a difference
     */
    public static MetricDiff of(List<RunEvent.Metric> original, List<RunEvent.Metric> reproduced, boolean originalStoppedEarly) {
        Map<String, List<RunEvent.Metric>> a = byKey(original);
        Map<String, List<RunEvent.Metric>> b = byKey(reproduced);
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<Row> rows = new ArrayList<>();
        for (String key : keys) {
            List<RunEvent.Metric> xs = a.getOrDefault(key, List.of());
            List<RunEvent.Metric> ys = b.getOrDefault(key, List.of());
            boolean notReached = originalStoppedEarly && xs.isEmpty();
            if (originalStoppedEarly) {
                Set<Long> reached = new java.util.HashSet<>();
                xs.forEach(m -> reached.add(m.step()));
                ys = ys.stream().filter(m -> reached.contains(m.step())).toList();
            }
            List<Double> x = xs.stream().map(RunEvent.Metric::value).toList();
            List<Double> y = ys.stream().map(RunEvent.Metric::value).toList();
            boolean identical = notReached || x.size() == y.size();
            double max = 0;
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                if (Double.doubleToLongBits(x.get(i)) != Double.doubleToLongBits(y.get(i))) {
                    identical = false;
                    double d = Math.abs(x.get(i) - y.get(i));
                    max = Double.isNaN(d) ? Double.NaN : Math.max(max, d);
                }
            }
            rows.add(new Row(key, Metrics.isTiming(key), x.size(), y.size(), x.isEmpty() ? null : x.get(x.size() - 1),
                    y.isEmpty() ? null : y.get(y.size() - 1), max, identical, notReached));
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
            String same = r.timing() ? "timing, not compared" : r.notReached() ? "not reached by the original"
                    : r.identical() ? "identical" : "DIFFERS";
            table.add(r.key(), values, r.original(), r.reproduced(), r.identical() || r.timing() ? null : r.maxAbsDiff(), same);
        }
        return table;
    }

    /**
     * Each metric's values in (step, timestamp) order, ties by value: the run store lists them as
     * logged, MLflow by step, and only an order both sides can produce makes them comparable.
     */
    private static Map<String, List<RunEvent.Metric>> byKey(List<RunEvent.Metric> metrics) {
        Map<String, List<RunEvent.Metric>> out = new LinkedHashMap<>();
        for (RunEvent.Metric m : metrics) {
            out.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m);
        }
        out.replaceAll((k, v) -> v.stream().sorted(ORDER).toList());
        return out;
    }

    private static final Comparator<RunEvent.Metric> ORDER = Comparator.comparingLong(RunEvent.Metric::step)
            .thenComparingLong(RunEvent.Metric::timestampMs)
            .thenComparingLong(m -> Double.doubleToLongBits(m.value()));
}
