package dev.edgewise.engine.train;

import java.util.SplittableRandom;

/**
 * Draws who can hear whom in each round. {@code links[b, r, n, j]} is 1 when node n hears node j
 * in round r of sample b: j is n's neighbour, the directed link j->n is up, and j has not failed.
 * {@code alive[b, n]} is 0 for a node silent for the whole sample.
 */
public final class LinkSampler {

    private final boolean[][] adjacency;
    private final int rounds;
    private final double linkFailure;
    private final double nodeFailure;

    public LinkSampler(boolean[][] adjacency, int rounds, double linkFailure, double nodeFailure) {
        this.adjacency = adjacency;
        this.rounds = rounds;
        this.linkFailure = linkFailure;
        this.nodeFailure = nodeFailure;
    }

    public int nodes() {
        return adjacency.length;
    }

    /** True when nothing ever fails: one mask serves every sample, so it is drawn once and broadcast. */
    public boolean reliable() {
        return linkFailure == 0 && nodeFailure == 0;
    }

    /** Masks for {@code batch} samples, or for one broadcast sample when {@link #reliable()}. */
    public Masks draw(int batch, SplittableRandom random) {
        int samples = reliable() ? 1 : batch;
        int n = adjacency.length;
        float[] alive = new float[samples * n];
        float[] links = new float[samples * rounds * n * n];
        for (int b = 0; b < samples; b++) {
            for (int j = 0; j < n; j++) {
                alive[b * n + j] = nodeFailure > 0 && random.nextDouble() < nodeFailure ? 0f : 1f;
            }
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        // Draw for every pair, neighbour or not, so the stream's position never
                        // depends on the graph: the same seed fails the same (sample, round, link).
                        boolean up = linkFailure == 0 || random.nextDouble() >= linkFailure;
                        boolean hears = adjacency[i][j] && up && alive[b * n + j] == 1f;
                        links[((b * rounds + r) * n + i) * n + j] = hears ? 1f : 0f;
                    }
                }
            }
        }
        return new Masks(samples, links, alive);
    }

    public record Masks(int samples, float[] links, float[] alive) {}
}
