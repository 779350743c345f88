package dev.edgewise.dsl.sweep;

import dev.edgewise.dsl.LoadedSpec;
import dev.edgewise.dsl.Names;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.spec.ReferenceRow;
import dev.edgewise.dsl.spec.ReferenceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A reference row that names no spec path, or that no run of the file as written matches, would
 * silently compare nothing: both are the file's mistakes, reported at the row.
 */
final class ReferenceCheck {

    private ReferenceCheck() {}

    /**
     * @param asWritten whether the points are the file's own; overrides may shrink a sweep (a
     *     quick CI run of two of its points), and then rows about the other points match nothing
     */
    static List<SpecProblem> problems(LoadedSpec base, List<SweepPoint> points, boolean asWritten) {
        ReferenceSpec reference = base.spec().reference();
        if (reference == null) {
            return List.of();
        }
        List<Map<String, String>> runs = points.stream().map(SweepPoint::referenceParams).toList();
        // A path any run has (a baseline may set keys the experiment leaves unset) can pick runs.
        Set<String> params = new TreeSet<>();
        runs.forEach(run -> params.addAll(run.keySet()));
        params.removeIf(path -> path.startsWith("reference."));
        List<SpecProblem> problems = new ArrayList<>();
        for (int i = 0; i < reference.rows().size(); i++) {
            ReferenceRow row = reference.rows().get(i);
            String rowPath = "$.reference.rows[" + i + "]";
            boolean known = true;
            for (String path : row.where().keySet()) {
                if (!params.contains(path)) {
                    known = false;
                    String nearest = Names.nearest(path, params);
                    problems.add(base.sources().problem(rowPath + ".where." + path, "'" + path + "' is not a spec path",
                            nearest != null ? "did you mean '" + nearest + "'?" : "paths are dotted YAML keys, e.g. topology.nodes"));
                }
            }
            if (asWritten && known && runs.stream().noneMatch(row::matches)) {
                problems.add(base.sources().problem(rowPath + ".where", "no run of this experiment has " + row.where(),
                        "values its runs take: " + taken(row, runs)));
            }
        }
        return problems;
    }

    private static String taken(ReferenceRow row, List<Map<String, String>> runs) {
        Map<String, TreeSet<String>> values = new TreeMap<>();
        for (String path : row.where().keySet()) {
            TreeSet<String> seen = new TreeSet<>();
            runs.forEach(run -> seen.add(String.valueOf(run.get(path))));
            values.put(path, seen);
        }
        return values.toString();
    }
}
