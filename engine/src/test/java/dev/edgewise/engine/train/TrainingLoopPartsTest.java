package dev.edgewise.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.edgewise.dsl.spec.CommunicationTermSpec;
import dev.edgewise.dsl.spec.LossSpec;
import dev.edgewise.dsl.spec.MaxTaskSpec;
import dev.edgewise.dsl.spec.TaskTermSpec;
import dev.edgewise.engine.loss.LossTerms;
import dev.edgewise.engine.loss.WeightedLoss;
import dev.edgewise.engine.task.TaskRegistry;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A batch run in parts (large networks) takes the step the whole batch would: the parts' losses
 * weighted by their sizes and their gradients added, whichever engine overwrites or accumulates.
 */
class TrainingLoopPartsTest {

    private static final int BATCH = 8;
    private static final int INPUTS = 6;

    @Test
    void aBatchInPartsTakesTheStepOfTheWholeBatch() {
        float[] inputs = new float[BATCH * INPUTS];
        float[] targets = new float[BATCH];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = (float) random.nextDouble(-1, 1);
        }
        for (int i = 0; i < BATCH; i++) {
            targets[i] = (float) random.nextDouble(0, 9);
        }
        Result whole = train(inputs, targets, null);
        Result parts = train(inputs, targets, new int[] {3, 2, 3});
        assertEquals(whole.loss(), parts.loss(), 1e-5 * Math.abs(whole.loss()));
        // Two steps, so the second starts from the first's parameters: a part's gradient left over or
        // counted twice would show.
        assertArrayEquals(whole.weights(), parts.weights(), 1e-5f);
        assertArrayEquals(whole.biases(), parts.biases(), 1e-5f);
        assertNotEquals(0f, whole.biases()[0] - 0.5f, "the step moved the parameters");
    }

    @Test
    void onlyALossThatIsAMeanOverSamplesRunsInParts() {
        var task = TaskRegistry.of(new MaxTaskSpec());
        WeightedLoss taskOnly = LossTerms.of(new LossSpec(Map.of("task", new TaskTermSpec(1.0))), task);
        assertTrue(taskOnly.meanOverSamples());
        // The communication term squares the whole batch's sent fraction: not a mean over samples once it weighs.
        WeightedLoss later = LossTerms.of(new LossSpec(Map.of("task", new TaskTermSpec(1.0),
                "communication", new CommunicationTermSpec(0.5, 0.5, 0.1, 2, 0))), task);
        later.startEpoch(1);
        assertTrue(later.meanOverSamples(), "the term has no weight before its first epoch");
        later.startEpoch(2);
        assertFalse(later.meanOverSamples());
        WeightedLoss off = LossTerms.of(new LossSpec(Map.of("task", new TaskTermSpec(1.0),
                "communication", new CommunicationTermSpec(0.0, 0.5, 0.1, 1, 0))), task);
        assertTrue(off.meanOverSamples());
    }

    private record Result(float loss, float[] weights, float[] biases) {}

    /** Two SGD steps of a dense layer on the same batch, whole ({@code parts} null) or in parts. */
    private static Result train(float[] inputs, float[] targets, int[] parts) {
        Linear dense = Linear.builder().setUnits(3).build();
        dense.setInitializer(new ConstantInitializer(0.5f), ai.djl.nn.Parameter.Type.WEIGHT);
        dense.setInitializer(new ConstantInitializer(0.5f), ai.djl.nn.Parameter.Type.BIAS);
        try (Model model = Model.newInstance("parts")) {
            model.setBlock(new SequentialBlock().add(dense));
            WeightedLoss loss = LossTerms.of(new LossSpec(Map.of("task", new TaskTermSpec(1.0))), TaskRegistry.of(new MaxTaskSpec()));
            Optimizer sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).build();
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss).optOptimizer(sgd))) {
                trainer.initialize(new Shape(BATCH, INPUTS));
                AtomicReference<Double> meanLoss = new AtomicReference<>();
                TrainingLoop.Batch batch = parts == null ? new Whole(inputs, targets) : new InParts(inputs, targets, parts);
                TrainingLoop.run(new TrainingLoop.Phase("train", trainer, 2, 1, epoch -> List.of(batch),
                        (epoch, mean, perSecond) -> {
                            meanLoss.set(mean);
                            return Map.of();
                        }), TrainingListener.NONE);
                var parameters = dense.getParameters();
                return new Result(meanLoss.get().floatValue(), parameters.get("weight").getArray().toFloatArray(),
                        parameters.get("bias").getArray().toFloatArray());
            }
        }
    }

    private static class Whole implements TrainingLoop.Batch {
        final float[] inputs;
        final float[] targets;

        Whole(float[] inputs, float[] targets) {
            this.inputs = inputs;
            this.targets = targets;
        }

        @Override
        public int size() {
            return targets.length;
        }

        @Override
        public TrainingLoop.Arrays arrays(NDManager scope) {
            return slice(scope, 0, size());
        }

        TrainingLoop.Arrays slice(NDManager scope, int from, int to) {
            float[] x = java.util.Arrays.copyOfRange(inputs, from * INPUTS, to * INPUTS);
            float[] y = java.util.Arrays.copyOfRange(targets, from, to);
            return new TrainingLoop.Arrays(new NDList(scope.create(x, new Shape(to - from, INPUTS))), new NDList(scope.create(y)));
        }
    }

    private static final class InParts extends Whole implements TrainingLoop.Parted {
        private final int[] parts;

        InParts(float[] inputs, float[] targets, int[] parts) {
            super(inputs, targets);
            this.parts = parts;
        }

        @Override
        public int[] partSizes() {
            return parts;
        }

        @Override
        public TrainingLoop.Arrays part(NDManager scope, int k) {
            int from = 0;
            for (int i = 0; i < k; i++) {
                from += parts[i];
            }
            return slice(scope, from, from + parts[k]);
        }
    }
}
