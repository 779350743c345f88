package dev.edgewise.dsl.spec;

import java.util.Objects;
import java.util.function.UnaryOperator;

@Doc("IDX files, MNIST's and Fashion-MNIST's own format (gzipped or not): unsigned bytes, items of rows x cols (or of one"
        + " row of features), values / 255 in [0, 1]; labels one unsigned byte each.")
@Variant("idx")
public record IdxFileSpec(
        @Doc("The items file (e.g. train-images-idx3-ubyte.gz), relative to the experiment file or absolute.") String path,
        @Doc("The labels file (e.g. train-labels-idx1-ubyte.gz): one label per item.") String labels,
        @Doc("Read only the first this many items. Unset: all.") @Default("~") @Range(min = 1, max = 10_000_000)
        Integer limit) implements DataFileSpec {

    public IdxFileSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(labels, "labels");
    }

    @Override
    public DataFileSpec withPaths(UnaryOperator<String> resolve) {
        return new IdxFileSpec(resolve.apply(path), resolve.apply(labels), limit);
    }
}
