package dev.edgewise.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import dev.edgewise.catalog.layers.Layer;
import dev.edgewise.catalog.layers.LayerStack;
import dev.edgewise.catalog.layers.TensorShape;
import dev.edgewise.dsl.spec.UpwardExchangeSpec.Lost;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The split network with stand-in stacks: a node's message is its input, the base station passes the concatenation on. */
class SplitNetworkTest {

    static SplitNetwork identity(int nodes, Lost lost) {
        return new SplitNetwork(Blocks::batchFlattenBlock, true, new LambdaBlock(x -> x), nodes, 2, null, lost, false);
    }

    static float[] forward(SplitNetwork network, float[] inputs, float[] delivered, int nodes) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape input = new Shape(1, nodes, 1, 1, 2);
            network.initialize(manager, DataType.FLOAT32, input, new Shape(1, nodes));
            NDList out = network.forward(new ParameterStore(manager, false),
                    new NDList(manager.create(inputs, input), manager.create(delivered, new Shape(1, nodes))), false);
            return out.singletonOrThrow().toFloatArray();
        }
    }

    @Test
    void theBaseStationReadsTheMessagesNodeZeroFirst() {
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, forward(identity(3, Lost.ZERO), new float[] {1, 2, 3, 4, 5, 6}, new float[] {1, 1, 1}, 3));
    }

    @Test
    void aLostOutputIsZeroedOrDroppedWithTheRestScaledUp() {
        float[] x = {1, 2, 3, 4, 5, 6};
        float[] delivered = {1, 0, 1};
        assertArrayEquals(new float[] {1, 2, 0, 0, 5, 6}, forward(identity(3, Lost.ZERO), x, delivered, 3));
        assertArrayEquals(new float[] {1.5f, 3, 0, 0, 7.5f, 9}, forward(identity(3, Lost.DROP), x, delivered, 3), 1e-6f);
    }

    @Test
    void theFdmlHeadMapsTheConcatenatedMessagesStraightToTheClasses() {
        LayerStack head = new LayerStack("base", TensorShape.of(8), List.of(new Layer.Dense(10), new Layer.Sigmoid()));
        SequentialBlock base = LayerBlocks.of(head);
        SplitNetwork network = new SplitNetwork(Blocks::batchFlattenBlock, true, base, 4, 2, null, Lost.ZERO, false);
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape input = new Shape(5, 4, 1, 1, 2);
            network.initialize(manager, DataType.FLOAT32, input, new Shape(1, 4));
            NDArray out = network.forward(new ParameterStore(manager, false),
                    new NDList(manager.randomUniform(0, 1, input), manager.ones(new Shape(1, 4))), false).singletonOrThrow();

            assertEquals(new Shape(5, 10), out.getShape());
            assertEquals(8 * 10 + 10, base.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum(),
                    "one weighted sum per class, no hidden layer");
            float[] values = out.toFloatArray();
            for (float v : values) {
                assertEquals(0.5f, v, 0.5f, "the activation bounds every score");
            }
        }
    }

    @Test
    void untiedSensorsHaveOneSetOfWeightsPerNode() {
        LayerStack sensor = new LayerStack("sensor", TensorShape.of(1, 1, 2), List.of(new Layer.Flatten(), new Layer.Dense(2)));
        SplitNetwork tied = new SplitNetwork(() -> LayerBlocks.of(sensor), true, new LambdaBlock(x -> x), 3, 2, null, Lost.ZERO, false);
        SplitNetwork untied = new SplitNetwork(() -> LayerBlocks.of(sensor), false, new LambdaBlock(x -> x), 3, 2, null, Lost.ZERO, false);
        forward(tied, new float[6], new float[] {1, 1, 1}, 3);
        forward(untied, new float[6], new float[] {1, 1, 1}, 3);

        assertEquals(1, tied.sensors().size());
        assertEquals(3, untied.sensors().size());
        assertEquals(3 * tied.getParameters().size(), untied.getParameters().size());
    }
}
