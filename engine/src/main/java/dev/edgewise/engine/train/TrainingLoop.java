package dev.edgewise.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import dev.edgewise.engine.loss.WeightedLoss;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
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

    /**
     * A batch that can also run as consecutive parts of its samples, for a network whose batch
     * does not fit in memory at once (thousands of nodes: the extractor sees samples x nodes
     * images). When the loss is a mean over samples ({@link WeightedLoss#meanOverSamples}) the
     * loop runs the parts one after the other, each loss weighted by its share of the samples, and
     * adds their gradients before the one optimizer step: the batch's gradient, up to rounding and
     * dropout draws, with one part's activations alive at a time. Otherwise it runs
     * {@link #arrays} as one.
     */
    public interface Parted extends Batch {

        /** Samples in each part, in order, summing to {@link #size()}; one entry runs the batch whole. */
        int[] partSizes();

        /** Part {@code k}'s inputs and labels, created in {@code scope} (closed after the part). */
        Arrays part(NDManager scope, int k);
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
                    float loss = batch instanceof Parted parted && inParts(trainer, parted)
                            ? stepInParts(trainer, parted, scope)
                            : step(trainer, batch.arrays(scope));
                    lossSum += loss * batch.size();
                }
                samples += batch.size();
                listener.batchFinished(phase.name());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            listener.epochFinished(phase.name(), epoch, phase.afterEpoch().metrics(epoch, lossSum / samples, samples / seconds));
        }
    }

    private static boolean inParts(Trainer trainer, Parted batch) {
        return batch.partSizes().length > 1 && trainer.getLoss() instanceof WeightedLoss weighted && weighted.meanOverSamples();
    }

    /**
     * One optimizer step over {@code batch}'s parts; returns the batch's loss (the parts' losses
     * weighted by their sizes). The gradients are summed here rather than by the engine: MXNet
     * overwrites a gradient on every backward pass, PyTorch adds to it, so each part's is moved
     * into an accumulator and cleared, and the last part's has the others added to it.
     */
    static float stepInParts(Trainer trainer, Parted batch, NDManager scope) {
        List<NDArray> parameters = new ArrayList<>();
        for (Pair<String, Parameter> parameter : trainer.getModel().getBlock().getParameters()) {
            NDArray array = parameter.getValue().getArray();
            if (parameter.getValue().requiresGradient() && array.hasGradient()) {
                parameters.add(array);
            }
        }
        int[] sizes = batch.partSizes();
        NDArray[] sums = new NDArray[parameters.size()];
        float loss = 0f;
        for (int k = 0; k < sizes.length; k++) {
            try (NDManager part = scope.newSubManager()) {
                Arrays arrays = batch.part(part, k);
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList predictions = trainer.forward(arrays.inputs(), arrays.labels());
                    NDArray value = trainer.getLoss().evaluate(arrays.labels(), predictions).mul((float) sizes[k] / batch.size());
                    collector.backward(value);
                    loss += value.getFloat();
                }
                for (int i = 0; i < sums.length; i++) {
                    // A fresh handle after each backward pass (an engine may replace the gradient's tensor);
                    // the handle is ours to close, the memory stays the parameter's.
                    NDArray gradient = parameters.get(i).getGradient();
                    gradient.attach(part);
                    if (k < sizes.length - 1) {
                        if (sums[i] == null) {
                            sums[i] = gradient.duplicate();
                            sums[i].attach(scope);
                        } else {
                            sums[i].addi(gradient);
                        }
                        gradient.subi(gradient);
                    } else if (sums[i] != null) {
                        gradient.addi(sums[i]);
                    }
                }
            }
        }
        trainer.step();
        return loss;
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
