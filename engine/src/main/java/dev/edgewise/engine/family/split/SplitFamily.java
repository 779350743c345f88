package dev.edgewise.engine.family.split;

import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.catalog.data.NodeView;
import dev.edgewise.catalog.layers.FlopConvention;
import dev.edgewise.catalog.layers.LayerStack;
import dev.edgewise.catalog.layers.RoleStacks;
import dev.edgewise.catalog.layers.TensorShape;
import dev.edgewise.dsl.spec.ExchangeSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.SensorSpec;
import dev.edgewise.dsl.spec.SplitModelSpec;
import dev.edgewise.dsl.spec.UpwardExchangeSpec;
import dev.edgewise.engine.family.ArtifactSink;
import dev.edgewise.engine.family.DataShape;
import dev.edgewise.engine.family.FamilyCheck;
import dev.edgewise.engine.family.FamilyRun;
import dev.edgewise.engine.family.InspectTables;
import dev.edgewise.engine.family.ModelFamily;
import dev.edgewise.engine.family.PointSummary;
import dev.edgewise.engine.family.RunPlotting;
import dev.edgewise.engine.run.CompiledExperiment;
import dev.edgewise.engine.train.Traffic;
import dev.edgewise.engine.task.Task;
import dev.edgewise.engine.task.TaskRegistry;
import dev.edgewise.engine.train.BitAccount;
import dev.edgewise.engine.train.Seeds;
import dev.edgewise.engine.train.SplitSamples;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Split inference (papers/iot-as-dnn-split-inference.md): sensor nodes compress what they see
 * with a layer stack and send it once, quantized, to a base station that runs its own stack; the
 * network is trained end to end as one DNN.
 */
public final class SplitFamily implements ModelFamily<SplitModelSpec>, dev.edgewise.engine.device.Budgeted {

    private static final int[] WEIGHT_BITS = {8, 4};

    @Override
    public Class<SplitModelSpec> spec() {
        return SplitModelSpec.class;
    }

    @Override
    public Set<Class<? extends ExchangeSpec>> exchanges() {
        return Set.of(UpwardExchangeSpec.class);
    }

    @Override
    public Set<String> lossTerms() {
        return Set.of("task");
    }

    @Override
    public void check(FamilyCheck<SplitModelSpec> check) {
        SplitChecks.check(check);
    }

    @Override
    public Set<String> metrics(ExperimentSpec spec) {
        Set<String> names = new LinkedHashSet<>(List.of("train_loss", "train_samples_per_second", "sensor_parameters", "base_parameters",
                "sensor_flops", "base_flops", "model_bytes_float32", "sensor_bytes_float32"));
        List<String> evaluation = new ArrayList<>(List.of("loss", "accuracy", "messages_per_sample", "bits_per_sample", "bytes_per_sample",
                "delivered_fraction", "raw_bits_per_sample", "bits_saving"));
        if (!TaskRegistry.of(spec.task()).classification()) {
            evaluation.addAll(List.of("rmse", "error_pct"));
        }
        evaluation.addAll(Traffic.radioMetrics(spec.links()));
        evaluation.forEach(metric -> names.add("test_" + metric));
        for (int bits : WEIGHT_BITS) {
            names.addAll(List.of("test_accuracy_int" + bits, "test_loss_int" + bits, "model_bytes_int" + bits, "sensor_bytes_int" + bits));
        }
        return names;
    }

    @Override
    public Map<String, Double> counts(CompiledExperiment experiment, DataShape data) {
        Stacks stacks = Stacks.of(experiment.spec(), data);
        Map<String, Double> counts = new LinkedHashMap<>();
        counts.put("sensor_parameters", (double) stacks.sensor().parameters());
        counts.put("base_parameters", (double) stacks.base().parameters());
        counts.put("sensor_flops", (double) stacks.sensor().flops(FlopConvention.PAPER));
        counts.put("base_flops", (double) stacks.base().flops(FlopConvention.PAPER));
        return counts;
    }

    @Override
    public Map<String, Double> run(FamilyRun run) throws IOException {
        ExperimentSpec spec = run.spec();
        ImageDataset data = run.data();
        Seeds seeds = run.seeds();
        Task task = TaskRegistry.of(spec.task());
        int nodes = spec.topology().nodes();
        NodeView view = NodeView.of(spec.data());
        int[][] pools = SplitSamples.pools(data, spec.data().holdout(), seeds.stream("data.split"));
        SplitSamples train = SplitSamples.draw(data, view, nodes, spec.data().trainSamples(), pools[0], task, seeds.stream("data.train"));
        SplitSamples test = SplitSamples.draw(data, view, nodes, spec.data().testSamples(), pools[1], task, seeds.stream("data.test"));
        try (SplitTraining training = new SplitTraining(spec, data, run.experiment().graph().adjacency(), seeds, run.links())) {
            training.train(train, test, run.listener());
            Map<String, Double> results = new LinkedHashMap<>();
            training.evaluate(test).forEach((key, value) -> results.put("test_" + key, value));
            results.putAll(training.weightQuantization(test, WEIGHT_BITS));
            results.putAll(counts(run.experiment(), DataShape.of(data)));
            RunPlotting plots = new RunPlotting(run);
            plots.curves("loss.png", spec.name() + ": loss", "loss", "train_loss", "test_loss");
            plots.curves("accuracy.png", spec.name() + ": test accuracy", "accuracy", "test_accuracy");
            run.artifacts().parameters(training.model(), spec.name());
            return results;
        }
    }

