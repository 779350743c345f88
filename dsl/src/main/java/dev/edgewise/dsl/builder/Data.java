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

    /**
     * The user's own files: sets {@code source: file} and {@code file:} of one kind, e.g.
     * {@code .file(DataFiles.npy(f -> f.path("x.npy").labels("y.npy")))}; a Kotlin script writes
     * {@code file(npy { path = "x.npy"; labels = "y.npy" })} in {@code data { }}.
     * Relative paths are taken from the working directory (in a script too; YAML files resolve them against their folder).
     */
    public Data file(Variant<dev.edgewise.dsl.spec.DataFileSpec> file) {
        set("source", DataSpec.FILE);
        return variant("file", file, false);
    }

    public Data trainSamples(int samples) {
        return set("train_samples", samples);
    }

    public Data testSamples(int samples) {
        return set("test_samples", samples);
    }

    /** Another catalog dataset to test on (its held-out items); training still reads source. */
    public Data testSource(String name) {
        return set("test_source", name);
    }

    /** Fraction of the dataset's items held out for test samples. */
    public Data holdout(double fraction) {
        return set("holdout", fraction);
    }

    /** How a node sees a sample (item, whole, quadrants, patches, columns); null means item. */
    public Data view(DataSpec.View view) {
        return set("view", view);
    }

    /** k of the patches view: k x k tiles. */
    public Data patches(int perSide) {
        return set("patches", perSide);
    }
}
