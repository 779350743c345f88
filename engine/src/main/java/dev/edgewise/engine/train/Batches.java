package dev.edgewise.engine.train;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.edgewise.dsl.spec.TrainingSpec;
import java.util.SplittableRandom;

/** What every trainer needs the same way: sample orders and the spec's optimizer. */
public final class Batches {

    private Batches() {}

    /** 0..size-1. */
    public static int[] identity(int size) {
        int[] values = new int[size];
        for (int i = 0; i < size; i++) {
            values[i] = i;
        }
        return values;
    }

    /** A shuffled copy of {@code values} (Fisher-Yates, one draw per position from the end). */
    public static int[] shuffled(int[] values, SplittableRandom random) {
        int[] copy = values.clone();
        for (int i = copy.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = copy[i];
            copy[i] = copy[j];
            copy[j] = swap;
        }
        return copy;
    }

    public static Optimizer optimizer(TrainingSpec training) {
        Tracker rate = Tracker.fixed((float) training.learningRate());
        return switch (training.optimizer()) {
            case ADAM -> Optimizer.adam().optLearningRateTracker(rate).build();
            case SGD -> Optimizer.sgd().setLearningRateTracker(rate).optMomentum((float) training.momentum()).build();
        };
    }
}
