package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.EvaluationSpec;
import java.util.List;

/** {@code evaluation:} where and how the trained network is tested. */
public final class Evaluation extends Section<Evaluation> {

    Evaluation(SpecNode node) {
        super(node, EvaluationSpec.class);
    }

    /** Network sizes to test on besides topology.nodes, e.g. {@code nodes(6, 8, 12)}. */
    public Evaluation nodes(int... sizes) {
        return set("nodes", sizes);
    }

    public Evaluation nodes(List<Integer> sizes) {
        return set("nodes", sizes);
    }
}
