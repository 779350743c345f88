package dev.edgewise.catalog.data.files;

import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.dsl.spec.CsvFileSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV/TSV time series cut into windows. Rows are time steps (per site with a site column, the
 * sites side by side); an item is {@code window} steps of every (site, feature) column, its label
 * the target {@code horizon} steps after the window's last step. Items are in time order, and the
 * dataset's {@code window} is the gap (in items) a held-out tail must keep from training so that
 * no test window shares a step, or a label's step, with a training window.
 *
 * <p>Scaling and the target's bins are fitted on the steps training items cover (the first
 * {@code 1 - holdout} of the items, less the gap), never on test steps: the split the run makes
 * later ({@code SplitSamples.pools}) is computed the same way, from the same numbers.
 */
final class CsvSeries {

    private CsvSeries() {}

    /** What the series gives before it becomes a dataset, for tests. */
    record Windows(int items, int gap, int trainItems, int lastTrainStep) {}

    static ImageDataset read(CsvFileSpec spec, double holdout, byte[] content, String source, String fingerprint) {
        String file = spec.path();
        CsvTable table = CsvTable.parse(file, content, spec.delimiterChar());
        List<String> names = table.names();
        int[] features = new int[spec.features().size()];
        for (int f = 0; f < features.length; f++) {
            features[f] = column(table, spec.features().get(f), "file.features[" + f + "]");
        }
        int target = column(table, spec.target(), "file.target");
        int time = spec.time() == null ? -1 : column(table, spec.time(), "file.time");
        int site = spec.site() == null ? -1 : column(table, spec.site(), "file.site");
        if (table.rows().isEmpty()) {
            throw DataFileException.at(file, 1, 1, "the file has a header but no rows", "add the series' rows below the header "
                    + String.join(",", names));
        }

        // Rows by site, in the order sites first appear; without a site column, one series.
        Map<String, List<List<CsvTable.Cell>>> bySite = new LinkedHashMap<>();
        for (List<CsvTable.Cell> row : table.rows()) {
            String key = site < 0 ? "" : row.get(site).text();
            bySite.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        List<String> sites = new ArrayList<>(bySite.keySet());
        List<List<CsvTable.Cell>> first = bySite.get(sites.get(0));
        int steps = first.size();
        for (String s : sites) {
            List<List<CsvTable.Cell>> rows = bySite.get(s);
            if (time >= 0) {
                checkIncreasing(file, rows, time, spec.time(), site < 0 ? "" : " of site '" + s + "'");
            }
            if (rows.size() != steps) {
                CsvTable.Cell at = rows.get(Math.min(rows.size(), steps) - 1).get(site);
                throw DataFileException.at(file, at.line(), at.column(), "site '" + s + "' has " + rows.size() + " rows, site '"
                        + sites.get(0) + "' " + steps + ": the sites' series must have the same steps",
                        "give every site one row per time step (fill a gap explicitly rather than leaving the row out)");
            }
            if (time >= 0) {
                for (int t = 0; t < steps; t++) {
                    CsvTable.Cell mine = rows.get(t).get(time);
                    if (!mine.text().equals(first.get(t).get(time).text())) {
                        throw DataFileException.at(file, mine.line(), mine.column(), "step " + (t + 1) + " of site '" + s + "' is at "
                                + spec.time() + " '" + mine.text() + "', of site '" + sites.get(0) + "' at '"
                                + first.get(t).get(time).text() + "'",
                                "every site must have a row for the same time steps, in the same order");
                    }
                }
            }
        }
        String targetSite = spec.targetSite() != null ? spec.targetSite() : sites.get(0);
        if (!bySite.containsKey(targetSite)) {
            throw DataFileException.ofField("file.target_site", "site '" + targetSite + "' is not in column '" + spec.site()
                    + "'; the sites are " + String.join(", ", sites), "pick one of: " + String.join(", ", sites));
        }

        int width = sites.size() * features.length;
        float[][] columns = new float[width][steps];
        for (int s = 0; s < sites.size(); s++) {
            List<List<CsvTable.Cell>> rows = bySite.get(sites.get(s));
            for (int f = 0; f < features.length; f++) {
                for (int t = 0; t < steps; t++) {
                    columns[s * features.length + f][t] = (float) number(file, rows.get(t).get(features[f]), names.get(features[f]));
                }
            }
        }
        List<List<CsvTable.Cell>> targetRows = bySite.get(targetSite);

        int span = spec.window() + spec.horizon();
        if (steps < span) {
            throw DataFileException.ofField("file.window", "a window of " + spec.window() + " steps and a horizon of " + spec.horizon()
                    + " need " + span + " steps, but the series has " + steps + (site < 0 ? "" : " per site"),
                    "make the window at most " + Math.max(1, steps - spec.horizon()) + " steps, or use a longer series");
        }
        Windows w = windows(steps, spec.window(), spec.stride(), spec.horizon(), holdout);

        float[] targets = new float[w.items()];
        int[] labels = new int[w.items()];
        for (int i = 0; i < w.items(); i++) {
            CsvTable.Cell cell = targetRows.get(i * spec.stride() + spec.window() - 1 + spec.horizon()).get(target);
            if (spec.bins() == null) {
                labels[i] = label(file, cell, spec.target());
            } else {
                targets[i] = (float) number(file, cell, spec.target());
            }
        }
        if (spec.bins() != null) {
            float[] cuts = cuts(Arrays.copyOf(targets, Math.max(1, w.trainItems())), spec.bins());
            for (int i = 0; i < w.items(); i++) {
                int label = 0;
                while (label < cuts.length && targets[i] >= cuts[label]) {
                    label++;
                }
                labels[i] = label;
            }
        }
        for (int c = 0; c < width; c++) {
            int s = c / features.length;
            int f = c % features.length;
            if (spec.scaling() == CsvFileSpec.Scaling.MINMAX) {
                minMax(columns[c], w.lastTrainStep() + 1);
            } else {
                for (int t = 0; t < steps; t++) {
                    if (!(columns[c][t] >= 0f && columns[c][t] <= 1f)) {
                        CsvTable.Cell cell = bySite.get(sites.get(s)).get(t).get(features[f]);
                        throw DataFileException.at(file, cell.line(), cell.column(), "'" + cell.text() + "' in column '" + names.get(features[f])
                                + "' is outside [0, 1], and scaling is none", "set scaling: minmax, or scale the column to [0, 1]");
                    }
                }
            }
        }
        int rows = spec.window();
        float[] pixels = new float[w.items() * rows * width];
        for (int i = 0; i < w.items(); i++) {
            for (int t = 0; t < rows; t++) {
                for (int c = 0; c < width; c++) {
                    pixels[(i * rows + t) * width + c] = columns[c][i * spec.stride() + t];
                }
            }
        }
        return new ImageDataset("file", source, fingerprint, rows, width, pixels, labels, 32, w.gap());
    }

    /** Items, the gap a held-out tail keeps, training items and the last step they (or their labels) touch. */
    static Windows windows(int steps, int window, int stride, int horizon, double holdout) {
        int items = (steps - window - horizon) / stride + 1;
        // Test item j starts at step j * stride; the last training item's label is at (j - 1 - gap) * stride + window - 1 + horizon.
        int gap = Math.max(1, (window + horizon + stride - 1) / stride);
        int held = (int) Math.round(items * holdout);
        int trainItems = items - held - gap;
        int lastTrain = Math.max(0, trainItems - 1) * stride + window - 1 + horizon;
        return new Windows(items, gap, trainItems, Math.min(steps - 1, lastTrain));
    }

    /** Cut points at the 1/bins, 2/bins, ... positions of the sorted training targets; a value >= cut k is above class k. */
    static float[] cuts(float[] training, int bins) {
        float[] sorted = training.clone();
        Arrays.sort(sorted);
        float[] cuts = new float[bins - 1];
        for (int k = 1; k < bins; k++) {
            cuts[k - 1] = sorted[Math.min(sorted.length - 1, k * sorted.length / bins)];
        }
        return cuts;
    }

    /** Min-max over the first {@code fitted} steps, applied to all and clipped to [0, 1]; a constant column becomes 0. */
    static void minMax(float[] column, int fitted) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int t = 0; t < fitted; t++) {
            min = Math.min(min, column[t]);
            max = Math.max(max, column[t]);
        }
        float range = max - min;
        for (int t = 0; t < column.length; t++) {
            column[t] = range == 0 ? 0f : Math.min(1f, Math.max(0f, (column[t] - min) / range));
        }
    }

    private static int column(CsvTable table, String name, String field) {
        int index = table.indexOf(name);
        if (index < 0) {
            String nearest = dev.edgewise.dsl.Names.nearest(name, table.names());
            String only = table.names().size() == 1 ? table.names().get(0) : "";
            for (char other : new char[] {',', '\t', ';', '|'}) {
                if (only.indexOf(other) >= 0) {
                    throw DataFileException.ofField(field, "column '" + name + "' is not in " + table.file() + ", whose header reads as one"
                            + " column '" + only + "': the file is not separated by " + describe(table.delimiter()),
                            "set file.delimiter: " + (other == '\t' ? "\"\\t\"" : "'" + other + "'"));
                }
            }
            throw DataFileException.ofField(field, "column '" + name + "' is not in " + table.file() + "; its columns are "
                    + String.join(", ", table.names()), (nearest != null ? "did you mean '" + nearest + "'? " : "")
                    + "use a name from the file's first line");
        }
        return index;
    }

    private static String describe(char delimiter) {
        return delimiter == '\t' ? "tabs" : "'" + delimiter + "'";
    }

    private static void checkIncreasing(String file, List<List<CsvTable.Cell>> rows, int time, String name, String ofSite) {
        for (int t = 1; t < rows.size(); t++) {
            CsvTable.Cell before = rows.get(t - 1).get(time);
            CsvTable.Cell now = rows.get(t).get(time);
            if (compareTimes(before.text(), now.text()) >= 0) {
                throw DataFileException.at(file, now.line(), now.column(), name + " '" + now.text() + "' does not come after '"
                        + before.text() + "' (line " + before.line() + ")" + ofSite,
                        "sort the rows by time (per site); times compare as numbers, or as text (ISO dates sort as text)");
            }
        }
    }

    /** Numbers compare as numbers, anything else (ISO dates and times) as text. */
    static int compareTimes(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    private static double number(String file, CsvTable.Cell cell, String column) {
        String text = cell.text();
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw DataFileException.at(file, cell.line(), cell.column(), text.isEmpty() ? "column '" + column + "' is empty here"
                    : "'" + text + "' in column '" + column + "' is not a number",
                    text.isEmpty() ? "fill the gap (e.g. with the previous value) or drop the row for every site"
                            : "write numbers with a '.' for decimals and no units or thousands separators");
        }
        if (!Double.isFinite(value) || text.endsWith("d") || text.endsWith("D") || text.endsWith("f") || text.endsWith("F")) {
            throw DataFileException.at(file, cell.line(), cell.column(), "'" + text + "' in column '" + column + "' is not a finite number",
                    "write plain decimal numbers");
        }
        return value;
    }

    private static int label(String file, CsvTable.Cell cell, String column) {
        try {
            int label = Integer.parseInt(cell.text());
            if (label >= 0) {
                return label;
            }
        } catch (NumberFormatException e) {
            // Reported below, with the fix.
        }
        throw DataFileException.at(file, cell.line(), cell.column(), "target '" + cell.text() + "' in column '" + column
                + "' is not a class label (an integer >= 0)", "number the classes 0, 1, 2, ..., or set file.bins to cut a numeric target"
                + " into classes");
    }
}
