package dev.edgewise.engine.family.forecast;

import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.data.DataException;
import dev.edgewise.catalog.data.NumericSeries;
import dev.edgewise.catalog.data.SeriesDatasets;
import dev.edgewise.catalog.layers.FlopConvention;
import dev.edgewise.catalog.layers.Layer;
import dev.edgewise.catalog.layers.LayerStack;
import dev.edgewise.catalog.layers.TensorShape;
import dev.edgewise.dsl.spec.ExchangeSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.ForecastingTaskSpec;
import dev.edgewise.dsl.spec.LstmModelSpec;
import dev.edgewise.dsl.spec.UpwardExchangeSpec;
import dev.edgewise.dsl.spec.WeightsSpec;
import dev.edgewise.engine.device.Budgeted;
import dev.edgewise.engine.device.DeviceCheck;
import dev.edgewise.engine.device.LayerFootprints;
import dev.edgewise.engine.device.ModelFootprint;
import dev.edgewise.engine.device.RoleBudget;
import dev.edgewise.engine.family.DataShape;
import dev.edgewise.engine.family.FamilyCheck;
import dev.edgewise.engine.family.FamilyRun;
import dev.edgewise.engine.family.InspectTables;
import dev.edgewise.engine.family.ModelFamily;
import dev.edgewise.engine.family.RunPlotting;
import dev.edgewise.engine.quant.WeightPrecision;
import dev.edgewise.engine.run.CompiledExperiment;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An LSTM forecaster for one microcontroller (role {@code sensor}): {@code layers} LSTM layers of
 * {@code hidden} units over the task's window of one column, a dense layer to the next value. It
 * forecasts locally, so nothing is sent (exchange kind upward, no quantization). With {@code
 * model.placement} the layers run on a chain of devices ({@link LstmChain}: roles sensor, node1,
 * ..., gateway) and what crosses each hop goes through the link model and is counted.
 */
public final class LstmFamily implements ModelFamily<LstmModelSpec>, Budgeted {

    public static final String ROLE = "sensor";

    /** Bits of one raw reading on the air: a series' readings travel as float32 (see {@code SeriesDatasets.items}). */
    static final int RAW_BITS = 32;

    @Override
    public Class<LstmModelSpec> spec() {
        return LstmModelSpec.class;
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
    public void check(FamilyCheck<LstmModelSpec> check) {
        ExperimentSpec spec = check.spec();
        if (!(spec.task() instanceof ForecastingTaskSpec task)) {
            check.problem("$.task.kind", "model kind lstm forecasts a time series; task kind " + spec.task().kind() + " is not a forecast",
                    "set task: {kind: forecasting}");
            return;
        }
        String source = spec.data().source();
        if (spec.data().file() != null || !SeriesDatasets.isSeries(source)) {
            check.problem("$.data.source", "model kind lstm reads a registry time series; '" + source + "' is not one",
                    "use data.source: taylor or telosb");
            return;
        }
        LstmModelSpec model = check.model();
        int devices = model.devices();
        if (spec.topology().nodes() != devices) {
            check.problem("$.topology.nodes", devices == 1 ? "the lstm forecaster runs on one device; topology.nodes is " + spec.topology().nodes()
                    : "model.placement puts the network on a chain of " + devices + " devices; topology.nodes is " + spec.topology().nodes(),
                    "set topology.nodes: " + devices);
        } else if (devices > 1 && !"line".equals(spec.topology().graph())) {
            check.problem("$.topology.graph", "a network split by model.placement runs on a chain; graph '" + spec.topology().graph() + "' is not one",
                    "set topology.graph: line");
        }
        if (spec.exchange() instanceof UpwardExchangeSpec upward && upward.quantization() != null) {
            if (devices == 1) {
                check.problem("$.exchange.quantization", "the forecaster sends nothing, so there is nothing to quantize on the air",
                        "remove exchange.quantization; weights are quantized under model.weights (or split the network with model.placement)");
            }
        }
        if (devices > 1 && spec.exchange() instanceof UpwardExchangeSpec upward && upward.lost() == UpwardExchangeSpec.Lost.DROP) {
            check.problem("$.exchange.lost", "a device of the chain reads zeros for the values it did not receive; 'drop' scaling is not supported",
                    "set exchange.lost: zero");
        }
        WeightsSpec weights = model.weightsOrFloat();
        if (weights.bits() > 8 && weights.scales() == WeightsSpec.Scales.CHANNEL) {
            check.problem("$.model.weights.scales", "per-channel scales belong to integer weights; " + weights.bits() + "-bit weights have none",
                    "use bits: 8 or 4, or scales: tensor");
        }
        NumericSeries series;
        try {
            series = SeriesDatasets.load(source, DataCache.fromEnvironment());
        } catch (DataException e) {
            check.problem("$.data.source", e.getMessage(), e.hint());
            return;
        }
        if (task.column() != null && !series.columns().contains(task.column())) {
            check.problem("$.task.column", "'" + source + "' has no column '" + task.column() + "'",
                    "its columns: " + String.join(", ", series.columns()));
        }
        DataShape data = check.data();
        int heldOut = data.heldOut(spec.data().holdout());
        int training = SeriesWindows.maxTraining(series.length(), heldOut, task.window());
        if (spec.data().trainSamples() > training) {
            check.problem("$.data.train_samples", "the " + (series.length() - heldOut) + " steps before the test period give "
                    + Math.max(0, training) + " training windows of " + task.window() + ", not " + spec.data().trainSamples(),
                    training > 0 ? "set data.train_samples to at most " + training : "use a shorter task.window or a smaller data.holdout");
        }
        if (spec.data().testSamples() > heldOut) {
            check.problem("$.data.test_samples", "the test period holds " + heldOut + " steps, not " + spec.data().testSamples(),
                    "set data.test_samples to at most " + heldOut);
        }
        if (task.season() > series.length() - heldOut) {
            check.problem("$.task.season", "a season of " + task.season() + " steps reaches before the series starts",
                    "use a season shorter than the " + (series.length() - heldOut) + " training steps");
        }
    }

    /** The network as catalog layers: LSTMs over (window, 1), then a dense layer to one value. */
    static LayerStack stack(int window, int hidden, int layers) {
        List<Layer> stack = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            stack.add(new Layer.Lstm(hidden, l < layers - 1));
        }
        stack.add(new Layer.Dense(1));
        return new LayerStack(ROLE, TensorShape.of(window, 1), stack);
    }

