package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.PretrainSpec;

/** {@code model.extractor.pretrain:} pretraining the extractor as a digit classifier. */
public final class Pretrain extends Section<Pretrain> {

    Pretrain(SpecNode node) {
        super(node, PretrainSpec.class);
    }

    /** Epochs over the training items; 0 skips pretraining. */
    public Pretrain epochs(int epochs) {
        return set("epochs", epochs);
    }

    public Pretrain learningRate(double rate) {
        return set("learning_rate", rate);
    }

    public Pretrain momentum(double momentum) {
        return set("momentum", momentum);
    }

    public Pretrain batchSize(int size) {
        return set("batch_size", size);
    }
}
