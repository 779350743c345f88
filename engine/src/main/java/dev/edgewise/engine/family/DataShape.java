package dev.edgewise.engine.family;

import dev.edgewise.catalog.data.ImageDataset;

/**
 * The facts about a dataset that checks and inspection need, without its items.
 *
 * @param height rows of one item
 * @param width columns of one item
 * @param classes distinct labels
 * @param bitsPerValue bits of one raw value on the air
 */
public record DataShape(int height, int width, int classes, int bitsPerValue) {

    public static DataShape of(ImageDataset data) {
        return new DataShape(data.height(), data.width(), data.classes(), data.bitsPerValue());
    }
}