    static LayerStack stack(ExperimentSpec spec) {
        LstmModelSpec model = (LstmModelSpec) spec.model();
        return stack(((ForecastingTaskSpec) spec.task()).window(), model.hidden(), model.layers());
    }

    @Override
    public Set<String> metrics(ExperimentSpec spec) {
        Set<String> names = new LinkedHashSet<>(List.of("train_loss", "train_samples_per_second", "parameters", "model_bytes",
                "model_bytes_float32", "macs_per_forecast"));
        for (String metric : List.of("loss", "mae", "rmse", "mape")) {
            names.add("test_" + metric);
        }
        for (String metric : List.of("mae", "rmse", "mape")) {
            names.add("persistence_" + metric);
            names.add("seasonal_" + metric);
        }
        WeightsSpec weights = ((LstmModelSpec) spec.model()).weightsOrFloat();
        if (weights.bits() < 32 && weights.method() == WeightsSpec.Method.PTQ) {
            for (String metric : List.of("loss", "mae", "rmse", "mape")) {
                names.add("test_" + metric + "_float32");
            }
        }
        LstmChain chain = LstmChain.of(spec, RAW_BITS);
        if (chain.split()) {
            names.addAll(List.of("bytes_per_forecast", "raw_window_bytes_per_forecast", "raw_stream_bytes_per_forecast"));
            for (String role : chain.roles()) {
                names.add(role + "_macs");
            }
            for (String metric : List.of("messages_per_sample", "bits_per_sample", "bytes_per_sample", "delivered_fraction",
                    "raw_bits_per_sample", "bits_saving")) {
                names.add("test_" + metric);
            }
            dev.edgewise.engine.train.Traffic.radioMetrics(spec.links()).forEach(metric -> names.add("test_" + metric));
        }
        if (spec.devices() != null) {
            for (String role : spec.devices().roles().keySet()) {
                names.add(role + "_flash_bytes");
                names.add(role + "_ram_bytes");
                names.addAll(DeviceCheck.capacityNames(role, List.of("hidden", "window")));
            }
            if (chain.split()) {
                names.addAll(LstmChain.energyNames(chain.roles()));
            }
        }
        return names;
    }

    @Override
    public Map<String, Double> counts(CompiledExperiment experiment, DataShape data) {
        ExperimentSpec spec = experiment.spec();
        ModelFootprint footprint = LayerFootprints.of(stack(spec));
        RoleBudget budget = RoleBudget.of(ROLE, "-", null, false, precision(spec, ROLE), footprint, spec.training());
        Map<String, Double> counts = new LinkedHashMap<>();
        counts.put("parameters", (double) footprint.parameters());
        counts.put("model_bytes", (double) budget.flashBytes());
        counts.put("model_bytes_float32", (double) RoleBudget.of(ROLE, "-", null, false, WeightPrecision.FLOAT32, footprint, spec.training())
                .flashBytes());
        counts.put("macs_per_forecast", (double) footprint.macs());
        LstmChain chain = LstmChain.of(spec, RAW_BITS);
        if (chain.split()) {
            for (int g = 0; g < chain.groups().size(); g++) {
                counts.put(chain.roles().get(g) + "_macs", (double) chain.macs(g));
            }
            counts.put("bytes_per_forecast", chain.bitsPerForecast() / 8.0);
            counts.put("raw_window_bytes_per_forecast", chain.rawWindowBitsPerForecast() / 8.0);
            counts.put("raw_stream_bytes_per_forecast", chain.rawStreamBitsPerForecast() / 8.0);
        }
        if (spec.devices() != null && chain.split()) {
            counts.putAll(chain.energy(spec, dev.edgewise.catalog.Catalog.shared().links().create(spec.links()).radio()));
        }
        for (RoleBudget placed : DeviceCheck.budgets(spec, this, data)) {
            counts.put(placed.role() + "_flash_bytes", (double) placed.flashBytes());
            counts.put(placed.role() + "_ram_bytes", (double) placed.ramBytes());
        }
        counts.putAll(DeviceCheck.capacities(spec, this, data));
        return counts;
    }

