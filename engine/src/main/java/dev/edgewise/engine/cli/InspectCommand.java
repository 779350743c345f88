package dev.edgewise.engine.cli;

import dev.edgewise.catalog.Catalog;
import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.catalog.data.NodeView;
import dev.edgewise.catalog.layers.CrnnStacks;
import dev.edgewise.catalog.layers.FlopConvention;
import dev.edgewise.catalog.layers.LayerStack;
import dev.edgewise.catalog.layers.RoleStacks;
import dev.edgewise.dsl.SpecParams;
import dev.edgewise.dsl.spec.ExchangeSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.ReferenceRow;
import dev.edgewise.dsl.spec.ReferenceSpec;
import dev.edgewise.dsl.spec.SensorSpec;
import dev.edgewise.dsl.sweep.ExperimentSource;
import dev.edgewise.engine.compare.PaperComparison;
import dev.edgewise.engine.compare.Table;
import dev.edgewise.engine.run.Accounting;
import dev.edgewise.engine.run.CompiledExperiment;
import dev.edgewise.engine.train.BitAccount;
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
                .map(e -> new PaperComparison.Outcome(SpecParams.of(e.spec()), Accounting.of(e).metrics())).toList();
        Set<String> counted = outcomes.get(0).metrics().keySet();
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
        if (experiment.spec().exchange().kindOrPeer() == ExchangeSpec.Kind.UPWARD) {
            inspectUpward(experiment, out);
            return;
        }
        ExperimentSpec spec = experiment.spec();
        Accounting accounting = Accounting.of(experiment);
        FlopConvention convention = accounting.convention();
        LayerStack extractor = accounting.extractor();
        LayerStack cell = accounting.cell();
        int nodes = accounting.nodes();
        int rounds = accounting.rounds();

        out.printf("%s: communicating C-RNN, N = %d (%s, %d links), f_in = %d, v = %d, R = %d%n%n", spec.name(), nodes,
                spec.topology().graph(), experiment.graph().edgeCount(), spec.model().features(), spec.exchange().messageSize(), rounds);
        table(out, "Extractor, per node and sample", extractor, convention);
        table(out, "Cell f_theta, per node and round", cell, convention);

        long extractorFlops = extractor.flops(convention);
        long cellFlops = cell.flops(convention);
        long perNode = extractorFlops + rounds * cellFlops;
        out.println("One inference");
        out.println();
        out.println("| quantity | value |");
        out.println("|---|---:|");
        row(out, "parameters per node (weights tied across nodes)", extractor.parameters() + cell.parameters());
        row(out, "FLOPs per node: extractor + R x cell", perNode);
        row(out, "FLOPs, whole network: N x (extractor + R x cell)", nodes * perNode);
        row(out, "FLOPs as the paper's Table 6 counts: extractor + N x R x cell", accounting.table6Flops());
        row(out, "messages at most: N x R", (long) nodes * rounds);
        out.printf("| bytes per message: v x %d bits / 8 | %s |%n", spec.exchange().bits(),
                format(spec.exchange().messageSize() * spec.exchange().bits() / 8.0));
        out.printf("| bytes at most: N x R x message | %s |%n",
                format((double) nodes * rounds * spec.exchange().messageSize() * spec.exchange().bits() / 8.0));
        out.println();
    }

    /** Split inference: the role stacks on what a node sees, and the bits one inference puts on the air. */
    private static void inspectUpward(CompiledExperiment experiment, PrintWriter out) {
        ExperimentSpec spec = experiment.spec();
        FlopConvention convention = FlopConvention.PAPER;
        ImageDataset data = Catalog.shared().datasets().load(spec.data().source(), DataCache.fromEnvironment());
        NodeView view = NodeView.of(spec.data());
        int nodes = spec.topology().nodes();
        SensorSpec sensor = spec.model().roles().sensor();
        LayerStack sensorStack = RoleStacks.sensor(sensor, view.shape(data.height(), data.width()), spec.exchange().messageSize());
        int sent = (int) sensorStack.output().elements();
        LayerStack base = RoleStacks.base(spec.model().roles().base(), nodes * sent);
        boolean atBase = sensor.placement() == SensorSpec.Placement.BASE;
        out.printf("%s: split inference, N = %d (%s), view %s, sensor %s%s%n%n", spec.name(), nodes, spec.topology().graph(),
                spec.data().viewOrItem().yamlName(), sensor.tied() ? "tied" : "per node", atBase ? ", run at the base station" : "");
        table(out, "Sensor stack, per node and sample", sensorStack, convention);
        table(out, "Base station", base, convention);
        int[] hops = spec.exchange().routeOrDirect() == ExchangeSpec.Route.HOPS ? BitAccount.hopsToNodeZero(experiment.graph().adjacency())
                : java.util.stream.IntStream.generate(() -> 1).limit(nodes).toArray();
        long raw = sensorStack.input().elements();
        Integer q = spec.exchange().quantizedBits();
        BitAccount account = atBase ? BitAccount.uniform(nodes, raw, data.bitsPerValue(), hops, raw, data.bitsPerValue())
                : BitAccount.uniform(nodes, sent, q != null ? q : spec.exchange().bits(), hops, raw, data.bitsPerValue());
        out.println("One inference, every node transmitting");
        out.println();
        out.println("| quantity | value |");
        out.println("|---|---:|");
        row(out, "parameters, whole network", (sensor.tied() ? 1 : nodes) * sensorStack.parameters() + base.parameters());
        row(out, "values a node sends", atBase ? raw : sent);
        row(out, "bits on the air", account.bits());
        row(out, "bits of the raw input over the same routes", account.rawBitsPerSample());
        out.printf("| saving against raw | %.1f %% |%n%n", 100 * account.saving(account.bits()));
    }

    private static void table(PrintWriter out, String title, LayerStack stack, FlopConvention convention) {
        out.println(title);
        out.println();
        out.println("| layer | input | output | params | FLOPs |");
        out.println("|---|---|---|---:|---:|");
        for (LayerStack.LayerAccount layer : stack.account(convention)) {
            out.printf("| %s | %s | %s | %,d | %,d |%n", layer.kind(), layer.input(), layer.output(), layer.parameters(), layer.flops());
        }
        out.printf("| **total** | %s | %s | **%,d** | **%,d** |%n%n", stack.input(), stack.output(), stack.parameters(), stack.flops(convention));
    }

    private static void row(PrintWriter out, String name, long value) {
        out.printf("| %s | %,d |%n", name, value);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.format("%,d", (long) value) : String.format("%,.2f", value);
    }
}
