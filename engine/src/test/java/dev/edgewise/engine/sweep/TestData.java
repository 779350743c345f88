package dev.edgewise.engine.sweep;

import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.catalog.data.ImageDataset;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Small in-memory datasets: one a run trains on in a blink, one that makes a run fail once it has started. */
public final class TestData {

    private TestData() {}

    /** 60 noisy 28x28 images: enough to train one tiny epoch. */
    public static ImageDataset noise(DataCache cache) {
        int count = 60;
        SplittableRandom random = new SplittableRandom(3);
        float[] pixels = new float[count * 28 * 28];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextDouble();
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 10;
        }
        return new ImageDataset("noise", "test", "sha256:noise", 28, 28, pixels, labels);
    }

    /**
     * A dataset that changes under the spec, as a file replaced on disk would: the first load (the
     * check before any run) sees 28x28 digits, every later one 8x8 images the extractor cannot
     * take, so a run passes its checks and then fails once it has started.
     */
    public static Function<DataCache, ImageDataset> broken() {
        AtomicInteger loads = new AtomicInteger();
        return cache -> {
            if (loads.getAndIncrement() == 0) {
                return noise(cache);
            }
            int count = 60;
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = i % 10;
            }
            return new ImageDataset("broken", "test", "sha256:broken", 8, 8, new float[count * 64], labels);
        };
    }

    public static DatasetRegistry registry() {
        return new DatasetRegistry().register("noise", TestData::noise).register("broken", broken());
    }

    /** A spec that trains on {@code source} in well under a second. */
    public static String spec(String name, String source) {
        return "name: " + name + "\nseed: 5\n"
                + "data: {source: " + source + ", train_samples: 8, test_samples: 4, holdout: 0.5}\n"
                + "topology: {nodes: 2, graph: line}\n"
                + "model: {kind: crnn, features: 4, extractor: {pretrain: {epochs: 0}}, cell: {hidden: [8]}}\n"
                + "exchange: {kind: peer, rounds: 2, message_size: 1}\n"
                + "training: {epochs: 1, batch_size: 4}\n";
    }
}
