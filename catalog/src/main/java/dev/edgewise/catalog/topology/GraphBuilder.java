package dev.edgewise.catalog.topology;

import java.util.Arrays;

/**
 * Collects undirected edges into per-node lists, then sorts them into a {@link Graph}. Growable
 * int lists rather than an adjacency matrix, so large sparse graphs (thousands of sensor nodes)
 * cost memory in proportion to their edges. Callers add each edge once.
 */
final class GraphBuilder {

    private final int nodes;
    private final int[][] lists;
    private final int[] sizes;

    GraphBuilder(int nodes) {
        this.nodes = nodes;
        this.lists = new int[nodes][];
        this.sizes = new int[nodes];
        Arrays.setAll(lists, i -> new int[4]);
    }

    GraphBuilder edge(int a, int b) {
        append(a, b);
        append(b, a);
        return this;
    }

    Graph build() {
        int[][] neighbours = new int[nodes][];
        for (int i = 0; i < nodes; i++) {
            neighbours[i] = Arrays.copyOf(lists[i], sizes[i]);
            Arrays.sort(neighbours[i]);
        }
        return new Graph(nodes, neighbours);
    }

    private void append(int from, int to) {
        if (sizes[from] == lists[from].length) {
            lists[from] = Arrays.copyOf(lists[from], 2 * lists[from].length);
        }
        lists[from][sizes[from]++] = to;
    }
}
