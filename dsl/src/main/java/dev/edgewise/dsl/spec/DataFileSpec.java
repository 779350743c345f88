package dev.edgewise.dsl.spec;

import java.util.function.UnaryOperator;

/**
 * The user's own data files behind {@code data.source: file}. The format is the kind; every kind
 * names its files by {@code path} (and {@code labels} where labels live apart), relative to the
 * experiment file or absolute. The binder makes relative names absolute as it reads them, so a
 * spec written out again (a sweep point, a recorded run that is reproduced) still finds the data.
 */
@Doc("The user's own data. kind csv: a CSV/TSV time series cut into windows; idx: IDX files (MNIST's own format, .gz too);"
        + " images: a folder of PNG/JPEG images (one subfolder per class, or flat with a labels CSV); npy: NumPy .npy arrays."
        + " Paths are relative to the experiment file or absolute.")
@Variants({CsvFileSpec.class, IdxFileSpec.class, ImageFolderSpec.class, NpyFileSpec.class})
public interface DataFileSpec extends VariantSpec {

    /** The main file (or folder). */
    String path();

    /** This section with every file name passed through {@code resolve} (relative names made absolute). */
    DataFileSpec withPaths(UnaryOperator<String> resolve);
}
