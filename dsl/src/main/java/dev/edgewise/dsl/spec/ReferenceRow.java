package dev.edgewise.dsl.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Published values of some metrics, for the runs whose spec has the given values at the given paths. */
@Doc("Published values for the runs whose spec has every 'where' value.")
public record ReferenceRow(
        @Doc("Spec paths and their values (e.g. {topology.nodes: 5, task.kind: max}) picking the runs this row is"
                + " about; runs that match are averaged. Empty: every run.")
        @Default("{}")
        Map<String, Object> where,
        @Doc("The published value of each metric, by its edgewise name (test_rmse, test_messages_per_sample, ...).")
        Map<String, Double> values,
        @Doc("What the published number means, or why ours may differ; shown beside the row.")
        @Default("''")
        String note) {

    public ReferenceRow {
        where = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(where, "where")));
        values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
        Objects.requireNonNull(note, "note");
        if (values.isEmpty()) {
            throw new FieldException("values", "values must name at least one metric", "e.g. values: {test_rmse: 0.2}");
        }
    }

    /** Whether a run with these flat spec params (see SpecParams) is one this row is about. */
    public boolean matches(Map<String, String> params) {
        for (Map.Entry<String, Object> condition : where.entrySet()) {
            String actual = params.get(condition.getKey());
            if (actual == null || !same(condition.getValue(), actual)) {
                return false;
            }
        }
        return true;
    }

    /** YAML values against flat params: numbers by value, names by their spelling in any case, '-' or '_'. */
    static boolean same(Object expected, String actual) {
        if (expected instanceof Number number) {
            try {
                return Double.parseDouble(actual) == number.doubleValue();
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (expected instanceof List<?> list) {
            return actual.replace(" ", "").equals(list.toString().replace(" ", ""));
        }
        return normal(String.valueOf(expected)).equals(normal(actual));
    }

    private static String normal(String name) {
        return name.toLowerCase(Locale.ROOT).replace('-', '_');
    }
}