    @Override
    public void inspect(CompiledExperiment experiment, DataShape data, PrintWriter out) {
        ExperimentSpec spec = experiment.spec();
        UpwardExchangeSpec exchange = (UpwardExchangeSpec) spec.exchange();
        SensorSpec sensor = ((SplitModelSpec) spec.model()).sensor();
        FlopConvention convention = FlopConvention.PAPER;
        Stacks stacks = Stacks.of(spec, data);
        int nodes = spec.topology().nodes();
        int sent = (int) stacks.sensor().output().elements();
        boolean atBase = sensor.placement() == SensorSpec.Placement.BASE;
        out.printf("%s: split inference, N = %d (%s), view %s, sensor %s%s%n%n", spec.name(), nodes, spec.topology().graph(),
                spec.data().viewOrItem().yamlName(), sensor.tied() ? "tied" : "per node", atBase ? ", run at the base station" : "");
        InspectTables.stack(out, "Sensor stack, per node and sample", stacks.sensor(), convention);
        InspectTables.stack(out, "Base station", stacks.base(), convention);
        int[] hops = exchange.route() == UpwardExchangeSpec.Route.HOPS ? BitAccount.hopsToNodeZero(experiment.graph().adjacency())
                : BitAccount.oneHop(nodes);
        long raw = stacks.sensor().input().elements();
        BitAccount account = atBase ? BitAccount.uniform(nodes, raw, data.bitsPerValue(), hops, raw, data.bitsPerValue())
                : BitAccount.uniform(nodes, sent, exchange.bitsPerValue(), hops, raw, data.bitsPerValue());
        InspectTables.quantities(out, "One inference, every node transmitting");
        InspectTables.row(out, "parameters, whole network", (sensor.tied() ? 1 : nodes) * stacks.sensor().parameters() + stacks.base().parameters());
        InspectTables.row(out, "values a node sends", atBase ? raw : sent);
        InspectTables.row(out, "bits on the air", account.bits());
        InspectTables.row(out, "bits of the raw input over the same routes", account.rawBitsPerSample());
        InspectTables.row(out, "saving against raw", String.format("%.1f %%", 100 * account.saving(account.bits())));
        out.println();
    }

    /** The paper's Figure 3 (accuracy against C per q and method, and against the bits sent) and the tables behind it. */
    @Override
    public void sweepFigures(List<PointSummary> points, ArtifactSink sink) throws IOException {
        List<SplitSummary.Run> runs = new ArrayList<>();
        for (PointSummary point : points) {
            if (point.spec().model() instanceof SplitModelSpec) {
                runs.add(new SplitSummary.Run(point.spec(), point.baseline(), point.runId(), point.metrics()));
            }
        }
        if (runs.isEmpty()) {
            return;
        }
        String name = runs.get(0).spec().name();
        Path scratch = sink.scratch();
        sink.artifact("split/runs.csv", Files.writeString(scratch.resolve("split-runs.csv"), SplitSummary.runsCsv(runs)));
        sink.artifact("split/means.csv", Files.writeString(scratch.resolve("split-means.csv"), SplitSummary.meansCsv(runs)));
        sink.artifact("split/accuracy_vs_c.png", SplitSummary.accuracyVsC(scratch.resolve("accuracy_vs_c.png"),
                name + ": test accuracy against C", runs));
        sink.artifact("split/accuracy_vs_bits.png", SplitSummary.accuracyVsBits(scratch.resolve("accuracy_vs_bits.png"),
                name + ": test accuracy against bits sent per inference", runs));
    }

    /** Roles sensor (one node's stack) and base (the base station's), for devices.roles; weights stored float32. */
    @Override
    public Map<String, dev.edgewise.engine.device.ModelFootprint> footprints(ExperimentSpec spec, DataShape data) {
        Stacks stacks = Stacks.of(spec, data);
        Map<String, dev.edgewise.engine.device.ModelFootprint> roles = new LinkedHashMap<>();
        roles.put("sensor", dev.edgewise.engine.device.LayerFootprints.of(stacks.sensor()));
        roles.put("base", dev.edgewise.engine.device.LayerFootprints.of(stacks.base()));
        return roles;
    }


    /** The sensor and base stacks of a spec over what a node of its dataset sees. */
    record Stacks(LayerStack sensor, LayerStack base) {

        static Stacks of(ExperimentSpec spec, DataShape data) {
            SplitModelSpec model = (SplitModelSpec) spec.model();
            TensorShape input = NodeView.of(spec.data()).shape(data.height(), data.width());
            LayerStack sensor = RoleStacks.sensor(model.sensor(), input, spec.exchange().messageSize());
            return new Stacks(sensor, RoleStacks.base(model.base(), spec.topology().nodes() * (int) sensor.output().elements()));
        }
    }
}
