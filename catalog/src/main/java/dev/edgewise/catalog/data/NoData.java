package dev.edgewise.catalog.data;

/**
 * The dataset {@code none}: no items at all, for experiments whose family reads no data (a radio
 * link or a network simulation), so their records name no dataset they did not use.
 */
public final class NoData {

    /** The name a spec uses: {@code data: {source: none}}. */
    public static final String NAME = "none";

    private NoData() {}

    /** An empty dataset of 1x1 "images"; the cache is not touched. */
    public static ImageDataset load(DataCache cache) {
        return new ImageDataset(NAME, "none", "none", 1, 1, new float[0], new int[0]);
    }
}
