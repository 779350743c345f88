package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.TrainingSpec;

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
}
