package dev.edgewise.engine.family;

import dev.edgewise.dsl.Names;
import dev.edgewise.dsl.SourcePosition;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.sweep.ExperimentSource;
import dev.edgewise.dsl.sweep.MetricName;
import dev.edgewise.dsl.sweep.SweepPoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Metric names written in a file or a CI entry, checked against what its runs log: a name no
 * family of its points declares would compare nothing, draw an empty chart or guard nothing, and
 * the run would still pass. A file whose baselines use other families may name the metrics of any.
 */
public final class MetricNames {

    private MetricNames() {}

    /** Every metric a run of any point of {@code source} logs ({@link ModelFamily#metrics}). */
    public static Set<String> declared(ExperimentSource source) {
        Set<String> names = new TreeSet<>();
        for (SweepPoint point : source.points()) {
            names.addAll(FamilyRegistry.of(point.loaded().spec().model()).metrics(point.loaded().spec()));
        }
        return names;
    }

    /** The file's reference rows and sweep plots, each name at its own line. */
    public static List<SpecProblem> problems(ExperimentSource source) {
        List<MetricName> written = source.metricNames();
        if (written.isEmpty()) {
            return List.of();
        }
        Set<String> metrics = declared(source);
        Set<String> swept = new TreeSet<>(source.sweptPaths());
        List<SpecProblem> problems = new ArrayList<>();
        for (MetricName name : written) {
            if (metrics.contains(name.name()) || name.sweptPath() && swept.contains(name.name())) {
                continue;
            }
            String message = name.sweptPath()
                    ? "'" + name.name() + "' is neither a swept path nor a metric this experiment logs"
                    : "'" + name.name() + "' is not a metric this experiment logs";
            Set<String> known = new TreeSet<>(metrics);
            if (name.sweptPath()) {
                known.addAll(swept);
            }
            problems.add(source.base().sources().problem(name.path(), message, hint(name.name(), known, name.sweptPath() ? swept : Set.of())));
        }
        return problems;
    }

    /**
     * The metric names of a CI entry, reported at their keys.
     *
     * @param experiment the experiment file as the entry names it
     * @param positions where the entry's keys were written, by field path
     * @param pathOf the field path of a metric's key in the entry
     */
    public static List<SpecProblem> problems(ExperimentSource source, String experiment, Collection<String> guarded, Map<String, SourcePosition> positions,
            Function<String, String> pathOf) {
        // A search is checked as one run: its parent's metrics.
        Set<String> metrics = source.isSearch() ? new TreeSet<>(dev.edgewise.engine.search.SearchRunner.parentMetrics(source.base().spec().search()))
                : declared(source);
        List<SpecProblem> problems = new ArrayList<>();
        for (String metric : guarded) {
            if (!metrics.contains(metric)) {
                String path = pathOf.apply(metric);
                problems.add(new SpecProblem(positions.get(path), path, "'" + metric + "' is not a metric that " + experiment
                        + " logs", hint(metric, metrics, Set.of())));
            }
        }
        return problems;
    }

    /** The nearest name when there is a plausible one; else what may be named (per-size copies such as n8/test_rmse left out). */
    private static String hint(String wanted, Set<String> known, Set<String> swept) {
        String nearest = Names.nearest(wanted, known);
        if (nearest != null) {
            return "did you mean '" + nearest + "'?";
        }
        List<String> metrics = known.stream().filter(n -> !n.contains("/") && !swept.contains(n)).toList();
        return (swept.isEmpty() ? "" : "swept paths: " + String.join(", ", swept) + "; ") + "metrics: " + String.join(", ", metrics);
    }
}
