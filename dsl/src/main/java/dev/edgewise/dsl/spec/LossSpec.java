package dev.edgewise.dsl.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

@Doc("Loss = sum over named terms of weight x term. Each key of 'terms' names a loss term the model family implements.")
public record LossSpec(
        @Doc("The terms, by name: task (the task's own loss, e.g. MSE of every node's output or cross-entropy) and, for"
                + " families that gate their messages, communication. Each term has a weight and its own settings.")
        @Default("{task: {weight: 1.0}}")
        Map<String, LossTermSpec> terms) {

    public LossSpec {
        // Sorted, so the canonical spec (and its hash) does not depend on the order terms were written in.
        terms = Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(terms)));
    }

    /** The weight of {@code term}, 0 when the spec does not name it. */
    public double weight(String term) {
        LossTermSpec spec = terms.get(term);
        return spec == null ? 0.0 : spec.weight();
    }

    /** The settings of {@code term} as {@code type}, or null when the spec does not name it. */
    public <T extends LossTermSpec> T term(String name, Class<T> type) {
        LossTermSpec spec = terms.get(name);
        return type.isInstance(spec) ? type.cast(spec) : null;
    }
}
