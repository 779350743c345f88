package dev.edgewise.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BitAccountTest {

    @Test
    void thePapersClaimIs256BitsInsteadOf6272() {
        // Four quadrant nodes, C = 64 values in all (16 each) at q = 4, one hop each; raw: 14 x 14 bytes per node.
        BitAccount account = BitAccount.uniform(4, 16, 4, new int[] {1, 1, 1, 1}, 14 * 14, 8);

        assertEquals(256, account.bits());
        assertEquals(6272, account.rawBitsPerSample());
        assertEquals(1 - 256.0 / 6272, account.saving(account.bits()), 1e-12);
        assertEquals(0.959, account.saving(account.bits()), 1e-3, "96 % fewer bits");
    }

    @Test
    void aFailedNodeSendsNothingAndEveryHopIsCounted() {
        BitAccount account = BitAccount.uniform(3, 10, 16, new int[] {0, 1, 2}, 784, 8);

        assertEquals(10 * 16 * 3, account.bits());
        assertEquals(10 * 16 * 2, account.bits(new boolean[] {true, false, true}));
        assertEquals(2, account.messages(new boolean[] {true, false, true}), "node 2's message is relayed once: two transmissions");
        assertEquals(784 * 8 * 3, account.rawBitsPerSample());
    }

    @Test
    void hopsAreShortestPathsToNodeZero() {
        // A line 0 - 1 - 2 - 3 plus a chord 0 - 3.
        boolean[][] graph = new boolean[4][4];
        int[][] edges = {{0, 1}, {1, 2}, {2, 3}, {0, 3}};
        for (int[] e : edges) {
            graph[e[0]][e[1]] = true;
            graph[e[1]][e[0]] = true;
        }
        assertArrayEquals(new int[] {0, 1, 2, 1}, BitAccount.hopsToNodeZero(graph));

        boolean[][] cut = new boolean[3][3];
        cut[0][1] = cut[1][0] = true;
        assertThrows(IllegalArgumentException.class, () -> BitAccount.hopsToNodeZero(cut));
    }
}
