package dev.edgewise.catalog.data;

import dev.edgewise.catalog.layers.TensorShape;
import dev.edgewise.dsl.spec.DataSpec;

/**
 * How a node sees one item of a height x width dataset (an image, or a window of a series with
 * time down the rows and one column per feature or site): the part it gets, as a map with the
 * item's channels (one for grey images and series, three for colour; every channel is cut alike).
 * Plain arrays, so the slicing is testable without a tensor library.
 *
 * @param view the spec's view
 * @param tiles tiles per side for patches (2 for quadrants; unused otherwise)
 */
public record NodeView(DataSpec.View view, int tiles) {

    public static NodeView of(DataSpec data) {
        DataSpec.View view = data.viewOrItem();
        return new NodeView(view, view == DataSpec.View.QUADRANTS ? 2 : view == DataSpec.View.PATCHES ? data.patches() : 1);
    }

    /**
     * The number of nodes this view needs for a height x width item, or 0 when any number of nodes
     * works (item: one item each; whole: everyone sees everything).
     */
    public int requiredNodes(int height, int width) {
        return switch (view) {
            case ITEM, WHOLE -> 0;
            case QUADRANTS, PATCHES -> tiles * tiles;
            case COLUMNS -> width;
        };
    }

    /** Whether a sample is one item per node (item) rather than one item for all nodes. */
    public boolean itemPerNode() {
        return view == DataSpec.View.ITEM;
    }

    /**
     * What one node sees of a one-channel item, as (1, rows, cols).
     *
     * @throws IllegalArgumentException when the item does not split evenly into the view's tiles
     */
    public TensorShape shape(int height, int width) {
        return shape(1, height, width);
    }

    /**
     * What one node sees of a {@code channels} x height x width item, as (channels, rows, cols).
     *
     * @throws IllegalArgumentException when the item does not split evenly into the view's tiles
     */
    public TensorShape shape(int channels, int height, int width) {
        return switch (view) {
            case ITEM, WHOLE -> TensorShape.of(channels, height, width);
            case QUADRANTS, PATCHES -> {
                if (height % tiles != 0 || width % tiles != 0) {
                    throw new IllegalArgumentException("a " + height + "x" + width + " item does not split into " + tiles + "x" + tiles
                            + " equal tiles");
                }
                yield TensorShape.of(channels, height / tiles, width / tiles);
            }
            case COLUMNS -> TensorShape.of(channels, height, 1);
        };
    }

    /**
     * Copies node {@code node}'s part of the item starting at {@code from} in {@code pixels} to
     * {@code out} at {@code to}, row by row. Tiles are numbered row by row from the top left.
     */
    public void copy(float[] pixels, int from, int height, int width, int node, float[] out, int to) {
        copy(pixels, from, 1, height, width, node, out, to);
    }

    /**
     * As {@link #copy(float[], int, int, int, int, float[], int)} for an item of {@code channels}
     * planes: node {@code node}'s part of each channel, channel after channel.
     */
    public void copy(float[] pixels, int from, int channels, int height, int width, int node, float[] out, int to) {
        if (view == DataSpec.View.ITEM || view == DataSpec.View.WHOLE) {
            System.arraycopy(pixels, from, out, to, channels * height * width);
            return;
        }
        int part = (int) shape(height, width).elements();
        for (int c = 0; c < channels; c++) {
            copyPlane(pixels, from + c * height * width, height, width, node, out, to + c * part);
        }
    }

    private void copyPlane(float[] pixels, int from, int height, int width, int node, float[] out, int to) {
        switch (view) {
            case ITEM, WHOLE -> System.arraycopy(pixels, from, out, to, height * width);
            case QUADRANTS, PATCHES -> {
                int rows = height / tiles;
                int cols = width / tiles;
                int top = (node / tiles) * rows;
                int left = (node % tiles) * cols;
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(pixels, from + (top + r) * width + left, out, to + r * cols, cols);
                }
            }
            case COLUMNS -> {
                for (int r = 0; r < height; r++) {
                    out[to + r] = pixels[from + r * width + node];
                }
            }
        }
    }
}
