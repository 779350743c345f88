package dev.edgewise.engine.compare;

import dev.edgewise.dsl.spec.ReferenceRow;
import dev.edgewise.dsl.spec.ReferenceSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The published numbers of an experiment's {@code reference:} block beside the runs' own: one line
 * per row and metric with the paper's value, ours (the mean over the runs the row matches), the
 * difference and how many runs it averages.
 */
public final class PaperComparison {

    public static final String MARKDOWN = "comparison.md";
    public static final String CSV = "comparison.csv";

    /** A finished run: its flat spec params (SpecParams) and final metrics. */
    public record Outcome(Map<String, String> params, Map<String, Double> metrics) {}

    private PaperComparison() {}

    /** Whole numbers (parameter and FLOP counts) print as such, not as 21330.0000. */
    private static Object count(Double value) {
        if (value != null && value == Math.rint(value) && Math.abs(value) >= 1000 && Math.abs(value) < 1e15) {
            return value.longValue();
        }
        return value;
    }

    /** The comparison with a note column: for the artifacts. */
    public static Table table(ReferenceSpec reference, List<Outcome> outcomes) {
        return table(reference, outcomes, true);
    }

    /** The comparison; without notes it fits a terminal. */
    public static Table table(ReferenceSpec reference, List<Outcome> outcomes, boolean withNotes) {
        Set<String> paths = new LinkedHashSet<>();
        reference.rows().forEach(row -> paths.addAll(row.where().keySet()));
        List<String> headers = new ArrayList<>(paths);
        headers.addAll(List.of("metric", "paper", "ours", "difference", "runs"));
        if (withNotes) {
            headers.add("note");
        }
        Table table = new Table(headers);
        for (ReferenceRow row : reference.rows()) {
            List<Outcome> matching = outcomes.stream().filter(o -> row.matches(o.params())).toList();
            for (Map.Entry<String, Double> published : row.values().entrySet()) {
                List<Object> cells = new ArrayList<>();
                for (String path : paths) {
                    Object value = row.where().get(path);
                    cells.add(value == null ? "" : String.valueOf(value));
                }
                double[] ours = matching.stream().map(o -> o.metrics().get(published.getKey()))
                        .filter(v -> v != null && !v.isNaN()).mapToDouble(Double::doubleValue).toArray();
                Double mean = ours.length == 0 ? null : java.util.Arrays.stream(ours).average().orElseThrow();
                cells.add(published.getKey());
                cells.add(count(published.getValue()));
                cells.add(count(mean));
                cells.add(mean == null ? null : count(mean - published.getValue()));
                cells.add((long) ours.length);
                if (withNotes) {
                    cells.add(row.note());
                }
                table.add(cells);
            }
        }
        return table;
    }
}
