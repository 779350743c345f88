package dev.edgewise.dsl.spec;

@Doc("The task's own loss (MSE for regression tasks, softmax cross-entropy for classification).")
@Variant("task")
public record TaskTermSpec(
        @Doc("Weight of the term.") @Default("1.0") @Range(min = 0)
        double weight) implements LossTermSpec {}
