package dev.edgewise.engine.train;

import dev.edgewise.dsl.spec.LinksSpec;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which node outputs reach the base station, per sample of a batch. A node fails (sends nothing)
 * with links.node_failure; a node that sends loses its transmission with links.failure. Both are
 * drawn for every (sample, node), failures or not, so a stream's position never depends on them.
 *
 * @param rows 1 (one row shared by every sample: nothing fails) or the batch size
 * @param mask 1 where node n's output arrived, row-major {@code rows x nodes}
 * @param sent true where node n transmitted (it did not fail)
 */
record Delivery(int rows, int nodes, float[] mask, boolean[] sent) {

    /** The batch's delivery; with {@code links} null (or nothing failing) every output arrives. */
    static Delivery draw(int batch, int nodes, LinksSpec links, SplittableRandom random) {
        if (links == null || (links.failure() == 0 && links.nodeFailure() == 0)) {
            float[] mask = new float[nodes];
            boolean[] sent = new boolean[nodes];
            Arrays.fill(mask, 1f);
            Arrays.fill(sent, true);
            return new Delivery(1, nodes, mask, sent);
        }
        float[] mask = new float[batch * nodes];
        boolean[] sent = new boolean[batch * nodes];
        for (int i = 0; i < batch * nodes; i++) {
            boolean alive = random.nextDouble() >= links.nodeFailure();
            boolean up = random.nextDouble() >= links.failure();
            sent[i] = alive;
            mask[i] = alive && up ? 1f : 0f;
        }
        return new Delivery(batch, nodes, mask, sent);
    }

    /** Who transmitted for sample {@code i} of the batch. */
    boolean[] transmits(int i) {
        int row = rows == 1 ? 0 : i;
        return Arrays.copyOfRange(sent, row * nodes, (row + 1) * nodes);
    }

    int deliveredCount(int i) {
        int row = rows == 1 ? 0 : i;
        int count = 0;
        for (int n = 0; n < nodes; n++) {
            count += mask[row * nodes + n] == 1f ? 1 : 0;
        }
        return count;
    }
}
