package dev.edgewise.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.edgewise.catalog.layers.Layer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Layer stacks become blocks; a channel dropout runs after the pooling when no float changes. */
class LayerBlocksTest {

    static final List<Layer> CONV_DROP_POOL_RELU = List.of(new Layer.Conv2d(20, 5), new Layer.ChannelDropout(0.5), new Layer.MaxPool(2),
            new Layer.Relu(), new Layer.Flatten());

    @Test
    void aHalfRateDropoutMovesPastThePoolAndTheRelu() {
        assertEquals(List.of(new Layer.Conv2d(20, 5), new Layer.MaxPool(2), new Layer.Relu(), new Layer.ChannelDropout(0.5), new Layer.Flatten()),
                LayerBlocks.dropoutAfterPooling(CONV_DROP_POOL_RELU));
    }

    @Test
    void aRateWhoseScaleRoundsKeepsItsPlace() {
        // 1 / (1 - 0.3) is not a power of two: scaled values could tie and the pool's gradient go elsewhere.
        List<Layer> stack = List.of(new Layer.ChannelDropout(0.3), new Layer.MaxPool(2), new Layer.Relu());
        assertEquals(stack, LayerBlocks.dropoutAfterPooling(stack));
        List<Layer> quarter = List.of(new Layer.ChannelDropout(0.75), new Layer.MaxPool(2));
        assertEquals(List.of(new Layer.MaxPool(2), new Layer.ChannelDropout(0.75)), LayerBlocks.dropoutAfterPooling(quarter));
    }

    @Test
    void droppingAfterThePoolGivesTheSameValuesAndGradientsBitForBit() {
        SequentialBlock before = new SequentialBlock().add(new ChannelDropout(0.5)).add(Pool.maxPool2dBlock(new Shape(2, 2))).add(Activation.reluBlock());
        SequentialBlock after = new SequentialBlock().add(Pool.maxPool2dBlock(new Shape(2, 2))).add(Activation.reluBlock()).add(new ChannelDropout(0.5));
        float[][] first = valueAndGradient(before);
        float[][] second = valueAndGradient(after);

        assertArrayEquals(first[0], second[0], 0f);
        assertArrayEquals(first[1], second[1], 0f);
    }

    /** The block's training output on fixed maps with ties (a flat background, as MNIST's), and d(sum of squares)/d(input). */
    private static float[][] valueAndGradient(SequentialBlock block) {
        try (NDManager manager = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            Engine.getInstance().setRandomSeed(11);
            NDArray maps = manager.randomNormal(0, 1, new Shape(16, 8, 8, 8), DataType.FLOAT32).maximum(0.25f);
            maps.setRequiresGradient(true);
            block.initialize(manager, DataType.FLOAT32, maps.getShape());
            NDArray out = block.forward(new ParameterStore(manager, false), new NDList(maps), true).singletonOrThrow();
            collector.backward(out.square().sum());
            return new float[][] {out.toFloatArray(), maps.getGradient().toFloatArray()};
        }
    }
}
