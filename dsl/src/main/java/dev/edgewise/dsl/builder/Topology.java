package dev.edgewise.dsl.builder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A graph shape by its catalog name with the parameters that shape reads, as an immutable value:
 * {@code Topology.ring()}, {@code Topology.grid(2, 4)}, {@code Topology.named("my-shape")}. The
 * number of nodes is the experiment's ({@link Experiment#nodes(int)}), so one shape can be swept
 * over sizes.
 */
public final class Topology {

    private final String graph;
    private final Map<String, Object> parameters;

    private Topology(String graph, Map<String, Object> parameters) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.parameters = Collections.unmodifiableMap(parameters);
    }

    /** Any graph in the catalog, including ones registered by scripts or plug-ins. */
    public static Topology named(String graph) {
        return new Topology(graph, new LinkedHashMap<>());
    }

    public static Topology ring() {
        return named("ring");
    }

    public static Topology line() {
        return named("line");
    }

    public static Topology star() {
        return named("star");
    }

    public static Topology complete() {
        return named("complete");
    }

    /** A rows x cols grid; the experiment's nodes must equal rows x cols. */
    public static Topology grid(int rows, int cols) {
        return named("grid").with("rows", rows).with("cols", cols);
    }

    public static Topology tree(int branching) {
        return named("tree").with("branching", branching);
    }

    /** Nodes uniform in the unit square, linked within {@code radius}; seeded by the experiment. */
    public static Topology randomGeometric(double radius) {
        return named("random-geometric").with("radius", radius);
    }

    /** Each pair linked with {@code probability}; seeded by the experiment. */
    public static Topology erdosRenyi(double probability) {
        return named("erdos-renyi").with("probability", probability);
    }

    /** Explicit undirected edges as {a, b} node index pairs: {@code edges(new int[] {0, 1}, new int[] {1, 2})}. */
    public static Topology edges(int[]... pairs) {
        List<List<Integer>> edges = new ArrayList<>(pairs.length);
        for (int[] pair : pairs) {
            List<Integer> edge = new ArrayList<>(pair.length);
            for (int node : pair) {
                edge.add(node);
            }
            edges.add(edge);
        }
        return edges(edges);
    }

    public static Topology edges(List<List<Integer>> edges) {
        return named("edges").with("edges", edges);
    }

    public Topology rows(int rows) {
        return with("rows", rows);
    }

    public Topology cols(int cols) {
        return with("cols", cols);
    }

    public Topology branching(int branching) {
        return with("branching", branching);
    }

    public Topology radius(double radius) {
        return with("radius", radius);
    }

    public Topology probability(double probability) {
        return with("probability", probability);
    }

    /** A copy with one more parameter, by its YAML key under {@code topology:}. */
    public Topology with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(parameters);
        copy.put(Objects.requireNonNull(key, "key"), value);
        return new Topology(graph, copy);
    }

    public String graph() {
        return graph;
    }

    /** Parameters by YAML key, in the order given. */
    public Map<String, Object> parameters() {
        return parameters;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Topology t && t.graph.equals(graph) && t.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(graph, parameters);
    }

    @Override
    public String toString() {
        return parameters.isEmpty() ? graph : graph + parameters;
    }
}
