package dev.edgewise.engine.sweep;

import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.catalog.topology.TopologyRegistry;
import dev.edgewise.dsl.SpecException;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.sweep.ExperimentSource;
import dev.edgewise.dsl.sweep.SweepPoint;
import dev.edgewise.engine.family.MetricNames;
import dev.edgewise.engine.run.CompiledExperiment;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Checking every point of an experiment against the catalog before any of them runs. */
public final class Points {

    private Points() {}

    /**
     * Every point of {@code source} compiled; problems name the override or sweep point they come
     * from, and one mistake shared by many points is reported once.
     */
    public static List<CompiledExperiment> compileAll(ExperimentSource source, TopologyRegistry topologies, DatasetRegistry datasets) {
        List<CompiledExperiment> compiled = new ArrayList<>();
        List<SpecProblem> problems = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<SpecProblem> searchProblems = new ArrayList<>();
        for (SweepPoint point : source.points()) {
            try {
                compiled.add(CompiledExperiment.compile(point.loaded(), topologies, datasets));
            } catch (SpecException e) {
                if (source.isSearch()) {
                    // A configuration the family refuses is one the search rejects (counted, never trained), not a mistake
                    // in the file, unless no configuration compiles at all.
                    if (searchProblems.isEmpty()) {
                        searchProblems.addAll(source.attribute(e, point).problems());
                    }
                    continue;
                }
                for (SpecProblem problem : source.attribute(e, point).problems()) {
                    String key = problem.position() + " " + problem.path() + " " + problem.message().replaceFirst("^sweep point [^:]*: ", "");
                    if (seen.add(key)) {
                        problems.add(problem);
                    }
                }
            }
        }
        if (source.isSearch() && compiled.isEmpty()) {
            problems.addAll(searchProblems);
        }
        problems.addAll(MetricNames.problems(source));
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        return compiled;
    }
}
