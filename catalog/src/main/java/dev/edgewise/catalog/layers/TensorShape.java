package dev.edgewise.catalog.layers;

import java.util.Arrays;

/** The shape of one sample's tensor, without the batch dimension: (channels, height, width) or (features). */
public record TensorShape(int[] dims) {

    public TensorShape {
        dims = dims.clone();
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has an empty dimension");
            }
        }
    }

    public static TensorShape of(int... dims) {
        return new TensorShape(dims);
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int i) {
        return dims[i];
    }

    public long elements() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    void requireRank(int rank, String layer) {
        if (dims.length != rank) {
            throw new IllegalArgumentException(layer + " needs a rank-" + rank + " input, got " + this);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorShape shape && Arrays.equals(dims, shape.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims).replace(", ", "x").replace("[", "(").replace("]", ")");
    }
}
