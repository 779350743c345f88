package dev.edgewise.catalog.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An undirected simple graph over nodes {@code 0..nodes-1}: who may talk to whom. Each node's
 * neighbour list is sorted ascending, so iteration order (and everything derived from it, such
 * as message order in a round) is the same on every run.
 *
 * <p>The record copies the arrays it is given and hands out copies, so a graph cannot change
 * after validation.
 *
 * @param nodes number of nodes, at least 1
 * @param neighbours {@code neighbours[i]} lists the nodes adjacent to {@code i}, strictly
 *     ascending, without {@code i} itself; {@code j} is in {@code neighbours[i]} exactly when
 *     {@code i} is in {@code neighbours[j]}
 */
public record Graph(int nodes, int[][] neighbours) {

    public Graph {
        if (nodes < 1) {
            throw new IllegalArgumentException("a graph needs at least 1 node, got " + nodes);
        }
        if (neighbours == null || neighbours.length != nodes) {
            throw new IllegalArgumentException("expected " + nodes + " neighbour lists, got "
                    + (neighbours == null ? "null" : neighbours.length));
        }
        neighbours = deepCopy(neighbours);
        for (int i = 0; i < nodes; i++) {
            int[] list = neighbours[i];
            if (list == null) {
                throw new IllegalArgumentException("neighbour list of node " + i + " is null");
            }
            for (int k = 0; k < list.length; k++) {
                int j = list[k];
                if (j < 0 || j >= nodes) {
                    throw new IllegalArgumentException("node " + i + " lists neighbour " + j
                            + ", outside 0.." + (nodes - 1));
                }
                if (j == i) {
                    throw new IllegalArgumentException("node " + i + " lists itself: self loops are not allowed");
                }
                if (k > 0 && list[k - 1] >= j) {
                    throw new IllegalArgumentException("neighbour list of node " + i
                            + " is not strictly ascending: " + Arrays.toString(list));
                }
            }
        }
        for (int i = 0; i < nodes; i++) {
            for (int j : neighbours[i]) {
                if (Arrays.binarySearch(neighbours[j], i) < 0) {
                    throw new IllegalArgumentException("node " + i + " lists " + j + " but node " + j
                            + " does not list " + i + ": edges are undirected");
                }
            }
        }
    }

    @Override
    public int[][] neighbours() {
        return deepCopy(neighbours);
    }

    /** The sorted neighbours of one node (a copy). */
    public int[] neighbours(int node) {
        return neighbours[checkNode(node)].clone();
    }

    public int degree(int node) {
        return neighbours[checkNode(node)].length;
    }

    /** Number of undirected edges; each edge appears in two neighbour lists. */
    public int edgeCount() {
        long ends = 0;
        for (int[] list : neighbours) {
            ends += list.length;
        }
        return (int) (ends / 2);
    }

    /** Whether every node can reach every other; a single node is connected. */
    public boolean connected() {
        boolean[] seen = new boolean[nodes];
        int[] queue = new int[nodes];
        int head = 0;
        int tail = 0;
        queue[tail++] = 0;
        seen[0] = true;
        while (head < tail) {
            for (int j : neighbours[queue[head++]]) {
                if (!seen[j]) {
                    seen[j] = true;
                    queue[tail++] = j;
                }
            }
        }
        return tail == nodes;
    }

    /**
     * Every edge in both directions as {@code {from, to}}, ordered by {@code from} then {@code to}:
     * the form message passing wants, where each direction is a separate link that can fail.
     */
    public List<int[]> directedEdges() {
        List<int[]> edges = new ArrayList<>(2 * edgeCount());
        for (int i = 0; i < nodes; i++) {
            for (int j : neighbours[i]) {
                edges.add(new int[] {i, j});
            }
        }
        return edges;
    }

    public boolean[][] adjacency() {
        boolean[][] matrix = new boolean[nodes][nodes];
        for (int i = 0; i < nodes; i++) {
            for (int j : neighbours[i]) {
                matrix[i][j] = true;
            }
        }
        return matrix;
    }

    // Records compare arrays by identity; a graph is a value, so compare contents.
    @Override
    public boolean equals(Object other) {
        return other instanceof Graph g && g.nodes == nodes && Arrays.deepEquals(g.neighbours, neighbours);
    }

    @Override
    public int hashCode() {
        return 31 * nodes + Arrays.deepHashCode(neighbours);
    }

    @Override
    public String toString() {
        return "Graph[nodes=" + nodes + ", edges=" + edgeCount() + "]";
    }

    private int checkNode(int node) {
        if (node < 0 || node >= nodes) {
            throw new IndexOutOfBoundsException("node " + node + " outside 0.." + (nodes - 1));
        }
        return node;
    }

    private static int[][] deepCopy(int[][] lists) {
        int[][] copy = new int[lists.length][];
        for (int i = 0; i < lists.length; i++) {
            copy[i] = lists[i] == null ? null : lists[i].clone();
        }
        return copy;
    }
}
