package dev.edgewise.engine.train;

import dev.edgewise.catalog.links.LinkDraw;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Samples {@code order[start..end)} of a sample set as one mini-batch, with the link fates drawn
 * for them when the batch's arrays are made (so draws follow the order batches run in). A family
 * adds how its samples become arrays.
 */
public abstract class SampleBatch implements TrainingLoop.Batch {

    private final int[] order;
    private final int start;
    private final int end;
    private final LinkChannel channel;
    private final SplittableRandom failures;
    private LinkDraw draw;

    protected SampleBatch(int[] order, int start, int end, LinkChannel channel, SplittableRandom failures) {
        this.order = order;
        this.start = start;
        this.end = end;
        this.channel = channel;
        this.failures = failures;
    }

    /** Makes the batch of {@code order[start..end)}. */
    @FunctionalInterface
    public interface Maker<B> {
        B make(int[] order, int start, int end);
    }

    /** {@code order} cut into batches of {@code size} (the last one shorter), in order. */
    public static <B extends SampleBatch> List<B> cut(int[] order, int size, Maker<B> maker) {
        List<B> batches = new ArrayList<>();
        for (int start = 0; start < order.length; start += size) {
            batches.add(maker.make(order, start, Math.min(start + size, order.length)));
        }
        return batches;
    }

    @Override
    public int size() {
        return end - start;
    }

    /** The sample at position {@code i} of the batch. */
    public int sample(int i) {
        return order[start + i];
    }

    /** The samples of the batch, in order. */
    public int[] samples() {
        return java.util.Arrays.copyOfRange(order, start, end);
    }

    /** Draws the batch's link fates; called once while its arrays are made. */
    protected LinkDraw drawLinks() {
        draw = channel.draw(size(), failures);
        return draw;
    }

    /** The fates drawn by {@link #drawLinks()}. */
    public LinkDraw links() {
        return draw;
    }
}
