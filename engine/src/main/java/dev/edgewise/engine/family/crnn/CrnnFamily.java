package dev.edgewise.engine.family.crnn;

import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.catalog.layers.FlopConvention;
import dev.edgewise.catalog.layers.LayerStack;
import dev.edgewise.dsl.spec.CrnnModelSpec;
import dev.edgewise.dsl.spec.DataSpec;
import dev.edgewise.dsl.spec.ExchangeSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.PeerExchangeSpec;
import dev.edgewise.engine.family.DataShape;
import dev.edgewise.engine.family.FamilyCheck;
import dev.edgewise.engine.family.FamilyRun;
import dev.edgewise.engine.family.InspectTables;
import dev.edgewise.engine.family.ModelFamily;
import dev.edgewise.engine.family.RunPlotting;
import dev.edgewise.engine.run.CompiledExperiment;
import dev.edgewise.engine.train.Traffic;
import dev.edgewise.engine.task.Task;
import dev.edgewise.engine.task.TaskRegistry;
import dev.edgewise.engine.train.NodeSamples;
import dev.edgewise.engine.train.Seeds;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The communicating C-RNN (papers/crnn-communicating-iot.md): every node runs a CNN extractor
 * and a recurrent cell with tied weights, and exchanges gated messages with its neighbours for R
 * rounds; every node outputs the answer.
 */
public final class CrnnFamily implements ModelFamily<CrnnModelSpec>, dev.edgewise.engine.device.Budgeted {

    /** The extractor's input: one grey 28x28 digit. */
    private static final int SIDE = 28;
    private static final List<String> EVALUATION = List.of("loss", "rmse", "error_pct", "accuracy", "sent_fraction",
            "messages_per_sample", "bits_per_sample", "bytes_per_sample", "delivered_fraction");

    @Override
    public Class<CrnnModelSpec> spec() {
        return CrnnModelSpec.class;
    }

    @Override
    public Set<Class<? extends ExchangeSpec>> exchanges() {
        return Set.of(PeerExchangeSpec.class);
    }

    @Override
    public Set<String> lossTerms() {
        return Set.of("task", "communication");
    }

    @Override
    public void check(FamilyCheck<CrnnModelSpec> check) {
        ExperimentSpec spec = check.spec();
        if (spec.data().viewOrItem() != DataSpec.View.ITEM) {
            check.problem("$.data.view", "the crnn family gives each node its own item; view '" + spec.data().view().yamlName()
                    + "' is for families that split one item (model kind split)", "remove data.view, or set model.kind: split");
        }
        if (TaskRegistry.of(spec.task()).classification()) {
            check.problem("$.task.kind", "every C-RNN node outputs one value; task '" + spec.task().kind() + "' needs one score per class",
                    "use task max or max-parity, or model kind split");
        }
        if (spec.exchange() instanceof PeerExchangeSpec peer && peer.send() != null && peer.gate() == PeerExchangeSpec.Gate.ALWAYS) {
            check.problem("$.exchange.send", "exchange.send learns when a node transmits, but gate 'always' sends every round",
                    "remove gate: always (or set gate: relu), or remove exchange.send");
        }
        DataShape data = check.data();
        if (data.height() != SIDE || data.width() != SIDE) {
            check.problem("$.data.source", "the C-RNN's extractor reads " + SIDE + "x" + SIDE + " images; dataset '" + spec.data().source()
                    + "' has " + data.height() + "x" + data.width() + " items", "use an image dataset such as mnist, or model kind split");
        }
    }

    @Override
    public Set<String> metrics(ExperimentSpec spec) {
        Set<String> names = new LinkedHashSet<>(List.of("pretrain_loss", "pretrain_test_accuracy", "train_loss", "train_samples_per_second",
                "extractor_parameters", "extractor_flops", "cell_parameters", "cell_flops", "node_parameters", "inference_flops"));
        List<String> evaluation = new ArrayList<>(EVALUATION);
        evaluation.addAll(Traffic.radioMetrics(spec.links()));
        for (String metric : evaluation) {
            names.add("test_" + metric);
            names.add("train_" + metric);
            for (int size : spec.evaluationNodes()) {
                if (size != spec.topology().nodes()) {
                    names.add("n" + size + "/test_" + metric);
                }
            }
        }
        return names;
    }

    @Override
    public Map<String, Double> counts(CompiledExperiment experiment, DataShape data) {
        return CrnnAccounting.of(experiment).metrics();
    }

