package dev.edgewise.catalog.data;

import java.util.List;

/**
 * A real multivariate time series in time order, as a registry ships it: no windows, splits or
 * scaling yet (those are the task's choices and belong to the experiment).
 *
 * @param name the dataset name a spec uses
 * @param source where the values came from, for provenance (package, version, file inside it)
 * @param fingerprint {@code sha256:} of the values as cached, so a changed cache is a new dataset
 * @param unit what one value measures, e.g. {@code MW}
 * @param stepSeconds the time between two consecutive values
 * @param columns one name per column
 * @param values {@code values[column][t]}, every column of the same length
 */
public record NumericSeries(String name, String source, String fingerprint, String unit, double stepSeconds, List<String> columns,
        double[][] values) {

    public NumericSeries {
        columns = List.copyOf(columns);
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " columns of values for " + columns.size() + " names");
        }
        for (double[] column : values) {
            if (column.length != values[0].length) {
                throw new IllegalArgumentException("columns of different lengths: " + column.length + " and " + values[0].length);
            }
        }
    }

    /** The number of time steps. */
    public int length() {
        return values.length == 0 ? 0 : values[0].length;
    }

    /** One column by name. */
    public double[] column(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + column + "' in " + name + " (columns: " + String.join(", ", columns) + ")");
        }
        return values[i].clone();
    }
}
