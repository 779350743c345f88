package dev.edgewise.engine.train;

import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.catalog.data.NodeView;
import dev.edgewise.engine.task.Task;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Samples of the upward family. With the item view a sample is one dataset item per node (as the
 * C-RNN's samples, targets from the task); with every other view a sample is one item that all
 * nodes see a part of, its label the item's class.
 *
 * @param items per sample, the item each node sees (item view) or the one item of the sample
 * @param labels the class to predict (classification), or the largest digit (max tasks)
 * @param targets the regression target of max tasks ((max digit)/9, or its parity); 0 for classification
 */
public record SplitSamples(int[][] items, int[] labels, float[] targets) {

    public int size() {
        return items.length;
    }

    /**
     * Draws {@code count} samples from {@code pool}. Item view: each node's item uniformly with
     * replacement (as {@link NodeSamples#draw}). Other views: the pool in a seeded random order,
     * each item once, then with replacement if more samples are asked for than the pool holds.
     */
    public static SplitSamples draw(ImageDataset data, NodeView view, int nodes, int count, int[] pool, Task task,
            SplittableRandom random) {
        if (view.itemPerNode()) {
            NodeSamples drawn = NodeSamples.draw(count, nodes, pool, data.labels(), task, random);
            return new SplitSamples(drawn.items(), drawn.maxDigits(), drawn.targets());
        }
        int[] order = pool.clone();
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[][] items = new int[count][];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int item = i < order.length ? order[i] : pool[random.nextInt(pool.length)];
            items[i] = new int[] {item};
            labels[i] = data.labels()[item];
        }
        return new SplitSamples(items, labels, new float[count]);
    }

    /**
     * Training and held-out item pools. Independent items: a seeded random split (as the C-RNN's).
     * Windows of a series ({@code data.window() > 0}): the last {@code holdout} of the items are
     * held out, and the {@code window} items before them are left out, so no test window shares a
     * step with a training window.
     */
    public static int[][] pools(ImageDataset data, double holdout, SplittableRandom random) {
        if (data.window() == 0) {
            return NodeSamples.split(data.size(), holdout, random);
        }
        int held = (int) Math.round(data.size() * holdout);
        int trainEnd = data.size() - held - data.window();
        if (trainEnd < 1) {
            throw new IllegalArgumentException("holdout " + holdout + " leaves no training windows in " + data.size() + " items");
        }
        int[] train = new int[trainEnd];
        Arrays.setAll(train, i -> i);
        int[] test = new int[held];
        Arrays.setAll(test, i -> data.size() - held + i);
        return new int[][] {train, test};
    }

    /** The node inputs of samples {@code order[start..end)}: {@code (end - start) x nodes x} one node's view (channels, rows, columns). */
    public float[] inputs(ImageDataset data, NodeView view, int nodes, int[] order, int start, int end) {
        int h = data.height();
        int w = data.width();
        int c = data.channels();
        int perNode = (int) view.shape(c, h, w).elements();
        int perItem = data.valuesPerImage();
        float[] out = new float[(end - start) * nodes * perNode];
        for (int i = start; i < end; i++) {
            int[] sample = items[order[i]];
            for (int n = 0; n < nodes; n++) {
                int item = view.itemPerNode() ? sample[n] : sample[0];
                view.copy(data.pixels(), item * perItem, c, h, w, n, out, ((i - start) * nodes + n) * perNode);
            }
        }
        return out;
    }
}
