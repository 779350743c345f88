package dev.edgewise.dsl.spec;

import java.util.List;

@Doc("How the trained network is evaluated.")
public record EvaluationSpec(
        @Doc("Network sizes to test on besides topology.nodes, each with the same kind of graph (metrics n<N>/test_*). Unset: topology.nodes only.")
        @Default("~") @Range(min = 1, max = 10_000)
        List<Integer> nodes) {

    public EvaluationSpec {
        nodes = nodes == null ? null : List.copyOf(nodes);
    }
}
