package dev.edgewise.dsl.spec;

import java.util.Objects;

@Doc("The task the nodes solve together.")
public record TaskSpec(
        @Doc("max: every node outputs (largest digit seen by any node)/9 (upward: the base station outputs it). max-parity: the"
                + " parity (0 even, 1 odd) of that digit. classification: the base station outputs one score per class of the"
                + " item's label (softmax cross-entropy); upward only.")
        @Default("max")
        Kind kind) {

    public TaskSpec {
        Objects.requireNonNull(kind, "kind");
    }

    public enum Kind implements SpecEnum {
        MAX,
        MAX_PARITY,
        CLASSIFICATION
    }
}
