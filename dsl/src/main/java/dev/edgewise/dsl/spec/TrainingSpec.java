package dev.edgewise.dsl.spec;

import java.util.List;
import java.util.Objects;

@Doc("End-to-end training of the whole network.")
public record TrainingSpec(
        @Doc("Optimizer.") @Default("adam")
        Optimizer optimizer,
        @Doc("Learning rate.") @Default("0.005") @Range(min = 0)
        double learningRate,
        @Doc("Momentum (sgd only).") @Default("0.0") @Range(min = 0, max = 1)
        double momentum,
        @Doc("Passes over the training samples.") @Default("10") @Range(min = 1, max = 100_000)
        int epochs,
        @Doc("Samples per mini-batch.") @Default("64") @Range(min = 1, max = 65536)
        int batchSize,
        @Doc("Network sizes to train on, one size per mini-batch, train_samples of each (the same kind of graph). Unset: topology.nodes.")
        @Default("~") @Range(min = 1, max = 10_000)
        List<Integer> nodes) {

    public TrainingSpec {
        Objects.requireNonNull(optimizer, "optimizer");
        nodes = nodes == null ? null : List.copyOf(nodes);
        if (nodes != null && nodes.isEmpty()) {
            throw new FieldException("nodes", "nodes must list at least one network size, or be left out", "e.g. nodes: [2, 5], or remove the key");
        }
    }

    public enum Optimizer implements SpecEnum {
        ADAM,
        SGD
    }
}
