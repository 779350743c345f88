package dev.edgewise.dsl.sweep;

import dev.edgewise.dsl.spec.Default;
import dev.edgewise.dsl.spec.Doc;
import java.util.Objects;

/** One chart of a sweep's results: y against x over the points, one line per value of series. */
@Doc("A chart the sweep's parent run draws from its points (plots/<name>.png): y against x, one line per value of"
        + " 'series'. x and series are swept paths or metrics; y is a metric.")
public record SweepPlot(
        @Doc("File name of the chart, without .png.") String name,
        @Doc("Horizontal axis: a swept path (e.g. exchange.message_size) or a metric (e.g. test_messages_per_sample).")
        String x,
        @Doc("Vertical axis: a metric, e.g. test_accuracy.") String y,
        @Doc("A swept path or metric whose every value gets a line of its own. Absent: one line.")
        @Default("~")
        String series,
        @Doc("Logarithmic horizontal axis.") @Default("false")
        boolean logX) {

    public SweepPlot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new dev.edgewise.dsl.spec.FieldException("name", "name '" + name + "' must be a plain file name: letters, digits, '.', '_' and '-'",
                    "e.g. name: " + plain(name));
        }
    }

    /** A valid file name close to {@code name}, for the hint. */
    private static String plain(String name) {
        String plain = name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[^A-Za-z0-9]+", "").replaceAll("-+$", "");
        return plain.isEmpty() ? "plot" : plain.substring(0, Math.min(plain.length(), 100));
    }
}
