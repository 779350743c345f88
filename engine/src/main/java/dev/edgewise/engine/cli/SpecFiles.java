package dev.edgewise.engine.cli;

import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.catalog.topology.TopologyRegistry;
import dev.edgewise.dsl.LoadedSpec;
import dev.edgewise.dsl.yaml.YamlSpecReader;
import dev.edgewise.engine.run.CompiledExperiment;
import java.nio.file.Path;

/** Reading and compiling a spec file, shared by the commands that take one. */
final class SpecFiles {

    private SpecFiles() {}

    static CompiledExperiment compile(Path file, TopologyRegistry topologies, DatasetRegistry datasets) {
        LoadedSpec loaded = YamlSpecReader.read(file);
        return CompiledExperiment.compile(loaded, topologies, datasets);
    }
}
