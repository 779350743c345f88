package dev.edgewise.dsl.spec;

import java.util.List;
import java.util.Objects;

/** Published numbers an experiment reproduces, so every run can show them beside its own. */
@Doc("The published numbers this experiment reproduces. A run (or a sweep's parent run) prints them beside its own"
        + " and logs the comparison as comparison.md and comparison.csv.")
public record ReferenceSpec(
        @Doc("Where the numbers come from, e.g. 'Abudu & Markham, Table 2'.")
        String source,
        @Doc("One row per published cell group: which runs it is about and the published value of each metric.")
        List<ReferenceRow> rows) {

    public ReferenceSpec {
        Objects.requireNonNull(source, "source");
        rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
        if (rows.isEmpty()) {
            throw new FieldException("rows", "rows must hold at least one row", "e.g. rows: [{values: {test_rmse: 0.2}}]");
        }
    }
}
