package dev.edgewise.engine.family.forecast;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import dev.edgewise.catalog.layers.LayerStack;
import dev.edgewise.catalog.links.LinkDraw;
import dev.edgewise.catalog.links.LinkModelRegistry;
import dev.edgewise.dsl.spec.UpwardExchangeSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.LstmModelSpec;
import dev.edgewise.dsl.spec.TrainingSpec;
import dev.edgewise.dsl.spec.WeightsSpec;
import dev.edgewise.engine.loss.LossTerms;
import dev.edgewise.engine.model.ChainNetwork;
import dev.edgewise.engine.model.LayerBlocks;
import dev.edgewise.engine.model.MessageQuantizer;
import dev.edgewise.engine.quant.QatOptimizer;
import dev.edgewise.engine.quant.WeightPrecision;
import dev.edgewise.engine.quant.WeightRounding;
import dev.edgewise.engine.task.ForecastingTask;
import dev.edgewise.engine.task.TaskRegistry;
import dev.edgewise.engine.train.Batches;
import dev.edgewise.engine.train.EvaluationLoop;
import dev.edgewise.engine.train.LinkChannel;
import dev.edgewise.engine.train.Seeds;
import dev.edgewise.engine.train.TrainingListener;
import dev.edgewise.engine.train.Traffic;
import dev.edgewise.engine.train.TrainingLoop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One forecaster being trained and measured: the LSTM stack built from the catalog's layers,
 * trained through the shared loop on scaled windows (with QAT, through float shadow weights),
 * then scored in the series' units, its weights at the storage precision. Split across devices
 * ({@link LstmChain}), every hop's messages go through the spec's link model (each hop with its own
 * seed stream; in training only when links.in_training) and {@link Traffic} counts what was sent.
 */
final class ForecastTraining implements AutoCloseable {

    private final ExperimentSpec spec;
    private final SeriesWindows series;
    private final Seeds seeds;
    private final ForecastingTask task;
    private final WeightsSpec weights;
    private final WeightPrecision precision;
    private final Model model;
    private final LstmChain chain;
    private final LinkModelRegistry links;
    private Trainer trainer;

    ForecastTraining(ExperimentSpec spec, LayerStack stack, SeriesWindows series, Seeds seeds) {
        this(spec, stack, series, seeds, null, null);
    }

    /** @param chain the split across devices, or null for one device (then {@code stack} is the network) */
    ForecastTraining(ExperimentSpec spec, LayerStack stack, SeriesWindows series, Seeds seeds, LstmChain chain, LinkModelRegistry links) {
        this.spec = spec;
        this.series = series;
        this.seeds = seeds;
        this.task = (ForecastingTask) TaskRegistry.of(spec.task());
        this.weights = ((LstmModelSpec) spec.model()).weightsOrFloat();
        this.precision = WeightPrecision.of(weights);
        this.chain = chain != null && chain.split() ? chain : null;
        this.links = links;
        Engine.getInstance().setRandomSeed((int) seeds.derive("engine.init"));
        this.model = Model.newInstance(spec.name());
        model.setBlock(this.chain == null ? LayerBlocks.of(stack) : network(this.chain));
    }

    private ChainNetwork network(LstmChain chain) {
        List<ai.djl.nn.Block> groups = new ArrayList<>();
        for (LayerStack group : chain.groups()) {
            groups.add(group.layers().isEmpty() ? null : LayerBlocks.of(group));
        }
        boolean[] quantize = new boolean[chain.hops().size()];
        for (int g = 0; g < quantize.length; g++) {
            quantize[g] = chain.hops().get(g).activations();
        }
        return new ChainNetwork(groups, quantize, MessageQuantizer.of(((UpwardExchangeSpec) spec.exchange()).quantization()));
    }

    /** Shapes the network is initialised with: the window, then one all-delivered mask per hop. */
    private Shape[] inputShapes(int batch) {
        List<Shape> shapes = new ArrayList<>(List.of(new Shape(batch, series.window(), 1)));
        if (chain != null) {
            for (LstmChain.Hop hop : chain.hops()) {
                shapes.add(maskShape(hop, 1));
            }
        }
        return shapes.toArray(Shape[]::new);
    }

    private static Shape maskShape(LstmChain.Hop hop, int samples) {
        return hop.rounds() > 1 ? new Shape(samples, hop.rounds(), hop.values()) : new Shape(samples, hop.values());
    }

    private boolean qat() {
        return weights.method() == WeightsSpec.Method.QAT && precision.bits() < 32;
    }

    void train(TrainingListener listener) {
        TrainingSpec training = spec.training();
        Optimizer optimizer = Batches.optimizer(training);
        QatOptimizer qat = qat() ? new QatOptimizer(optimizer, precision) : null;
        trainer = model.newTrainer(new DefaultTrainingConfig(LossTerms.of(spec.loss(), task)).optOptimizer(qat != null ? qat : optimizer));
        int batch = training.batchSize();
        trainer.initialize(inputShapes(batch));
        if (qat != null) {
            qat.watch(model.getBlock());
        }
        int[] targets = series.trainTargets();
        SplittableRandom order = seeds.stream("train.order");
        Hops hops = hops(true);
        TrainingLoop.run(new TrainingLoop.Phase("train", trainer, training.epochs(), (targets.length + batch - 1) / batch,
                epoch -> windows(Batches.shuffled(targets, order), hops), TrainingLoop.trainAndTest(() -> evaluate())), listener);
    }

