package dev.edgewise.dsl.spec;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

@Doc("A time series in a CSV or TSV file with a header row: each row one time step (per site, with 'site'). An item is a"
        + " window of 'window' steps (rows: time, columns: the features, site by site); its label is the target 'horizon'"
        + " steps after the window's last step. Windows are in time order: test items are the last data.holdout of them, a"
        + " window apart from training. Scaling is fitted on the training part only.")
@Variant("csv")
public record CsvFileSpec(
        @Doc("The CSV/TSV file, relative to the experiment file or absolute.") String path,
        @Doc("The field separator, one character. Unset: tab for .tsv and .tab files, else comma.") @Default("~")
        String delimiter,
        @Doc("Header names of the feature columns; each becomes one column of an item (per site).") List<String> features,
        @Doc("Header name of the target column: class labels (integers >= 0), or numbers cut into 'bins' classes.") String target,
        @Doc("Header name of a time column; its values must increase down the file (per site). Unset: file order is time order.")
        @Default("~")
        String time,
        @Doc("Header name of a site (node, station) column for long-format files: one series per site, side by side, every"
                + " site with the same time steps. Unset: one series.")
        @Default("~")
        String site,
        @Doc("With 'site': the site whose target is the label. Unset: the first site in the file.") @Default("~")
        String targetSite,
        @Doc("Steps in one window (the item's rows).") @Range(min = 1, max = 100_000)
        int window,
        @Doc("Steps between the starts of consecutive windows.") @Default("1") @Range(min = 1, max = 100_000)
        int stride,
        @Doc("Steps from the window's last step to the target's step (0: the last step itself).") @Default("1")
        @Range(min = 0, max = 100_000)
        int horizon,
        @Doc("Cut a numeric target into this many classes at quantiles of the training part. Unset: the target holds class"
                + " labels.")
        @Default("~") @Range(min = 2, max = 1000)
        Integer bins,
        @Doc("Per-column scaling, fitted on the training part: minmax maps its min..max to 0..1 (test values clipped);"
                + " none needs values already in [0, 1].")
        @Default("minmax")
        Scaling scaling) implements DataFileSpec {

    public CsvFileSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(target, "target");
        if (path.isBlank()) {
            throw new FieldException("path", "path is empty", "name the CSV file, e.g. path: data/series.csv");
        }
        if (features.isEmpty()) {
            throw new FieldException("features", "no feature columns", "list at least one header name, e.g. features: [temp]");
        }
        if (features.size() != new java.util.HashSet<>(features).size()) {
            throw new FieldException("features", "a feature column is listed twice: " + features, "list each column once");
        }
        features = List.copyOf(features);
        if (delimiter != null && delimiter.length() != 1) {
            throw new FieldException("delimiter", "delimiter must be one character, got '" + delimiter + "'",
                    "e.g. delimiter: ';' (write a tab as \"\\t\")");
        }
        if (delimiter != null && (delimiter.equals("\"") || delimiter.equals("\n") || delimiter.equals("\r"))) {
            throw new FieldException("delimiter", "a quote or line break cannot separate fields", "use ',', ';' or \"\\t\"");
        }
        if (targetSite != null && site == null) {
            throw new FieldException("target_site", "'target_site' picks one site of the 'site' column, which is not set",
                    "add site: <column> or drop target_site");
        }
    }

    /** The delimiter in use: the given one, else by the file's extension. */
    public char delimiterChar() {
        if (delimiter != null) {
            return delimiter.charAt(0);
        }
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".tsv") || lower.endsWith(".tab") ? '\t' : ',';
    }

    @Override
    public DataFileSpec withPaths(UnaryOperator<String> resolve) {
        return new CsvFileSpec(resolve.apply(path), delimiter, features, target, time, site, targetSite, window, stride, horizon,
                bins, scaling);
    }

    public enum Scaling implements SpecEnum {
        MINMAX,
        NONE
    }
}
