package dev.edgewise.engine.ci;

import dev.edgewise.dsl.spec.Default;
import dev.edgewise.dsl.spec.Doc;
import dev.edgewise.dsl.spec.Range;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code ci/suite.yaml}: what holds for the whole suite. */
@Doc("Settings of the CI suite.")
public record SuiteSettings(
        @Doc("Experiment files (relative to the repository root) deliberately left out of the suite, each with the reason.")
        @Default("{}")
        Map<String, String> notCovered,
        @Doc("How long the whole suite should take on CI; a slower run says so (it is a budget, not a failure).")
        @Default("900") @Range(min = 1)
        int timeBudgetSeconds) {

    public SuiteSettings {
        notCovered = Collections.unmodifiableMap(new LinkedHashMap<>(notCovered));
    }
}
