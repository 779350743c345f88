package dev.edgewise.dsl.spec;

import java.util.Objects;
import java.util.function.UnaryOperator;

@Doc("NumPy .npy arrays (format 1.0-3.0, C order, little-endian): items of shape (n, rows, cols) or (n, features) as uint8"
        + " (divided by 255) or float32/float64 in [0, 1]; labels of shape (n) as integers >= 0.")
@Variant("npy")
public record NpyFileSpec(
        @Doc("The items array, relative to the experiment file or absolute.") String path,
        @Doc("The labels array: one integer per item.") String labels) implements DataFileSpec {

    public NpyFileSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(labels, "labels");
    }

    @Override
    public DataFileSpec withPaths(UnaryOperator<String> resolve) {
        return new NpyFileSpec(resolve.apply(path), resolve.apply(labels));
    }
}
