package dev.edgewise.engine.cli;

import dev.edgewise.catalog.Catalog;
import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.catalog.topology.TopologyRegistry;
import dev.edgewise.dsl.sweep.ExperimentSource;
import dev.edgewise.engine.CompiledFile;
import dev.edgewise.engine.run.CompiledExperiment;
import dev.edgewise.engine.sweep.Points;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Reading and compiling spec files (YAML, or Kotlin scripts with any number of experiments), shared by the commands that take them. */
final class SpecFiles {

    private SpecFiles() {}

    static CompiledFile compile(Path file, Catalog catalog) {
        return CompiledFile.compile(file, catalog);
    }

    /** One line on what a script cost to get ready: the compiler's first use in a JVM is the slow part of a script run. */
    static void reportScript(CompiledFile compiled, PrintWriter out) {
        if (compiled.script() != null) {
            out.printf("edgewise: %s %s in %.1f s%n", compiled.file(),
                    compiled.script().getFromCache() ? "loaded from the script cache" : "compiled", compiled.script().getCompileSeconds());
        }
    }

    /** Every point of {@code source} checked against the catalog before anything runs (see {@link Points#compileAll}). */
    static List<CompiledExperiment> compileAll(ExperimentSource source, TopologyRegistry topologies, DatasetRegistry datasets) {
        return Points.compileAll(source, topologies, datasets);
    }
}
