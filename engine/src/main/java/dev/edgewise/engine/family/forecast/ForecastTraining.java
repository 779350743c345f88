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
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.LstmModelSpec;
import dev.edgewise.dsl.spec.TrainingSpec;
import dev.edgewise.dsl.spec.WeightsSpec;
import dev.edgewise.engine.loss.LossTerms;
import dev.edgewise.engine.model.LayerBlocks;
import dev.edgewise.engine.quant.QatOptimizer;
import dev.edgewise.engine.quant.WeightPrecision;
import dev.edgewise.engine.quant.WeightRounding;
import dev.edgewise.engine.task.ForecastingTask;
import dev.edgewise.engine.task.TaskRegistry;
import dev.edgewise.engine.train.Batches;
import dev.edgewise.engine.train.EvaluationLoop;
import dev.edgewise.engine.train.Seeds;
import dev.edgewise.engine.train.TrainingListener;
import dev.edgewise.engine.train.TrainingLoop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One forecaster being trained and measured: the LSTM stack built from the catalog's layers,
 * trained through the shared loop on scaled windows (with QAT, through float shadow weights),
 * then scored in the series' units, its weights at the storage precision.
 */
final class ForecastTraining implements AutoCloseable {

    private final ExperimentSpec spec;
    private final SeriesWindows series;
    private final Seeds seeds;
    private final ForecastingTask task;
    private final WeightsSpec weights;
    private final WeightPrecision precision;
    private final Model model;
    private Trainer trainer;

    ForecastTraining(ExperimentSpec spec, LayerStack stack, SeriesWindows series, Seeds seeds) {
        this.spec = spec;
        this.series = series;
        this.seeds = seeds;
        this.task = (ForecastingTask) TaskRegistry.of(spec.task());
        this.weights = ((LstmModelSpec) spec.model()).weightsOrFloat();
        this.precision = WeightPrecision.of(weights);
        Engine.getInstance().setRandomSeed((int) seeds.derive("engine.init"));
        this.model = Model.newInstance(spec.name());
        model.setBlock(LayerBlocks.of(stack));
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
        trainer.initialize(new Shape(batch, series.window(), 1));
        if (qat != null) {
            qat.watch(model.getBlock());
        }
        int[] targets = series.trainTargets();
        SplittableRandom order = seeds.stream("train.order");
        TrainingLoop.run(new TrainingLoop.Phase("train", trainer, training.epochs(), (targets.length + batch - 1) / batch,
                epoch -> windows(Batches.shuffled(targets, order)), TrainingLoop.trainAndTest(() -> evaluate())), listener);
    }

    /**
     * The final metrics: test errors with the weights at the storage precision; for PTQ below 32
     * bits also the float model's (before rounding); the baselines; the model's bytes.
     */
    Map<String, Double> results() {
        Map<String, Double> results = new LinkedHashMap<>();
        if (!qat() && precision.bits() < 32) {
            evaluate().forEach((key, value) -> results.put("test_" + key + "_float32", value));
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

    /** Loss (scaled) and MAE, RMSE, MAPE in the series' units on the test windows, as the network now is. */
    Map<String, Double> evaluate() {
        ForecastingTask.ErrorScore score = new ForecastingTask.ErrorScore();
        int[] targets = series.testTargets();
        double loss = EvaluationLoop.run(trainer, windows(targets), (b, arrays, outputs) -> {
            float[] y = outputs.get(0).toFloatArray();
            for (int i = 0; i < b.size(); i++) {
                int t = b.targets[b.from + i];
                score.add(series.unscale(y[i]), series.values()[t]);
            }
        });
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", loss);
        metrics.putAll(score.metrics());
        return metrics;
    }

    private List<Windows> windows(int[] targets) {
        int batch = spec.training().batchSize();
        List<Windows> batches = new ArrayList<>();
        for (int from = 0; from < targets.length; from += batch) {
            batches.add(new Windows(targets, from, Math.min(targets.length, from + batch)));
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

        Windows(int[] targets, int from, int to) {
            this.targets = targets;
            this.from = from;
            this.to = to;
        }

        @Override
        public int size() {
            return to - from;
        }

        @Override
        public TrainingLoop.Arrays arrays(NDManager scope) {
            return new TrainingLoop.Arrays(new NDList(scope.create(series.inputs(targets, from, to), new Shape(size(), series.window(), 1))),
                    new NDList(scope.create(series.targets(targets, from, to), new Shape(size()))));
        }
    }
}
