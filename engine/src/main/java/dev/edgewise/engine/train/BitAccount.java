package dev.edgewise.engine.train;

import java.util.Arrays;

/**
 * What one inference of the upward family puts on the air, exactly: every node that transmits
 * sends its values at their bits, once per hop of its route to the base station. A node that
 * failed sends nothing; a transmission lost on its link was still sent, so it counts.
 *
 * @param values values node n sends (its message, or its raw input when the base runs the sensor stack)
 * @param bitsPerValue bits of one value (q when quantized, exchange.bits when not, the data's raw bits for raw input)
 * @param hops hops node n's transmission takes (1 for the direct route)
 * @param rawValues values node n would send as raw input, at {@code rawBits} each: the reference for the saving
 * @param rawBits bits of one raw value
 */
public record BitAccount(long[] values, int bitsPerValue, int[] hops, long[] rawValues, int rawBits) {

    public BitAccount {
        values = values.clone();
        hops = hops.clone();
        rawValues = rawValues.clone();
        if (values.length != hops.length || values.length != rawValues.length) {
            throw new IllegalArgumentException("one entry per node in values, hops and raw values");
        }
    }

    /** Every node sends {@code values} values over {@code hops[n]} hops. */
    public static BitAccount uniform(int nodes, long values, int bitsPerValue, int[] hops, long rawValues, int rawBits) {
        long[] v = new long[nodes];
        long[] r = new long[nodes];
        Arrays.fill(v, values);
        Arrays.fill(r, rawValues);
        return new BitAccount(v, bitsPerValue, hops, r, rawBits);
    }

    public int nodes() {
        return values.length;
    }

    /** Bits on the air when the nodes with {@code transmits[n]} send. */
    public long bits(boolean[] transmits) {
        long bits = 0;
        for (int n = 0; n < values.length; n++) {
            if (transmits[n]) {
                bits += values[n] * bitsPerValue * hops[n];
            }
        }
        return bits;
    }

    /** Bits of one transmission of node {@code n}, over every hop of its route. */
    public long bitsOf(int n) {
        return values[n] * bitsPerValue * hops[n];
    }

    /** Bits when every node sends. */
    public long bits() {
        boolean[] all = new boolean[values.length];
        Arrays.fill(all, true);
        return bits(all);
    }

    /** Transmissions (one per hop) when the nodes with {@code transmits[n]} send. */
    public long messages(boolean[] transmits) {
        long messages = 0;
        for (int n = 0; n < values.length; n++) {
            messages += transmits[n] ? hops[n] : 0;
        }
        return messages;
    }

    /** Bits every node's raw input would take over the same routes. */
    public long rawBitsPerSample() {
        long bits = 0;
        for (int n = 0; n < values.length; n++) {
            bits += rawValues[n] * rawBits * hops[n];
        }
        return bits;
    }

    /** 1 - bits / raw bits: the fraction of the raw input's bits not sent (negative when sending more). */
    public double saving(double bits) {
        return 1.0 - bits / rawBitsPerSample();
    }

    /** One hop per node: every node reaches its receiver directly. */
    public static int[] oneHop(int nodes) {
        int[] hops = new int[nodes];
        Arrays.fill(hops, 1);
        return hops;
    }

    /** Hops from every node to node 0 by breadth-first search over {@code adjacency}; 0 for node 0 itself. */
    public static int[] hopsToNodeZero(boolean[][] adjacency) {
        int n = adjacency.length;
        int[] hops = new int[n];
        Arrays.fill(hops, -1);
        hops[0] = 0;
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        queue[tail++] = 0;
        while (head < tail) {
            int at = queue[head++];
            for (int next = 0; next < n; next++) {
                if ((adjacency[at][next] || adjacency[next][at]) && hops[next] < 0) {
                    hops[next] = hops[at] + 1;
                    queue[tail++] = next;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (hops[i] < 0) {
                throw new IllegalArgumentException("node " + i + " has no path to node 0 (the base station): route 'hops' needs a connected graph");
            }
        }
        return hops;
    }
}
