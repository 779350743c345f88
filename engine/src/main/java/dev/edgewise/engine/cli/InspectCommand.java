package dev.edgewise.engine.cli;

import dev.edgewise.catalog.Catalog;
import dev.edgewise.dsl.SpecParams;
import dev.edgewise.dsl.spec.ReferenceRow;
import dev.edgewise.dsl.spec.ReferenceSpec;
import dev.edgewise.dsl.sweep.ExperimentSource;
import dev.edgewise.engine.compare.PaperComparison;
import dev.edgewise.engine.compare.Table;
import dev.edgewise.engine.family.DataShape;
import dev.edgewise.engine.family.FamilyRegistry;
import dev.edgewise.engine.run.CompiledExperiment;
import dev.edgewise.script.ExperimentFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "inspect", mixinStandardHelpOptions = true, description = {
    "Print the compiled model layer by layer: shapes, parameters and FLOPs (the C-RNN paper's",
    "convention: dense = in*out, conv = out*k*k*c_in + out, pool = 3/output, ReLU = 1/element,",
    "2 on pooled maps), and what one inference costs the network in compute and bytes."})
final class InspectCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    ScriptOptions scriptOptions;

    @Parameters(paramLabel = "FILE", description = "The experiment file.")
    Path file;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        Catalog catalog = Catalog.shared();
        PrintWriter out = command.commandLine().getOut();
        List<CompiledExperiment> experiments = ExperimentFiles.isScript(file)
                ? SpecFiles.compile(file, catalog).experiments()
                : SpecFiles.compileAll(ExperimentSource.read(file, List.of()), catalog.topologies(), catalog.datasets());
        for (CompiledExperiment experiment : experiments) {
            inspect(experiment, out);
        }
        ReferenceSpec reference = experiments.get(0).spec().reference();
        if (reference != null) {
            compare(reference, experiments, out);
        }
        return 0;
    }

    /** The reference's counting metrics (parameters, FLOPs) beside ours; its trained metrics need a run. */
    private static void compare(ReferenceSpec reference, List<CompiledExperiment> experiments, PrintWriter out) {
        List<PaperComparison.Outcome> outcomes = experiments.stream()
                .map(e -> new PaperComparison.Outcome(SpecParams.of(e.spec()), FamilyRegistry.of(e.spec().model()).counts(e, shape(e))))
                .toList();
        Set<String> counted = new java.util.HashSet<>();
        outcomes.forEach(outcome -> counted.addAll(outcome.metrics().keySet()));
        List<ReferenceRow> rows = new ArrayList<>();
        for (ReferenceRow row : reference.rows()) {
            Map<String, Double> values = new LinkedHashMap<>(row.values());
            values.keySet().retainAll(counted);
            if (!values.isEmpty()) {
                rows.add(new ReferenceRow(row.where(), values, row.note()));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        out.printf("Beside %s%n%n", reference.source());
        out.println(PaperComparison.table(new ReferenceSpec(reference.source(), rows), outcomes).render(Table.Format.MD));
    }

    private static void inspect(CompiledExperiment experiment, PrintWriter out) {
        DataShape data = shape(experiment);
        FamilyRegistry.of(experiment.spec().model()).inspect(experiment, data, out);
        dev.edgewise.engine.device.DeviceCheck.table(out, dev.edgewise.engine.device.DeviceCheck.budgets(experiment.spec(),
                FamilyRegistry.of(experiment.spec().model()), data));
    }

    private static DataShape shape(CompiledExperiment experiment) {
        return experiment.spec().data().file() != null
                ? DataShape.of(Catalog.shared().datasets().load(experiment.spec().data(), dev.edgewise.catalog.data.DataCache.fromEnvironment()))
                : CompiledExperiment.shape(Catalog.shared().datasets(), experiment.spec().data().source());
    }
}
