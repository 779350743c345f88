package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.DataSpec;

/** {@code data:} where samples come from and how many. */
public final class Data extends Section<Data> {

    Data(SpecNode node) {
        super(node, DataSpec.class);
    }

    /** Dataset name in the catalog, e.g. {@code "mnist"}. */
    public Data source(String name) {
        return set("source", name);
    }

    public Data trainSamples(int samples) {
        return set("train_samples", samples);
    }

    public Data testSamples(int samples) {
        return set("test_samples", samples);
    }

    /** Fraction of the dataset's items held out for test samples. */
    public Data holdout(double fraction) {
        return set("holdout", fraction);
    }
}
