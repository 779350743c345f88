package dev.edgewise.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import dev.edgewise.engine.loss.WeightedLoss;
import java.util.List;
import java.util.Map;

/**
 * The one training loop every family trains through: epochs of mini-batches, each a forward
 * pass, its loss, backward and an optimizer step in a scope of its own, then the phase's
 * evaluation, reported to the listener. A family says what a phase is; how it is run is here.
 */
public final class TrainingLoop {

    private TrainingLoop() {}

    /** A stretch of training with one trainer: pretraining a part, or training end to end. */
    public interface Phase {

        /** Its name in progress and in the listener ("pretrain", "train"). */
        String name();

        int epochs();

        /** Batches per epoch, for progress. */
        int batchesPerEpoch();

        /** The initialised trainer whose loss is minimised. */
        Trainer trainer();

        /**
         * The epoch's batches in the order they run. Called as epoch {@code epoch} (from 1)
         * starts, so any order drawn here is drawn then; a batch makes its arrays when it runs.
         */
        List<? extends Batch> batches(int epoch);

        /** What the listener hears after the epoch: the mean training loss, throughput and any evaluation. */
        Map<String, Double> afterEpoch(int epoch, double meanLoss, double samplesPerSecond);
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
            List<? extends Batch> batches = phase.batches(epoch);
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
            listener.epochFinished(phase.name(), epoch, phase.afterEpoch(epoch, lossSum / samples, samples / seconds));
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
