package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.CsvFileSpec;
import dev.edgewise.dsl.spec.DataFileSpec;
import dev.edgewise.dsl.spec.IdxFileSpec;
import dev.edgewise.dsl.spec.ImageFolderSpec;
import dev.edgewise.dsl.spec.NpyFileSpec;
import java.util.List;
import java.util.function.Consumer;

/**
 * The kinds of {@code data.file}, for {@link Data#file}:
 * {@code .data(d -> d.file(DataFiles.npy(f -> f.path("x.npy").labels("y.npy"))))}.
 */
public final class DataFiles {

    private DataFiles() {}

    /** {@code kind: csv}: a CSV/TSV time series cut into windows. */
    public static Variant<DataFileSpec> csv(Consumer<Csv> body) {
        return Variant.of(CsvFileSpec.class, Csv::new, body);
    }

    /** {@code kind: idx}: IDX files (MNIST's format), gzipped or not. */
    public static Variant<DataFileSpec> idx(Consumer<Idx> body) {
        return Variant.of(IdxFileSpec.class, Idx::new, body);
    }

    /** {@code kind: images}: a folder of PNG/JPEG images. */
    public static Variant<DataFileSpec> images(Consumer<Images> body) {
        return Variant.of(ImageFolderSpec.class, Images::new, body);
    }

    /** {@code kind: npy}: NumPy .npy arrays. */
    public static Variant<DataFileSpec> npy(Consumer<Npy> body) {
        return Variant.of(NpyFileSpec.class, Npy::new, body);
    }

    /** The keys of {@code data.file} kind csv. */
    public static final class Csv extends Section<Csv> {

        Csv(SpecNode node) {
            super(node, CsvFileSpec.class);
        }

        public Csv path(String file) {
            return set("path", file);
        }

        /** One character; null: by the file's extension. */
        public Csv delimiter(String delimiter) {
            return set("delimiter", delimiter);
        }

        public Csv features(List<String> columns) {
            return set("features", columns);
        }

        public Csv target(String column) {
            return set("target", column);
        }

        public Csv time(String column) {
            return set("time", column);
        }

        public Csv site(String column) {
            return set("site", column);
        }

        public Csv targetSite(String site) {
            return set("target_site", site);
        }

        public Csv window(int steps) {
            return set("window", steps);
        }

        public Csv stride(int steps) {
            return set("stride", steps);
        }

        public Csv horizon(int steps) {
            return set("horizon", steps);
        }

        public Csv bins(Integer classes) {
            return set("bins", classes);
        }

        public Csv scaling(CsvFileSpec.Scaling scaling) {
            return set("scaling", scaling);
        }
    }

    /** The keys of {@code data.file} kind idx. */
    public static final class Idx extends Section<Idx> {

        Idx(SpecNode node) {
            super(node, IdxFileSpec.class);
        }

        public Idx path(String file) {
            return set("path", file);
        }

        public Idx labels(String file) {
            return set("labels", file);
        }

        public Idx limit(Integer items) {
            return set("limit", items);
        }
    }

    /** The keys of {@code data.file} kind images. */
    public static final class Images extends Section<Images> {

        Images(SpecNode node) {
            super(node, ImageFolderSpec.class);
        }

        public Images path(String folder) {
            return set("path", folder);
        }

        /** A labels CSV for a flat folder; null: one subfolder per class. */
        public Images labels(String file) {
            return set("labels", file);
        }

        public Images size(int rows, int cols) {
            return set("size", List.of(rows, cols));
        }

        public Images filter(ImageFolderSpec.Filter filter) {
            return set("filter", filter);
        }
    }

    /** The keys of {@code data.file} kind npy. */
    public static final class Npy extends Section<Npy> {

        Npy(SpecNode node) {
            super(node, NpyFileSpec.class);
        }

        public Npy path(String file) {
            return set("path", file);
        }

        public Npy labels(String file) {
            return set("labels", file);
        }
    }
}
