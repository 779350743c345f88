package dev.edgewise.engine.ci;

import dev.edgewise.dsl.spec.Default;
import dev.edgewise.dsl.spec.Doc;
import dev.edgewise.dsl.spec.Range;
import dev.edgewise.dsl.spec.SpecEnum;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One file of the CI suite ({@code ci/<name>.yaml}): which experiment to re-run, at which reduced
 * budget, and which of its metrics must stay within which tolerance of the reference in
 * {@code results/<name>.json}. Read with the same strict binder as experiments.
 */
@Doc("A regression reproduction: an experiment, overrides that shrink its budget, and the metrics CI guards.")
public record CiEntry(
        @Doc("The experiment file, relative to the repository root (the folder that holds ci/).")
        String experiment,
        @Doc("What this entry guards, for people reading the report.") @Default("''")
        String description,
        @Doc("Spec paths and values applied to the experiment, typed as in the file: the reduced budget.") @Default("{}")
        Map<String, Object> overrides,
        @Doc("The metrics to check, each with its tolerance.")
        Map<String, Tolerance> metrics) {

    public CiEntry {
        Objects.requireNonNull(experiment, "experiment");
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("an entry needs at least one metric to check");
        }
    }

    /**
     * How far a metric may move from its reference: {@code abs + rel * |reference|} (as numpy's
     * isclose), in the direction that makes it worse; a move in the better direction is reported
     * but passes.
     */
    @Doc("How far a metric may move from its reference: abs + rel * |reference|.")
    public record Tolerance(
            @Doc("Absolute tolerance.") @Default("0") @Range(min = 0) double abs,
            @Doc("Tolerance relative to the reference value.") @Default("0") @Range(min = 0) double rel,
            @Doc("lower: only an increase beyond the tolerance fails; higher: only a decrease; either: both.") @Default("either")
            Better better) {

        public double allowed(double reference) {
            return abs + rel * Math.abs(reference);
        }

        @Override
        public String toString() {
            String amount = rel == 0 ? fmt(abs) : abs == 0 ? fmt(100 * rel) + "%" : fmt(abs) + " + " + fmt(100 * rel) + "%";
            return switch (better) {
                case LOWER -> "+" + amount;
                case HIGHER -> "-" + amount;
                case EITHER -> "±" + amount;
            };
        }

        private static String fmt(double x) {
            return x == Math.rint(x) && Math.abs(x) < 1e9 ? Long.toString((long) x) : Double.toString(x);
        }
    }

    public enum Better implements SpecEnum {
        LOWER,
        HIGHER,
        EITHER
    }
}