    @Override
    public void inspect(CompiledExperiment experiment, DataShape data, PrintWriter out) {
        ExperimentSpec spec = experiment.spec();
        ForecastingTaskSpec task = (ForecastingTaskSpec) spec.task();
        LstmModelSpec model = (LstmModelSpec) spec.model();
        out.printf("%s: LSTM forecaster, %d layer(s) of %d units over %d readings of '%s' %s, weights %s (%s)%n%n", spec.name(), model.layers(),
                model.hidden(), task.window(), spec.data().source(), task.column() == null ? "(first column)" : task.column(),
                precision(spec, ROLE).label(), model.weightsOrFloat().method().yamlName());
        InspectTables.stack(out, "Network (role sensor)", stack(spec), FlopConvention.PAPER);
        InspectTables.quantities(out, "One forecast");
        counts(experiment, data).forEach((name, value) -> InspectTables.row(out, name.replace('_', ' '), value));
        out.println();
    }

    @Override
    public Map<String, Double> run(FamilyRun run) throws IOException {
        ExperimentSpec spec = run.spec();
        ForecastingTaskSpec task = (ForecastingTaskSpec) spec.task();
        NumericSeries series = SeriesDatasets.load(spec.data().source(), DataCache.fromEnvironment());
        double[] column = task.column() == null ? series.values()[0].clone() : series.column(task.column());
        int heldOut = DataShape.of(run.data()).heldOut(spec.data().holdout());
        SeriesWindows windows = SeriesWindows.of(column, task.window(), heldOut, spec.data().trainSamples(), spec.data().testSamples());
        try (ForecastTraining training = new ForecastTraining(spec, stack(spec), windows, run.seeds(), LstmChain.of(spec, RAW_BITS), run.links())) {
            training.train(run.listener());
            Map<String, Double> results = new LinkedHashMap<>(training.results());
            Map<String, Double> counts = counts(run.experiment(), DataShape.of(run.data()));
            counts.remove("model_bytes");
            counts.remove("model_bytes_float32");
            results.putAll(counts);
            RunPlotting plots = new RunPlotting(run);
            plots.curves("loss.png", spec.name() + ": loss (scaled)", "loss", "train_loss", "test_loss");
            plots.curves("mae.png", spec.name() + ": test MAE (" + series.unit() + ")", "MAE", "test_mae");
            run.artifacts().parameters(training.model(), spec.name());
            return results;
        }
    }

    @Override
    public Map<String, ModelFootprint> footprints(ExperimentSpec spec, DataShape data) {
        LstmChain chain = LstmChain.of(spec, RAW_BITS);
        if (!chain.split()) {
            return Map.of(ROLE, LayerFootprints.of(stack(spec)));
        }
        Map<String, ModelFootprint> footprints = new LinkedHashMap<>();
        chain.groups().forEach(group -> footprints.put(group.name(), LayerFootprints.of(group)));
        return footprints;
    }

    @Override
    public WeightPrecision precision(ExperimentSpec spec, String role) {
        return WeightPrecision.of(((LstmModelSpec) spec.model()).weightsOrFloat());
    }

    @Override
    public List<Knob> knobs(ExperimentSpec spec, DataShape data, String role) {
        LstmModelSpec model = (LstmModelSpec) spec.model();
        int window = ((ForecastingTaskSpec) spec.task()).window();
        if (model.placement() == null) {
            return List.of(
                    new Knob("$.model.hidden", model.hidden(), h -> LayerFootprints.of(stack(window, h, model.layers()))),
                    new Knob("$.task.window", window, w -> LayerFootprints.of(stack(w, model.hidden(), model.layers()))));
        }
        int bits = LstmChain.bitsOnAir((UpwardExchangeSpec) spec.exchange());
        int g = LstmChain.of(spec, RAW_BITS).roles().indexOf(role);
        return List.of(
                new Knob("$.model.hidden", model.hidden(),
                        h -> LayerFootprints.of(LstmChain.of(window, h, model.layers(), model.placement(), bits, RAW_BITS).groups().get(g))),
                new Knob("$.task.window", window,
                        w -> LayerFootprints.of(LstmChain.of(w, model.hidden(), model.layers(), model.placement(), bits, RAW_BITS).groups().get(g))));
    }
}
