package dev.edgewise.engine.cli;

import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.catalog.topology.TopologyRegistry;
import dev.edgewise.dsl.LoadedSpec;
import dev.edgewise.dsl.SpecException;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.sweep.ExperimentSource;
import dev.edgewise.dsl.sweep.SweepPoint;
import dev.edgewise.dsl.yaml.YamlSpecReader;
import dev.edgewise.engine.run.CompiledExperiment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reading and compiling a spec file, shared by the commands that take one. */
final class SpecFiles {

    private SpecFiles() {}

    static CompiledExperiment compile(Path file, TopologyRegistry topologies, DatasetRegistry datasets) {
        LoadedSpec loaded = YamlSpecReader.read(file);
        return CompiledExperiment.compile(loaded, topologies, datasets);
    }

    /**
     * Every point of {@code source} checked against the catalog, before anything runs; problems
     * name the override or sweep point they come from, and one mistake shared by many points is
     * reported once.
     */
    static List<CompiledExperiment> compileAll(ExperimentSource source, TopologyRegistry topologies, DatasetRegistry datasets) {
        List<CompiledExperiment> compiled = new ArrayList<>();
        List<SpecProblem> problems = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (SweepPoint point : source.points()) {
            try {
                compiled.add(CompiledExperiment.compile(point.loaded(), topologies, datasets));
            } catch (SpecException e) {
                for (SpecProblem problem : source.attribute(e, point).problems()) {
                    String key = problem.position() + " " + problem.path() + " " + problem.message().replaceFirst("^sweep point [^:]*: ", "");
                    if (seen.add(key)) {
                        problems.add(problem);
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        return compiled;
    }
}
