package dev.edgewise.engine;

import dev.edgewise.catalog.Catalog;
import dev.edgewise.dsl.LoadedSpec;
import dev.edgewise.dsl.SpecException;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.engine.run.CompiledExperiment;
import dev.edgewise.script.ExperimentFiles;
import dev.edgewise.script.LoadedFile;
import dev.edgewise.script.LoadedScript;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The experiments of one file, checked against a catalog: one for a YAML file, any number for a
 * Kotlin script (whose custom parts are registered in the catalog first, so its experiments and
 * every later file can name them).
 *
 * @param script how the script was compiled, or null for YAML
 */
public record CompiledFile(Path file, List<CompiledExperiment> experiments, LoadedScript script) {

    public CompiledFile {
        experiments = List.copyOf(experiments);
    }

    /** @throws SpecException with every problem in the file, each at its file:line:column */
    public static CompiledFile compile(Path file, Catalog catalog) {
        LoadedFile loaded = ExperimentFiles.load(file, catalog);
        List<CompiledExperiment> experiments = new ArrayList<>();
        List<SpecProblem> problems = new ArrayList<>();
        for (LoadedSpec spec : loaded.getExperiments()) {
            try {
                experiments.add(CompiledExperiment.compile(spec, catalog.topologies(), catalog.datasets()));
            } catch (SpecException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        return new CompiledFile(file, experiments, loaded.getScript());
    }
}
