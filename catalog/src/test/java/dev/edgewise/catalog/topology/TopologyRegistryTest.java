package dev.edgewise.catalog.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyRegistryTest {

    private final TopologyRegistry registry = new TopologyRegistry();

    @Test
    void builtInsAreRegistered() {
        assertEquals(List.of("complete", "edges", "erdos-renyi", "grid", "line", "random-geometric", "ring",
                "star", "tree"), List.copyOf(registry.names()));
    }

    @Test
    void createsBuiltInsFromParams() {
        assertEquals(Topologies.ring(5), registry.create("ring", TopologyParams.ofNodes(5)));
        assertEquals(Topologies.grid(2, 3), registry.create("grid", TopologyParams.none().withGrid(2, 3)));
        assertEquals(Topologies.tree(7, 2), registry.create("tree", TopologyParams.ofNodes(7).withBranching(2)));
        assertEquals(Topologies.randomGeometric(20, 0.3, 5),
                registry.create("random-geometric", TopologyParams.ofNodes(20).withRadius(0.3).withSeed(5)));
        assertEquals(Topologies.erdosRenyi(20, 0.3, 5),
                registry.create("erdos-renyi", TopologyParams.ofNodes(20).withProbability(0.3).withSeed(5)));
        assertEquals(1, registry.create("edges",
                TopologyParams.ofNodes(3).withEdges(List.of(new int[] {0, 2}))).edgeCount());
    }

    @Test
    void errorsNameTheTopologyAndParameter() {
        assertEquals("topology 'erdos-renyi': missing parameter 'seed'", assertThrows(IllegalArgumentException.class,
                () -> registry.create("erdos-renyi", TopologyParams.ofNodes(5).withProbability(0.1))).getMessage());
        assertEquals("topology 'ring': nodes must be at least 2, got 1", assertThrows(IllegalArgumentException.class,
                () -> registry.create("ring", TopologyParams.ofNodes(1))).getMessage());
        assertEquals("topology 'grid': nodes (7) must equal rows x cols (2 x 3 = 6)",
                assertThrows(IllegalArgumentException.class,
                        () -> registry.create("grid", TopologyParams.ofNodes(7).withGrid(2, 3))).getMessage());
    }

    @Test
    void unknownNameListsKnownAndNearest() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> registry.create("rnig", TopologyParams.ofNodes(4))).getMessage();
        assertTrue(message.startsWith("unknown topology 'rnig' (did you mean 'ring'?); known topologies: complete, edges,"),
                message);
        String far = assertThrows(IllegalArgumentException.class,
                () -> registry.create("hypercube", TopologyParams.ofNodes(4))).getMessage();
        assertTrue(far.startsWith("unknown topology 'hypercube'; known topologies: "), far);
    }

    @Test
    void customTopologiesCanBeRegistered() {
        registry.register("barbell", p -> {
            int half = p.requireNodes() / 2;
            Graph left = Topologies.complete(half);
            var edges = new java.util.ArrayList<int[]>();
            for (int[] e : left.directedEdges()) {
                if (e[0] < e[1]) {
                    edges.add(e);
                    edges.add(new int[] {e[0] + half, e[1] + half});
                }
            }
            edges.add(new int[] {half - 1, half});
            return Topologies.edges(2 * half, edges);
        });
        Graph g = registry.create("barbell", TopologyParams.ofNodes(6));
        assertEquals(7, g.edgeCount());
        assertTrue(g.connected());
        assertTrue(registry.names().contains("barbell"));
        assertThrows(IllegalArgumentException.class, () -> registry.register("ring", p -> Topologies.ring(3)));
        assertThrows(IllegalArgumentException.class, () -> registry.register("Bad Name", p -> Topologies.ring(3)));
    }

    @Test
    void paramsAreImmutable() {
        int[] edge = {0, 1};
        var params = TopologyParams.ofNodes(2).withEdges(new java.util.ArrayList<>(List.of(edge)));
        edge[1] = 0;
        params.edges().get(0)[0] = 1;
        assertEquals(1, registry.create("edges", params).edgeCount());
    }
}
