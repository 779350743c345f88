package dev.edgewise.engine.family;

import dev.edgewise.catalog.data.ImageDataset;

/**
 * The facts about a dataset that checks and inspection need, without its items.
 *
 * @param height rows of one item
 * @param width columns of one item
 * @param classes distinct labels
 * @param bitsPerValue bits of one raw value on the air
 * @param items how many items the dataset holds
 * @param window 0 for independent items; else the items are overlapping windows of a series
 *     and a held-out set is kept this many items away from training (see {@link ImageDataset#window})
 * @param channels 1 (grey images, series) or 3 (colour images)
 */
public record DataShape(int height, int width, int classes, int bitsPerValue, int items, int window, int channels) {

    /** One channel: grey images or a series' windows. */
    public DataShape(int height, int width, int classes, int bitsPerValue, int items, int window) {
        this(height, width, classes, bitsPerValue, items, window, 1);
    }

    public static DataShape of(ImageDataset data) {
        return new DataShape(data.height(), data.width(), data.classes(), data.bitsPerValue(), data.size(), data.window(), data.channels());
    }

    /** Items held out for test samples at {@code holdout}, as the runs split them (NodeSamples.split, SplitSamples.pools). */
    public int heldOut(double holdout) {
        return (int) Math.round(items * holdout);
    }

    /** Items left for training samples at {@code holdout}: the rest, less the gap a series keeps; may be 0 or less. */
    public int training(double holdout) {
        return items - heldOut(holdout) - window;
    }
}
