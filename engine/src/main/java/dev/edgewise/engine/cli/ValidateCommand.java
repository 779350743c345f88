package dev.edgewise.engine.cli;

import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.catalog.topology.TopologyRegistry;
import dev.edgewise.dsl.sweep.ExperimentSource;
import dev.edgewise.engine.run.CompiledExperiment;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "validate", description = "Check experiment files without running them: syntax, types, names, graph, every sweep point.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Experiment files (.yaml).")
    List<Path> files;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        TopologyRegistry topologies = new TopologyRegistry();
        DatasetRegistry datasets = new DatasetRegistry();
        int worst = 0;
        for (Path file : files) {
            try {
                ExperimentSource source = ExperimentSource.read(file, List.of());
                List<CompiledExperiment> points = SpecFiles.compileAll(source, topologies, datasets);
                CompiledExperiment experiment = points.get(0);
                if (source.isSweep()) {
                    command.commandLine().getOut().printf("%s: ok (%s, sweep of %d points over %s)%n", file, experiment.spec().name(),
                            points.size(), String.join(", ", source.sweptPaths().isEmpty() ? List.of("repeats") : source.sweptPaths()));
                } else {
                    command.commandLine().getOut().printf("%s: ok (%s, %d nodes, %d links, spec %s)%n", file, experiment.spec().name(),
                            experiment.graph().nodes(), experiment.graph().edgeCount(), experiment.specHash().substring(0, 19));
                }
            } catch (dev.edgewise.dsl.SpecException e) {
                ErrorReporter.report(e, command.commandLine().getErr());
                worst = Edgewise.EXIT_BAD_INPUT;
            }
        }
        return worst;
    }
}
