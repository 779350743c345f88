package dev.edgewise.engine.cli;

import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.catalog.topology.TopologyRegistry;
import dev.edgewise.dsl.LoadedSpec;
import dev.edgewise.dsl.sweep.ExperimentSource;
import dev.edgewise.dsl.yaml.YamlSpecReader;
import dev.edgewise.engine.run.CompiledExperiment;
import dev.edgewise.engine.sweep.Points;
import java.nio.file.Path;
import java.util.List;

/** Reading and compiling a spec file, shared by the commands that take one. */
final class SpecFiles {

    private SpecFiles() {}

    static CompiledExperiment compile(Path file, TopologyRegistry topologies, DatasetRegistry datasets) {
        LoadedSpec loaded = YamlSpecReader.read(file);
        return CompiledExperiment.compile(loaded, topologies, datasets);
    }

    /** Every point of {@code source} checked against the catalog before anything runs (see {@link Points#compileAll}). */
    static List<CompiledExperiment> compileAll(ExperimentSource source, TopologyRegistry topologies, DatasetRegistry datasets) {
        return Points.compileAll(source, topologies, datasets);
    }
}
