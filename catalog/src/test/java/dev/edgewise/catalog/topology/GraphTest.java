package dev.edgewise.catalog.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GraphTest {

    @Test
    void rejectsAsymmetricLists() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Graph(3, new int[][] {{1}, {}, {}}));
        assertEquals("node 0 lists 1 but node 1 does not list 0: edges are undirected", e.getMessage());
    }

    @Test
    void rejectsSelfLoopsRangeUnsortedAndWrongLength() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Graph(2, new int[][] {{0}, {}})).getMessage().contains("self loops"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Graph(2, new int[][] {{2}, {}})).getMessage().contains("outside 0..1"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Graph(3, new int[][] {{2, 1}, {0}, {0}})).getMessage().contains("strictly ascending"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Graph(3, new int[][] {{1, 1}, {0}, {}})).getMessage().contains("strictly ascending"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Graph(3, new int[][] {{}, {}})).getMessage().contains("expected 3 neighbour lists"));
        assertThrows(IllegalArgumentException.class, () -> new Graph(0, new int[0][]));
        assertThrows(IllegalArgumentException.class, () -> new Graph(1, new int[][] {null}));
    }

    @Test
    void isImmutable() {
        int[][] lists = {{1}, {0}};
        Graph g = new Graph(2, lists);
        lists[0] = new int[0];
        g.neighbours()[1] = new int[0];
        g.neighbours(0)[0] = 7;
        assertEquals(new Graph(2, new int[][] {{1}, {0}}), g);
        assertEquals(1, g.edgeCount());
    }

    @Test
    void derivedViews() {
        Graph g = Topologies.line(3);
        assertTrue(g.connected());
        assertEquals(List.of("0->1", "1->0", "1->2", "2->1"),
                g.directedEdges().stream().map(e -> e[0] + "->" + e[1]).toList());
        boolean[][] a = g.adjacency();
        assertTrue(a[0][1] && a[1][0] && a[1][2] && a[2][1]);
        assertFalse(a[0][2] || a[0][0]);
        assertArrayEquals(new int[] {0, 2}, g.neighbours(1));
        assertEquals(2, g.degree(1));
        assertThrows(IndexOutOfBoundsException.class, () -> g.degree(3));
    }

    @Test
    void connectivity() {
        assertTrue(new Graph(1, new int[][] {{}}).connected());
        assertFalse(new Graph(2, new int[][] {{}, {}}).connected());
        assertFalse(Topologies.edges(4, List.of(new int[] {0, 1}, new int[] {2, 3})).connected());
    }
}
