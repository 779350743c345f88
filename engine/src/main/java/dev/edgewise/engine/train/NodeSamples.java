package dev.edgewise.engine.train;

import dev.edgewise.engine.task.Task;
import java.util.SplittableRandom;

/**
 * Samples of the distributed task: sample i gives node n the dataset item {@code items[i][n]}.
 * Targets follow the task: max -> (largest digit)/9, max-parity -> parity of the largest digit.
 */
public record NodeSamples(int[][] items, int[] maxDigits, float[] targets) {

    public int size() {
        return items.length;
    }

    public int nodes() {
        return items.length == 0 ? 0 : items[0].length;
    }

    /** Draws {@code count} samples of {@code nodes} items each from {@code pool}, uniformly with replacement. */
    public static NodeSamples draw(int count, int nodes, int[] pool, int[] labels, Task task, SplittableRandom random) {
        int[][] items = new int[count][nodes];
        int[] maxDigits = new int[count];
        float[] targets = new float[count];
        for (int i = 0; i < count; i++) {
            int max = Integer.MIN_VALUE;
            for (int n = 0; n < nodes; n++) {
                items[i][n] = pool[random.nextInt(pool.length)];
                max = Math.max(max, labels[items[i][n]]);
            }
            maxDigits[i] = max;
            targets[i] = task.target(max);
        }
        return new NodeSamples(items, maxDigits, targets);
    }


    /** Splits item indices 0..size-1 into a training pool and a held-out pool, shuffled by {@code random}. */
    public static int[][] split(int size, double holdout, SplittableRandom random) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int held = (int) Math.round(size * holdout);
        int[] test = java.util.Arrays.copyOfRange(order, 0, held);
        int[] train = java.util.Arrays.copyOfRange(order, held, size);
        return new int[][] {train, test};
    }
}
