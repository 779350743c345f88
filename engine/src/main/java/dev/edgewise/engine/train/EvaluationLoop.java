package dev.edgewise.engine.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.Trainer;
import java.util.List;

/**
 * The one evaluation loop: every batch through the trained network in inference mode (no
 * dropout, hard quantization), its loss summed, and its outputs handed to the family's scorer
 * while the batch's arrays are alive.
 */
public final class EvaluationLoop {

    private EvaluationLoop() {}

    /** Reads one evaluated batch: its outputs, and the batch (with whatever it drew when made). */
    public interface Scorer<B extends TrainingLoop.Batch> {
        void score(B batch, TrainingLoop.Arrays arrays, NDList outputs);
    }

    /** Evaluates {@code batches} in order; returns the mean loss per sample. */
    public static <B extends TrainingLoop.Batch> double run(Trainer trainer, List<B> batches, Scorer<B> scorer) {
        double lossSum = 0;
        long samples = 0;
        for (B batch : batches) {
            try (NDManager scope = trainer.getManager().newSubManager()) {
                TrainingLoop.Arrays arrays = batch.arrays(scope);
                NDList outputs = trainer.evaluate(arrays.inputs());
                lossSum += trainer.getLoss().evaluate(arrays.labels(), outputs).getFloat() * batch.size();
                scorer.score(batch, arrays, outputs);
            }
            samples += batch.size();
        }
        return lossSum / samples;
    }
}
