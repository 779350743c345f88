package dev.edgewise.engine.model;

/**
 * Who each node hears, as a padded edge list: node {@code n}'s in-neighbours, ascending, in slots
 * {@code n * slots .. n * slots + slots - 1}, padded to the largest in-degree with {@code n}
 * itself (a padding slot's link is always down, so it carries nothing). The exchange gathers one
 * message per slot: memory and time grow with {@code N * slots}, about the number of directed
 * links, not with {@code N * N}.
 *
 * @param nodes N
 * @param slots the largest in-degree, at least 1
 * @param senders {@code senders[n * slots + d]}: the node heard in slot d of node n
 * @param real whether slot {@code n * slots + d} is a link (false for padding)
 */
public record Neighbourhood(int nodes, int slots, int[] senders, boolean[] real) {

    /** From {@code hears[n][j]}: true when node n hears node j. */
    public static Neighbourhood of(boolean[][] hears) {
        int nodes = hears.length;
        int slots = 1;
        for (boolean[] row : hears) {
            int degree = 0;
            for (boolean h : row) {
                degree += h ? 1 : 0;
            }
            slots = Math.max(slots, degree);
        }
        int[] senders = new int[Math.multiplyExact(nodes, slots)];
        boolean[] real = new boolean[senders.length];
        for (int n = 0; n < nodes; n++) {
            int d = 0;
            for (int j = 0; j < nodes; j++) {
                if (hears[n][j]) {
                    senders[n * slots + d] = j;
                    real[n * slots + d] = true;
                    d++;
                }
            }
            for (; d < slots; d++) {
                senders[n * slots + d] = n;
            }
        }
        return new Neighbourhood(nodes, slots, senders, real);
    }

    /** Every link up in every round: {@code (rounds, N, slots)}, 1 on each link, 0 on padding. */
    public float[] allUp(int rounds) {
        float[] mask = new float[Math.multiplyExact(rounds, real.length)];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < real.length; k++) {
                mask[r * real.length + k] = real[k] ? 1f : 0f;
            }
        }
        return mask;
    }

    /**
     * The per-link values of a dense mask {@code (samples, rounds, N, N)} ({@code [.., n, j]} = 1 when
     * n hears j), as {@code (samples, rounds, N, slots)}: the same draws, read at the links only.
     */
    public float[] fromDense(float[] dense, int samples, int rounds) {
        float[] mask = new float[Math.multiplyExact(Math.multiplyExact(samples, rounds), real.length)];
        for (int sr = 0; sr < samples * rounds; sr++) {
            for (int n = 0; n < nodes; n++) {
                for (int d = 0; d < slots; d++) {
                    int k = n * slots + d;
                    mask[sr * real.length + k] = real[k] ? dense[(sr * nodes + n) * nodes + senders[k]] : 0f;
                }
            }
        }
        return mask;
    }
}
