package dev.edgewise.dsl.spec;

/** What the network must learn; the engine's task plug-in of the same kind makes targets and scores outputs. */
@Doc("The task the nodes solve together. max: every node outputs (largest digit seen by any node)/9 (split: the base"
        + " station outputs it); max-parity: the parity (0 even, 1 odd) of that digit; classification: the base station"
        + " outputs one score per class of the item's label (softmax cross-entropy); reconstruction: the receiver reproduces the input"
        + " image; forecasting: the next value of a time series; plug-ins add more.")
@Variants(value = {MaxTaskSpec.class, MaxParityTaskSpec.class, ClassificationTaskSpec.class, ReconstructionTaskSpec.class,
        ForecastingTaskSpec.class},
        defaultKind = "max")
public interface TaskSpec extends VariantSpec {}
