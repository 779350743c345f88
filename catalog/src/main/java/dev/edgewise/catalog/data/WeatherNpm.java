package dev.edgewise.catalog.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A real multi-site daily series from a registry: {@code data/weather.csv} of the npm package
 * {@code vega-datasets@3.2.1} (Seattle and New York, 2012-01-01 to 2015-12-31: precipitation,
 * max/min temperature, wind and a weather class per day; NOAA data as Vega ships it). It stands in
 * for the split-inference paper's iWater series, which is not public.
 *
 * <p>The task is pinned here, as data: an item is a window of {@value #WINDOW} days of four
 * columns (Seattle precipitation, Seattle max temperature, New York precipitation, New York max
 * temperature, in that order; each scaled by min-max over the whole series to [0, 1]); its label
 * is Seattle's maximum temperature on the day after the window as a tercile of all 1,461 days
 * (0 cold, 1 mild, 2 warm). Terciles rather than the CSV's weather class: next-day weather class
 * is barely predictable from these columns (a network learns the majority class), while the
 * temperature level is, like the paper's dissolved-oxygen level; "tomorrow's tercile = today's"
 * scores 0.79 on the test windows, which is the bar to compare against.
 * Windows overlap and are in time order, so the dataset says so ({@code window}) and test items
 * are the last ones, kept a window away from training.
 *
 * <p>First use runs {@code npm pack}, checks the tarball's pinned SHA-256 and keeps only the CSV
 * in the {@link DataCache}; later loads read that.
 */
public final class WeatherNpm {

    public static final String NAME = "weather";
    public static final String PACKAGE_SPEC = "vega-datasets@3.2.1";
    public static final String TARBALL_NAME = "vega-datasets-3.2.1.tgz";
    /** SHA-256 of the tarball npm serves for vega-datasets@3.2.1. */
    public static final String TARBALL_SHA256 = "6f72fda460a9863fae5fcb32f85bcd49e1761fdea6dc6cf9f4962472881cc5a3";
    public static final int WINDOW = 50;
    public static final List<String> CLASSES = List.of("cold", "mild", "warm");
    /** The columns, as (location, CSV field). */
    public static final List<String[]> COLUMNS = List.of(
            new String[] {"Seattle", "precipitation"}, new String[] {"Seattle", "temp_max"},
            new String[] {"New York", "precipitation"}, new String[] {"New York", "temp_max"});
    static final String TARGET_LOCATION = "Seattle";

    static final String CACHE_ENTRY = "datasets/vega-datasets-3.2.1";
    static final String CSV = "weather.csv";
    /** SHA-256 of {@value #CSV} as extracted, recorded beside it. */
    static final String CSV_CHECKSUM = "weather.csv.sha256";
    /** SHA-256 of {@value #CSV} in the pinned tarball: vouches for a cache built before checksums were recorded. */
    static final String CSV_SHA256 = "27219f1ca8dbd94c9b6f4b9f4f52ab2f1eb33dfdcf719cd9fc6481ed50b74549";
    static final String CSV_ENTRY = "package/data/weather.csv";
    private static final String SOURCE = "npm:" + PACKAGE_SPEC + " package/data/weather.csv";
    /** Float32 values: what a node sending its raw readings would send. */
    private static final int RAW_BITS = 32;
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);

    private WeatherNpm() {}

    public static ImageDataset load(DataCache cache) {
        Path dir = cache.dir(CACHE_ENTRY);
        Path manual = dir.resolve(TARBALL_NAME);
        String advice = "download " + TARBALL_NAME + " (sha256 " + TARBALL_SHA256 + ") with 'npm pack " + PACKAGE_SPEC
                + "' on another machine and put it at " + manual;
        NpmPack npm = new NpmPack(NpmPack.defaultExecutable(), PACKAGE_SPEC, NPM_TIMEOUT, advice);
        try {
            return parse(CachedFile.get(dir, CSV, CSV_SHA256, scratch -> npm.verifiedEntry(scratch, manual, TARBALL_SHA256, CSV_ENTRY)));
        } catch (IOException e) {
            throw new DataException("cannot prepare " + PACKAGE_SPEC + " in the data cache " + cache.root() + ": " + e,
                    "make sure the directory is writable, or set EDGEWISE_CACHE to a writable directory", e);
        }
    }

    /** The windows of the pinned task from the CSV's bytes. */
    static ImageDataset parse(byte[] content) {
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\r?\n");
        List<String> header = List.of(lines[0].split(","));
        int location = header.indexOf("location");
        int date = header.indexOf("date");
        int targetField = header.indexOf("temp_max");
        // location -> date -> fields; dates in ISO form sort in time order.
        Map<String, TreeMap<String, String[]>> byLocation = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] fields = lines[i].split(",", -1);
            byLocation.computeIfAbsent(fields[location], k -> new TreeMap<>()).put(fields[date], fields);
        }
        List<String> days = new ArrayList<>(byLocation.get(TARGET_LOCATION).keySet());
        for (String[] column : COLUMNS) {
            TreeMap<String, String[]> series = byLocation.get(column[0]);
            if (series == null || !series.keySet().equals(byLocation.get(TARGET_LOCATION).keySet())) {
                throw new DataException("weather.csv: " + column[0] + " does not cover the same days as " + TARGET_LOCATION,
                        "the file must be data/weather.csv of " + PACKAGE_SPEC);
            }
        }
        int width = COLUMNS.size();
        float[][] values = new float[width][days.size()];
        for (int c = 0; c < width; c++) {
            int field = header.indexOf(COLUMNS.get(c)[1]);
            TreeMap<String, String[]> series = byLocation.get(COLUMNS.get(c)[0]);
            for (int d = 0; d < days.size(); d++) {
                values[c][d] = Float.parseFloat(series.get(days.get(d))[field]);
            }
            scale(values[c]);
        }
        int items = days.size() - WINDOW;
        float[] pixels = new float[items * WINDOW * width];
        int[] labels = new int[items];
        TreeMap<String, String[]> target = byLocation.get(TARGET_LOCATION);
        float[] temperatures = new float[days.size()];
        for (int d = 0; d < days.size(); d++) {
            temperatures[d] = Float.parseFloat(target.get(days.get(d))[targetField]);
        }
        float[] cuts = terciles(temperatures);
        for (int i = 0; i < items; i++) {
            for (int t = 0; t < WINDOW; t++) {
                for (int c = 0; c < width; c++) {
                    pixels[(i * WINDOW + t) * width + c] = values[c][i + t];
                }
            }
            float next = temperatures[i + WINDOW];
            labels[i] = next < cuts[0] ? 0 : next < cuts[1] ? 1 : 2;
        }
        String fingerprint = "sha256:" + Sha256.of((Sha256.of(content) + " window=" + WINDOW + " columns="
                + COLUMNS.stream().map(c -> c[0] + "/" + c[1]).toList() + " target=" + TARGET_LOCATION + "/next-day-temp_max-tercile")
                .getBytes(StandardCharsets.UTF_8));
        return new ImageDataset(NAME, SOURCE, fingerprint, WINDOW, width, pixels, labels, RAW_BITS, WINDOW);
    }

    /** The values at the 1/3 and 2/3 positions of the sorted series: a value below the first is cold, from the second on warm. */
    static float[] terciles(float[] values) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        return new float[] {sorted[sorted.length / 3], sorted[2 * sorted.length / 3]};
    }

    /** Min-max to [0, 1], in place; a constant column becomes 0. */
    static void scale(float[] column) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : column) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float range = max - min;
        for (int i = 0; i < column.length; i++) {
            column[i] = range == 0 ? 0f : Math.min(1f, Math.max(0f, (column[i] - min) / range));
        }
    }

    /** For tests: the class counts of the labels. */
    static int[] classCounts(ImageDataset data) {
        int[] counts = new int[CLASSES.size()];
        Arrays.stream(data.labels()).forEach(l -> counts[l]++);
        return counts;
    }
}
