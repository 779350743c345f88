package dev.edgewise.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import dev.edgewise.engine.loss.WeightedLoss;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The one training loop every family trains through: epochs of mini-batches, each a forward
 * pass, its loss, backward and an optimizer step in a scope of its own, then the phase's
 * evaluation, reported to the listener. A family says what a phase is; how it is run is here.
 */
public final class TrainingLoop {

    private TrainingLoop() {}

    /**
     * A stretch of training with one trainer: pretraining a part, or training end to end.
     *
     * @param name its name in progress and in the listener ("pretrain", "train")
     * @param trainer the initialised trainer whose loss is minimised
     * @param batchesPerEpoch batches per epoch, for progress
     * @param batches the batches of epoch e (from 1) in the order they run; called as the epoch
     *     starts, so any order drawn there is drawn then; a batch makes its arrays when it runs
     * @param afterEpoch what the listener hears after each epoch
     */
    public record Phase(String name, Trainer trainer, int epochs, int batchesPerEpoch, IntFunction<List<? extends Batch>> batches,
            AfterEpoch afterEpoch) {}

    /** The metrics after an epoch, from its mean training loss and throughput (and any evaluation the phase runs). */
    @FunctionalInterface
    public interface AfterEpoch {
        Map<String, Double> metrics(int epoch, double meanLoss, double samplesPerSecond);
    }

    /**
     * What end-to-end training reports after every epoch: {@code train_loss},
     * {@code train_samples_per_second}, then {@code test_*} from {@code evaluation}.
     */
    public static AfterEpoch trainAndTest(Supplier<Map<String, Double>> evaluation) {
        return (epoch, meanLoss, samplesPerSecond) -> {
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("train_loss", meanLoss);
            metrics.put("train_samples_per_second", samplesPerSecond);
            evaluation.get().forEach((key, value) -> metrics.put("test_" + key, value));
            return metrics;
        };
    }

    /** One mini-batch, made lazily inside the scope it runs in. */
    public interface Batch {

        /** Samples in the batch. */
        int size();

        /** The batch's inputs and labels, created in {@code scope} (closed after the step). */
        Arrays arrays(NDManager scope);
    }

    /** What a forward pass takes and what its loss compares against. */
    public record Arrays(NDList inputs, NDList labels) {}

    /** Runs {@code phase} to its last epoch. */
    public static void run(Phase phase, TrainingListener listener) {
        Trainer trainer = phase.trainer();
        listener.phaseStarted(phase.name(), phase.epochs(), phase.batchesPerEpoch());
        for (int epoch = 1; epoch <= phase.epochs(); epoch++) {
            if (trainer.getLoss() instanceof WeightedLoss weighted) {
                weighted.startEpoch(epoch);
            }
            List<? extends Batch> batches = phase.batches().apply(epoch);
            double lossSum = 0;
            long samples = 0;
            long started = System.nanoTime();
            for (Batch batch : batches) {
                try (NDManager scope = trainer.getManager().newSubManager()) {
                    // float x int, as the loss has always been summed: a wider product would move the last bits.
                    lossSum += step(trainer, batch.arrays(scope)) * batch.size();
                }
                samples += batch.size();
                listener.batchFinished(phase.name());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            listener.epochFinished(phase.name(), epoch, phase.afterEpoch().metrics(epoch, lossSum / samples, samples / seconds));
        }
    }

    /** One optimizer step; returns the batch's loss. */
    static float step(Trainer trainer, Arrays batch) {
        float loss;
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList predictions = trainer.forward(batch.inputs(), batch.labels());
            NDArray value = trainer.getLoss().evaluate(batch.labels(), predictions);
            collector.backward(value);
            loss = value.getFloat();
        }
        trainer.step();
        return loss;
    }
}
