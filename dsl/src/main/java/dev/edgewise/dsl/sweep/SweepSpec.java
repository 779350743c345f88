package dev.edgewise.dsl.sweep;

import dev.edgewise.dsl.spec.Default;
import dev.edgewise.dsl.spec.Doc;
import dev.edgewise.dsl.spec.Range;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code sweep:} block of an experiment, as written. Axis values stay plain YAML values here
 * (a path may take integers, numbers, strings or lists); {@link ExperimentSource} checks them against
 * the spec by applying each point to the file's node tree and binding it like the file itself.
 */
@Doc("Runs an experiment at many points. Each point is the experiment with some spec paths set; every point"
        + " is one run, nested under the sweep's parent run in MLflow.")
public record SweepSpec(
        @Doc("Spec paths (dotted, e.g. topology.nodes) and the values each takes: a list [2, 5, 8] or a range"
                + " {from: 1, to: 4, step: 1}. Every combination of the grid is a point.")
        @Default("{}")
        Map<String, Object> grid,
        @Doc("Spec paths drawn at random, once per sample: a list (one value is picked) or a range {from, to}"
                + " (uniform; integers when from and to are; log: true for log-uniform). Draws are seeded by 'seed'.")
        @Default("{}")
        Map<String, Object> random,
        @Doc("Random samples; each is combined with every grid point.") @Default("1") @Range(min = 1, max = 10_000)
        int samples,
        @Doc("Runs of every point; repeat 0 keeps the point's seed, repeat r > 0 gets a seed derived from it.")
        @Default("1") @Range(min = 1, max = 1_000)
        int repeats,
        @Doc("Charts of the points' results drawn by the parent run, e.g. accuracy against messages sent.")
        @Default("[]")
        List<SweepPlot> plots) {

    public SweepSpec {
        // File order is kept: it is the order the points are numbered in.
        grid = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(grid, "grid")));
        random = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(random, "random")));
        plots = List.copyOf(Objects.requireNonNull(plots, "plots"));
        if (grid.isEmpty() && random.isEmpty() && repeats == 1) {
            throw new IllegalArgumentException("a sweep needs a 'grid' or 'random' path, or 'repeats' above 1");
        }
        if (random.isEmpty() && samples != 1) {
            throw new dev.edgewise.dsl.spec.FieldException("samples", "'samples' counts draws of the 'random' paths, and there are none",
                    "remove samples, or add paths under random:");
        }
    }
}