    /**
     * The final metrics: test errors with the weights at the storage precision; for PTQ below 32
     * bits also the float model's (before rounding); the baselines; the model's bytes.
     */
    Map<String, Double> results() {
        Map<String, Double> results = new LinkedHashMap<>();
        if (!qat() && precision.bits() < 32) {
            Map<String, Double> floats = evaluate();
            for (String key : List.of("loss", "mae", "rmse", "mape")) {
                results.put("test_" + key + "_float32", floats.get(key));
            }
            WeightRounding.round(model.getBlock(), precision);
        }
        evaluate().forEach((key, value) -> results.put("test_" + key, value));
        prefixed(results, "persistence_", series.persistence());
        prefixed(results, "seasonal_", series.seasonal(((dev.edgewise.dsl.spec.ForecastingTaskSpec) spec.task()).season()));
        results.put("model_bytes", (double) WeightRounding.bytes(model.getBlock(), precision));
        results.put("model_bytes_float32", (double) WeightRounding.bytes(model.getBlock(), WeightPrecision.FLOAT32));
        return results;
    }

    private static void prefixed(Map<String, Double> into, String prefix, Map<String, Double> metrics) {
        metrics.forEach((key, value) -> into.put(prefix + key, value));
    }

    /**
     * Loss (scaled) and MAE, RMSE, MAPE in the series' units on the test windows, as the network now
     * is; split across devices, also what went on the air per forecast (the test links' draws come
     * from a stream of their own, the same for every evaluation of a run).
     */
    Map<String, Double> evaluate() {
        ForecastingTask.ErrorScore score = new ForecastingTask.ErrorScore();
        int[] targets = series.testTargets();
        Hops hops = hops(false);
        Traffic traffic = chain == null ? null : new Traffic(chain.account(), 0).onAir(hops.channels.get(0).radio());
        double loss = EvaluationLoop.run(trainer, windows(targets, hops), (b, arrays, outputs) -> {
            float[] y = outputs.get(0).toFloatArray();
            for (int i = 0; i < b.size(); i++) {
                int t = b.targets[b.from + i];
                score.add(series.unscale(y[i]), series.values()[t]);
            }
            if (traffic != null) {
                count(traffic, b.draws, b.size());
            }
        });
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", loss);
        metrics.putAll(score.metrics());
        if (traffic != null) {
            metrics.putAll(traffic.metrics());
            metrics.putAll(traffic.rawMetrics());
        }
        return metrics;
    }

    /** One forecast per sample: each hop's sender, unless silent, sends its messages; whole ones that arrived are deliveries. */
    private static void count(Traffic traffic, LinkDraw[] draws, int samples) {
        for (int i = 0; i < samples; i++) {
            traffic.startSample();
            for (int g = 0; g < draws.length; g++) {
                LinkDraw draw = draws[g];
                int row = draw.samples() == 1 ? 0 : i;
                int rounds = draw.shape().rounds();
                if (!draw.alive(row, 0)) {
                    continue;
                }
                traffic.broadcasts(g, rounds);
                long whole = 0;
                for (int r = 0; r < rounds; r++) {
                    whole += draw.packetsLost(row, r, 0, 0) == 0 ? 1 : 0;
                }
                traffic.deliveries(whole, rounds);
            }
        }
    }

    /** Each hop's channel and its own seed stream, as training or test sees the links; null on one device. */
    private Hops hops(boolean training) {
        if (chain == null) {
            return null;
        }
        List<LinkChannel> channels = new ArrayList<>();
        List<SplittableRandom> streams = new ArrayList<>();
        for (int g = 0; g < chain.hops().size(); g++) {
            channels.add(LinkChannel.of(links, spec.links(), training, chain.hops().get(g).shape()));
            streams.add(seeds.stream((training ? "links.train.hop" : "links.test.hop") + g));
        }
        return new Hops(channels, streams);
    }

    private record Hops(List<LinkChannel> channels, List<SplittableRandom> streams) {}

    private List<Windows> windows(int[] targets, Hops hops) {
        int batch = spec.training().batchSize();
        List<Windows> batches = new ArrayList<>();
        for (int from = 0; from < targets.length; from += batch) {
            batches.add(new Windows(targets, from, Math.min(targets.length, from + batch), hops));
        }
        return batches;
    }

    Model model() {
        return model;
    }

    @Override
    public void close() {
        if (trainer != null) {
            trainer.close();
        }
        model.close();
    }

    /** Windows of consecutive entries of a target list; the arrays are made when the batch runs. */
    private final class Windows implements TrainingLoop.Batch {
        private final int[] targets;
        private final int from;
        private final int to;
        private final Hops hops;
        private LinkDraw[] draws;

        Windows(int[] targets, int from, int to, Hops hops) {
            this.targets = targets;
            this.from = from;
            this.to = to;
            this.hops = hops;
        }

        @Override
        public int size() {
            return to - from;
        }

        @Override
        public TrainingLoop.Arrays arrays(NDManager scope) {
            NDList inputs = new NDList(scope.create(series.inputs(targets, from, to), new Shape(size(), series.window(), 1)));
            if (hops != null) {
                // Drawn when the batch runs, in batch order, so each hop's stream is read in a fixed order.
                draws = new LinkDraw[hops.channels.size()];
                for (int g = 0; g < draws.length; g++) {
                    draws[g] = hops.channels.get(g).draw(size(), hops.streams.get(g));
                    inputs.add(scope.create(draws[g].valueMask(), maskShape(chain.hops().get(g), draws[g].samples())));
                }
            }
            return new TrainingLoop.Arrays(inputs, new NDList(scope.create(series.targets(targets, from, to), new Shape(size()))));
        }
    }
}
