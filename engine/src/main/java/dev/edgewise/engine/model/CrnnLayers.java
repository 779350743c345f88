package dev.edgewise.engine.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/** The layer stacks of the communicating C-RNN, as pinned in DESIGN.md. */
public final class CrnnLayers {

    /** MNIST digits: one channel, 28 x 28. */
    public static final Shape IMAGE = new Shape(1, 28, 28);

    private CrnnLayers() {}

    /**
     * conv 1->10 5x5, maxpool 2, ReLU, conv 10->20 5x5, channel dropout, maxpool 2, ReLU, flatten (320),
     * dense 320->features. 21,330 parameters at features = 50.
     */
    public static SequentialBlock extractor(int features, double dropout) {
        return new SequentialBlock()
                .add(FanInUniform.apply(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(10).build(), 5 * 5))
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Activation.reluBlock())
                .add(FanInUniform.apply(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(20).build(), 10 * 5 * 5))
                .add(new ChannelDropout(dropout))
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(FanInUniform.apply(Linear.builder().setUnits(features).build(), 320));
    }

    /** The classifier head used to pretrain the extractor: dense features->classes. */
    public static Linear classifierHead(int features, int classes) {
        return FanInUniform.apply(Linear.builder().setUnits(classes).build(), features);
    }

    /**
     * The cell f_theta: dense layers through {@code hidden} and back to {@code width}, each
     * followed by ReLU. With hidden [50, 8] it has 59 * width + 458 parameters.
     */
    public static SequentialBlock cell(int width, List<Integer> hidden) {
        SequentialBlock cell = new SequentialBlock();
        int fanIn = width;
        for (int units : hidden) {
            cell.add(FanInUniform.apply(Linear.builder().setUnits(units).build(), fanIn)).add(Activation.reluBlock());
            fanIn = units;
        }
        return cell.add(FanInUniform.apply(Linear.builder().setUnits(width).build(), fanIn)).add(Activation.reluBlock());
    }
}