    @Override
    public Map<String, Double> run(FamilyRun run) throws IOException {
        ExperimentSpec spec = run.spec();
        ImageDataset data = run.data();
        Seeds seeds = run.seeds();
        Task task = TaskRegistry.of(spec.task());
        int[][] pools = NodeSamples.split(data.size(), spec.data().holdout(), seeds.stream("data.split"));
        Map<Integer, NodeSamples> train = new LinkedHashMap<>();
        for (int size : spec.trainingNodes()) {
            // One stream per size, named so the quickstart's single size keeps the stream it always had.
            String stream = spec.trainingNodes().size() == 1 ? "data.train" : "data.train.n" + size;
            train.put(size, NodeSamples.draw(spec.data().trainSamples(), size, pools[0], data.labels(), task, seeds.stream(stream)));
        }
        Map<Integer, NodeSamples> test = new LinkedHashMap<>();
        for (int size : spec.evaluationNodes()) {
            String stream = size == spec.topology().nodes() ? "data.test" : "data.test.n" + size;
            test.put(size, NodeSamples.draw(spec.data().testSamples(), size, pools[1], data.labels(), task, seeds.stream(stream)));
        }
        NodeSamples mainTest = test.get(spec.topology().nodes());
        CrnnModelSpec model = (CrnnModelSpec) spec.model();
        try (CrnnTraining training = new CrnnTraining(spec, data, run.experiment().adjacency(), seeds, run.links())) {
            Map<String, Double> results = new LinkedHashMap<>();
            if (model.extractor().pretrain().epochs() > 0) {
                results.put("pretrain_test_accuracy", training.pretrain(pools[0], pools[1], run.listener()));
            }
            training.train(train, mainTest, run.listener());
            training.evaluate(mainTest).forEach((key, value) -> results.put("test_" + key, value));
            for (Map.Entry<Integer, NodeSamples> size : test.entrySet()) {
                if (size.getKey() != spec.topology().nodes()) {
                    training.evaluate(size.getValue()).forEach((key, value) -> results.put("n" + size.getKey() + "/test_" + key, value));
                }
            }
            NodeSamples mainTrain = train.getOrDefault(spec.topology().nodes(), train.values().iterator().next());
            training.evaluate(mainTrain).forEach((key, value) -> results.put("train_" + key, value));
            results.putAll(CrnnAccounting.of(run.experiment()).metrics());
            // What DJL allocated, not what the accounting says it should: the two agree (CrnnAccountingTest).
            results.put("cell_parameters", (double) RunPlotting.parameters(training.network().cell()));
            results.put("extractor_parameters", (double) RunPlotting.parameters(training.network().extractor()));
            plot(run, training.pattern(mainTest, 0));
            run.artifacts().parameters(training.model(), spec.name());
            return results;
        }
    }

    /** Training curves, messages over training (the paper's Figure 8) and one sample's communication pattern (Figure 6). */
    private static void plot(FamilyRun run, float[][] pattern) throws IOException {
        ExperimentSpec spec = run.spec();
        RunPlotting plots = new RunPlotting(run);
        plots.curves("loss.png", spec.name() + ": loss and RMSE", "value", "train_loss", "test_rmse");
        plots.curves("accuracy.png", spec.name() + ": test accuracy", "exact accuracy", "test_accuracy");
        plots.curves("messages.png", spec.name() + ": messages per test sample (of " + spec.topology().nodes() * spec.exchange().rounds() + ")",
                "messages", "test_messages_per_sample");
        plots.pattern("pattern.png", spec.name() + ": who transmits (green), test sample 0", pattern);
    }

    @Override
    public void inspect(CompiledExperiment experiment, DataShape data, PrintWriter out) {
        ExperimentSpec spec = experiment.spec();
        CrnnModelSpec model = (CrnnModelSpec) spec.model();
        CrnnAccounting accounting = CrnnAccounting.of(experiment);
        FlopConvention convention = accounting.convention();
        LayerStack extractor = accounting.extractor();
        LayerStack cell = accounting.cell();
        int nodes = accounting.nodes();
        int rounds = accounting.rounds();
        ExchangeSpec exchange = spec.exchange();

        out.printf("%s: communicating C-RNN, N = %d (%s, %d links), f_in = %d, v = %d, R = %d%n%n", spec.name(), nodes,
                spec.topology().graph(), experiment.graph().edgeCount(), model.features(), exchange.messageSize(), rounds);
        InspectTables.stack(out, "Extractor, per node and sample", extractor, convention);
        InspectTables.stack(out, "Cell f_theta, per node and round", cell, convention);

        long perNode = extractor.flops(convention) + rounds * cell.flops(convention);
        InspectTables.quantities(out, "One inference");
        InspectTables.row(out, "parameters per node (weights tied across nodes)", extractor.parameters() + cell.parameters());
        InspectTables.row(out, "FLOPs per node: extractor + R x cell", perNode);
        InspectTables.row(out, "FLOPs, whole network: N x (extractor + R x cell)", nodes * perNode);
        InspectTables.row(out, "FLOPs as the paper's Table 6 counts: extractor + N x R x cell", accounting.table6Flops());
        InspectTables.row(out, "messages at most: N x R", (long) nodes * rounds);
        InspectTables.row(out, "bytes per message: v x " + exchange.bits() + " bits / 8", exchange.messageSize() * exchange.bits() / 8.0);
        InspectTables.row(out, "bytes at most: N x R x message", (double) nodes * rounds * exchange.messageSize() * exchange.bits() / 8.0);
        out.println();
    }

    // Device budgets (role node): see CrnnBudget.

    @Override
    public Map<String, dev.edgewise.engine.device.ModelFootprint> footprints(ExperimentSpec spec, DataShape data) {
        return CrnnBudget.footprints(spec);
    }

    @Override
    public dev.edgewise.engine.quant.WeightPrecision precision(ExperimentSpec spec, String role) {
        return CrnnBudget.precision();
    }

    @Override
    public List<Knob> knobs(ExperimentSpec spec, DataShape data, String role) {
        return CrnnBudget.knobs(spec);
    }
}
