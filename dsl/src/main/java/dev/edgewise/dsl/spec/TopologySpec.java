package dev.edgewise.dsl.spec;

import java.util.List;
import java.util.Objects;

@Doc("The nodes and the graph that links them. Seeded graphs are reproducible.")
public record TopologySpec(
        @Doc("Number of nodes N.") @Range(min = 1, max = 10_000)
        int nodes,
        @Doc("Graph name in the catalog: ring, line, star, complete, grid, tree, random-geometric, erdos-renyi or edges.")
        @Default("ring")
        String graph,
        @Doc("Rows of a grid graph (rows x cols must equal nodes).") @Default("~") @Range(min = 1)
        Integer rows,
        @Doc("Columns of a grid graph.") @Default("~") @Range(min = 1)
        Integer cols,
        @Doc("Children per node of a tree graph.") @Default("~") @Range(min = 1)
        Integer branching,
        @Doc("Connection radius of a random-geometric graph (nodes uniform in the unit square).") @Default("~") @Range(min = 0)
        Double radius,
        @Doc("Edge probability of an erdos-renyi graph.") @Default("~") @Range(min = 0, max = 1)
        Double probability,
        @Doc("Explicit undirected edges as [a, b] node index pairs (graph: edges).") @Default("~")
        List<List<Integer>> edges) {

    public TopologySpec {
        Objects.requireNonNull(graph, "graph");
        edges = edges == null ? null : edges.stream().map(List::copyOf).toList();
        if (edges != null) {
            for (List<Integer> edge : edges) {
                if (edge.size() != 2) {
                    throw new FieldException("edges", "each edge must be a pair [a, b], got " + edge, "write edges as [[0, 1], [1, 2]]");
                }
                for (int node : edge) {
                    if (node < 0 || node >= nodes) {
                        throw new FieldException("edges",
                                "edge " + edge + " names node " + node + " but nodes are numbered 0.." + (nodes - 1),
                                "number nodes from 0 to " + (nodes - 1) + ", or set nodes: " + (node + 1));
                    }
                }
            }
        }
        if (rows != null && cols != null && rows * cols != nodes) {
            throw new FieldException("nodes",
                    "a " + rows + "x" + cols + " grid has " + rows * cols + " nodes, but nodes is " + nodes,
                    "set nodes: " + rows * cols + ", or rows and cols whose product is " + nodes);
        }
    }
}
