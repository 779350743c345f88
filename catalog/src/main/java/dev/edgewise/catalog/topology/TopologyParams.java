package dev.edgewise.catalog.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The parameters a spec may give a topology. Each shape reads only the ones it needs; a
 * component is {@code null} when the spec does not give it, so "missing" is distinguishable from
 * zero and the error can name the parameter.
 *
 * @param edges explicit undirected edges as {@code {a, b}} pairs; copied, and copied again on
 *     access, so the record stays immutable
 */
public record TopologyParams(
        Integer nodes,
        Integer rows,
        Integer cols,
        Integer branching,
        Double radius,
        Double probability,
        Long seed,
        List<int[]> edges) {

    public TopologyParams {
        edges = edges == null ? null : copy(edges);
    }

    public static TopologyParams none() {
        return new TopologyParams(null, null, null, null, null, null, null, null);
    }

    public static TopologyParams ofNodes(int nodes) {
        return none().withNodes(nodes);
    }

    @Override
    public List<int[]> edges() {
        return edges == null ? null : copy(edges);
    }

    public TopologyParams withNodes(int value) {
        return new TopologyParams(value, rows, cols, branching, radius, probability, seed, edges);
    }

    public TopologyParams withGrid(int rowCount, int colCount) {
        return new TopologyParams(nodes, rowCount, colCount, branching, radius, probability, seed, edges);
    }

    public TopologyParams withBranching(int value) {
        return new TopologyParams(nodes, rows, cols, value, radius, probability, seed, edges);
    }

    public TopologyParams withRadius(double value) {
        return new TopologyParams(nodes, rows, cols, branching, value, probability, seed, edges);
    }

    public TopologyParams withProbability(double value) {
        return new TopologyParams(nodes, rows, cols, branching, radius, value, seed, edges);
    }

    public TopologyParams withSeed(long value) {
        return new TopologyParams(nodes, rows, cols, branching, radius, probability, value, edges);
    }

    public TopologyParams withEdges(List<int[]> value) {
        return new TopologyParams(nodes, rows, cols, branching, radius, probability, seed, value);
    }

    public int requireNodes() {
        return require(nodes, "nodes");
    }

    public int requireRows() {
        return require(rows, "rows");
    }

    public int requireCols() {
        return require(cols, "cols");
    }

    public int requireBranching() {
        return require(branching, "branching");
    }

    public double requireRadius() {
        return require(radius, "radius");
    }

    public double requireProbability() {
        return require(probability, "probability");
    }

    /** Seeded shapes have no default seed: a graph that silently changes is not reproducible. */
    public long requireSeed() {
        return require(seed, "seed");
    }

    public List<int[]> requireEdges() {
        return require(edges(), "edges");
    }

    private static <T> T require(T value, String name) {
        if (value == null) {
            throw new MissingParameterException(name);
        }
        return value;
    }

    private static List<int[]> copy(List<int[]> edges) {
        List<int[]> copy = new ArrayList<>(edges.size());
        for (int[] e : edges) {
            copy.add(e == null ? null : e.clone());
        }
        return Collections.unmodifiableList(copy);
    }
}
