package dev.edgewise.catalog.topology;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The standard network shapes. Node ids are dense, {@code 0..n-1}; where a shape has a natural
 * numbering it is stated, because experiments refer to nodes by id (a hub, a root, a sink).
 *
 * <p>Seeded generators draw from {@code new java.util.SplittableRandom(seed)} (SplitMix64; its
 * algorithm has not changed since JDK 8) in an order stated on each method, and compare distances
 * with plain IEEE arithmetic, which Java evaluates strictly since JDK 17. The same seed therefore
 * gives the same graph on every run and JVM; a test pins one such graph to catch any change.
 */
public final class Topologies {

    private Topologies() {}

    /**
     * Node {@code i} is joined to {@code i+1 mod n}. For {@code n = 2} the ring is a single edge:
     * the two ring links between the same pair would be a duplicate edge in a simple graph.
     */
    public static Graph ring(int n) {
        requireAtLeast("nodes", n, 2);
        GraphBuilder g = new GraphBuilder(n);
        for (int i = 0; i < n - 1; i++) {
            g.edge(i, i + 1);
        }
        if (n > 2) {
            g.edge(n - 1, 0);
        }
        return g.build();
    }

    /** A path {@code 0 - 1 - ... - n-1}; one node alone is allowed. */
    public static Graph line(int n) {
        requireAtLeast("nodes", n, 1);
        GraphBuilder g = new GraphBuilder(n);
        for (int i = 0; i < n - 1; i++) {
            g.edge(i, i + 1);
        }
        return g.build();
    }

    /** Node 0 is the hub, joined to every other node; the others are not joined to each other. */
    public static Graph star(int n) {
        requireAtLeast("nodes", n, 1);
        GraphBuilder g = new GraphBuilder(n);
        for (int i = 1; i < n; i++) {
            g.edge(0, i);
        }
        return g.build();
    }

    public static Graph complete(int n) {
        requireAtLeast("nodes", n, 1);
        GraphBuilder g = new GraphBuilder(n);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                g.edge(i, j);
            }
        }
        return g.build();
    }

    /** A 4-neighbour grid; the node in row {@code r}, column {@code c} is {@code r * cols + c}. */
    public static Graph grid(int rows, int cols) {
        requireAtLeast("rows", rows, 1);
        requireAtLeast("cols", cols, 1);
        int n = Math.multiplyExact(rows, cols);
        GraphBuilder g = new GraphBuilder(n);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int id = r * cols + c;
                if (c + 1 < cols) {
                    g.edge(id, id + 1);
                }
                if (r + 1 < rows) {
                    g.edge(id, id + cols);
                }
            }
        }
        return g.build();
    }

    /**
     * A rooted tree in breadth-first numbering: node 0 is the root and the children of {@code i}
     * are {@code b*i+1 .. b*i+b} (those below {@code n}), so the parent of {@code i > 0} is
     * {@code (i-1)/b}. With {@code b = 1} this is a line.
     */
    public static Graph tree(int n, int branching) {
        requireAtLeast("nodes", n, 1);
        requireAtLeast("branching", branching, 1);
        GraphBuilder g = new GraphBuilder(n);
        for (int i = 1; i < n; i++) {
            g.edge((i - 1) / branching, i);
        }
        return g.build();
    }

    /**
     * Points uniform in the unit square; two nodes are joined when their Euclidean distance is at
     * most {@code radius} (the usual radio-range model). Draw order: node 0's x, node 0's y, node
     * 1's x, ... each from {@code nextDouble()}. The result may be disconnected; check {@link
     * Graph#connected()} if the experiment needs it.
     */
    public static Graph randomGeometric(int n, double radius, long seed) {
        requireAtLeast("nodes", n, 1);
        if (!(radius >= 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("radius must be a finite number >= 0, got " + radius);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble();
            y[i] = random.nextDouble();
        }
        // Squared distances avoid a sqrt per pair; both sides are exact IEEE products.
        double limit = radius * radius;
        GraphBuilder g = new GraphBuilder(n);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = x[i] - x[j];
                double dy = y[i] - y[j];
                if (dx * dx + dy * dy <= limit) {
                    g.edge(i, j);
                }
            }
        }
        return g.build();
    }

    /**
     * Each of the {@code n(n-1)/2} possible edges is present independently with probability
     * {@code p}. Draw order: pairs {@code (i, j)}, {@code i < j}, by {@code i} then {@code j}, one
     * {@code nextDouble()} each; the edge is present when the draw is below {@code p}.
     */
    public static Graph erdosRenyi(int n, double p, long seed) {
        requireAtLeast("nodes", n, 1);
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
        }
        SplittableRandom random = new SplittableRandom(seed);
        GraphBuilder g = new GraphBuilder(n);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (random.nextDouble() < p) {
                    g.edge(i, j);
                }
            }
        }
        return g.build();
    }

    /**
     * An explicit undirected edge list, each edge a pair {@code {a, b}}. The order and direction
     * in which edges are given do not matter; errors name the offending edge by its position.
     */
    public static Graph edges(int n, List<int[]> edges) {
        requireAtLeast("nodes", n, 1);
        if (edges == null) {
            throw new IllegalArgumentException("the edge list is missing");
        }
        Map<Long, Integer> firstSeen = new HashMap<>();
        GraphBuilder g = new GraphBuilder(n);
        for (int k = 0; k < edges.size(); k++) {
            int[] e = edges.get(k);
            if (e == null || e.length != 2) {
                throw new IllegalArgumentException("edge #" + k + " must be a pair of node ids, got "
                        + (e == null ? "null" : Arrays.toString(e)));
            }
            int a = e[0];
            int b = e[1];
            String edge = "edge #" + k + " (" + a + ", " + b + ")";
            if (a < 0 || a >= n || b < 0 || b >= n) {
                throw new IllegalArgumentException(edge + " refers to a node outside 0.." + (n - 1));
            }
            if (a == b) {
                throw new IllegalArgumentException(edge + " is a self loop");
            }
            long key = (long) Math.min(a, b) * n + Math.max(a, b);
            Integer earlier = firstSeen.putIfAbsent(key, k);
            if (earlier != null) {
                int[] first = edges.get(earlier);
                throw new IllegalArgumentException(edge + " duplicates edge #" + earlier
                        + " (" + first[0] + ", " + first[1] + "): edges are undirected");
            }
            g.edge(a, b);
        }
        return g.build();
    }

    private static void requireAtLeast(String parameter, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(parameter + " must be at least " + minimum + ", got " + value);
        }
    }
}
