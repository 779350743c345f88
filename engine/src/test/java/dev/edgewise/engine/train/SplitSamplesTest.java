package dev.edgewise.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.catalog.data.NodeView;
import dev.edgewise.dsl.spec.DataSpec.View;
import dev.edgewise.dsl.spec.ClassificationTaskSpec;
import dev.edgewise.engine.task.TaskRegistry;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitSamplesTest {

    static ImageDataset series(int items, int window) {
        int[] labels = new int[items];
        Arrays.setAll(labels, i -> i % 3);
        float[] pixels = new float[items * 2 * 2];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i % 100) / 100f;
        }
        return new ImageDataset("s", "test", "sha256:s", 2, 2, pixels, labels, 32, window);
    }

    @Test
    void windowsOfASeriesHoldOutTheLastItemsAWindowAwayFromTraining() {
        int[][] pools = SplitSamples.pools(series(100, 10), 0.2, new SplittableRandom(1));

        assertArrayEquals(java.util.stream.IntStream.range(0, 70).toArray(), pools[0], "items 70..79 are the gap");
        assertArrayEquals(java.util.stream.IntStream.range(80, 100).toArray(), pools[1]);
    }

    @Test
    void independentItemsAreSplitAtRandom() {
        int[][] pools = SplitSamples.pools(series(100, 0), 0.2, new SplittableRandom(1));
        assertEquals(80, pools[0].length);
        assertEquals(20, pools[1].length);
        assertEquals(100, java.util.stream.IntStream.concat(Arrays.stream(pools[0]), Arrays.stream(pools[1])).distinct().count());
    }

    @Test
    void aWholeItemViewUsesEveryPoolItemOnceBeforeRepeating() {
        ImageDataset data = series(10, 0);
        int[] pool = {1, 3, 5, 7};
        SplitSamples samples = SplitSamples.draw(data, new NodeView(View.COLUMNS, 1), 2, 6, pool, TaskRegistry.of(new ClassificationTaskSpec()),
                new SplittableRandom(2));

        int[] firstFour = Arrays.stream(samples.items()).limit(4).mapToInt(s -> s[0]).sorted().toArray();
        assertArrayEquals(pool, firstFour);
        for (int i = 0; i < samples.size(); i++) {
            assertEquals(data.labels()[samples.items()[i][0]], samples.labels()[i]);
        }
        // Columns of a 2x2 item: node 0 gets column 0 (values at 0 and 2), node 1 column 1.
        float[] inputs = samples.inputs(data, new NodeView(View.COLUMNS, 1), 2, new int[] {0}, 0, 1);
        int item = samples.items()[0][0];
        assertArrayEquals(new float[] {data.pixels()[item * 4], data.pixels()[item * 4 + 2], data.pixels()[item * 4 + 1],
                data.pixels()[item * 4 + 3]}, inputs);
    }
}
