package dev.edgewise.engine.cli;

import dev.edgewise.catalog.Catalog;
import dev.edgewise.dsl.sweep.ExperimentSource;
import dev.edgewise.engine.CompiledFile;
import dev.edgewise.script.ExperimentFiles;
import dev.edgewise.engine.run.CompiledExperiment;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check experiment files without running them: syntax, types, names, graph, every sweep point.")
final class ValidateCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    ScriptOptions scriptOptions;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = {
        "Experiment files (.yaml, or .experiment.kts with any number of experiments), read in order:",
        "parts a script registers can be named by later files."})
    List<Path> files;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        Catalog catalog = Catalog.shared();
        int worst = 0;
        for (Path file : files) {
            try {
                if (ExperimentFiles.isScript(file)) {
                    CompiledFile compiled = SpecFiles.compile(file, catalog);
                    SpecFiles.reportScript(compiled, command.commandLine().getOut());
                    for (CompiledExperiment experiment : compiled.experiments()) {
                        command.commandLine().getOut().printf("%s: ok (%s, %d nodes, %d links, spec %s)%n", file, experiment.spec().name(),
                                experiment.graph().nodes(), experiment.graph().edgeCount(), experiment.specHash().substring(0, 19));
                    }
                    if (compiled.experiments().isEmpty()) {
                        command.commandLine().getOut().printf("%s: ok (no experiments; registers %s)%n", file,
                                String.join(", ", compiled.script().getParts()));
                    }
                    continue;
                }
                ExperimentSource source = ExperimentSource.read(file, List.of());
                List<CompiledExperiment> points = SpecFiles.compileAll(source, catalog.topologies(), catalog.datasets());
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
