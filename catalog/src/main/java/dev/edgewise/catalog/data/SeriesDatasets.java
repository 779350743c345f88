package dev.edgewise.catalog.data;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The registry's real time series ({@code taylor}, {@code telosb}) in both forms a run needs: the
 * {@link NumericSeries} in its own units, which a forecaster reads, and an {@link ImageDataset}
 * view of it (one item per time step), under which the series is a spec dataset like any other:
 * {@code data.source} resolves, the shape and holdout checks see its length, provenance logs its
 * fingerprint.
 *
 * <p>The view scales each column by min-max over the whole series only so that it meets the item
 * contract (values in [0, 1]); a forecaster fits its own scaling on its training part and reports
 * errors in the series' units, from the {@link NumericSeries}.
 */
public final class SeriesDatasets {

    private static final Map<String, Function<DataCache, NumericSeries>> SERIES = new TreeMap<>(Map.of(
            TaylorDeb.NAME, TaylorDeb::load,
            TelosbNpm.NAME, TelosbNpm::load));

    private SeriesDatasets() {}

    /** Whether {@code name} is one of the registry's time series. */
    public static boolean isSeries(String name) {
        return SERIES.containsKey(name);
    }

    /** The named series in its own units; an unknown name is a {@link DataException}. */
    public static NumericSeries load(String name, DataCache cache) {
        Function<DataCache, NumericSeries> loader = SERIES.get(name);
        if (loader == null) {
            throw new DataException("'" + name + "' is not a time series", "time series: " + String.join(", ", SERIES.keySet()));
        }
        return loader.apply(cache);
    }

    /**
     * The series as items: item t is the row of every column at step t (1 x columns), scaled per
     * column to [0, 1]; labels are all 0 (a series has no classes); {@code window} 1 marks the items
     * as time-ordered, so a held-out set is the last steps.
     */
    public static ImageDataset items(NumericSeries series) {
        int columns = series.columns().size();
        int steps = series.length();
        float[] pixels = new float[steps * columns];
        for (int c = 0; c < columns; c++) {
            double[] column = series.values()[c];
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : column) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            double range = max - min;
            for (int t = 0; t < steps; t++) {
                pixels[t * columns + c] = range == 0 ? 0f : (float) Math.min(1.0, Math.max(0.0, (column[t] - min) / range));
            }
        }
        String fingerprint = "sha256:" + Sha256.of((series.fingerprint() + " items=steps scaled=min-max").getBytes(StandardCharsets.UTF_8));
        // Raw readings travel as float32: what a node sending its readings would send.
        return new ImageDataset(series.name(), series.source(), fingerprint, 1, columns, pixels, new int[steps], 32, 1);
    }
}
