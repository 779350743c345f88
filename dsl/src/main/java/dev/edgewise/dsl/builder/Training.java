package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.TrainingSpec;
import java.util.List;

/** {@code training:} end-to-end training of the whole network. */
public final class Training extends Section<Training> {

    Training(SpecNode node) {
        super(node, TrainingSpec.class);
    }

    public Training optimizer(TrainingSpec.Optimizer optimizer) {
        return set("optimizer", optimizer);
    }

    public Training learningRate(double rate) {
        return set("learning_rate", rate);
    }

    /** Momentum (sgd only). */
    public Training momentum(double momentum) {
        return set("momentum", momentum);
    }

    public Training epochs(int epochs) {
        return set("epochs", epochs);
    }

    public Training batchSize(int size) {
        return set("batch_size", size);
    }

    /** Network sizes to train on, one size per mini-batch, e.g. {@code nodes(2, 3, 5)}. */
    public Training nodes(int... sizes) {
        return set("nodes", sizes);
    }

    public Training nodes(List<Integer> sizes) {
        return set("nodes", sizes);
    }
}
