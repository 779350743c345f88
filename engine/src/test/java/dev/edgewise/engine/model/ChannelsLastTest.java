package dev.edgewise.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.edgewise.catalog.layers.CrnnStacks;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The extractor runs channels-last on PyTorch only, and computes the same function there as in
 * the plain layout: the same features and the same gradients, up to rounding.
 */
class ChannelsLastTest {

    private static final String DEFAULT_ENGINE = "ai.djl.default_engine";

    @Test
    void onlyPyTorchStacksStartWithTheLayoutChange() {
        assertInstanceOf(ChannelsLast.class, on("PyTorch", () -> extractor().getChildren().get(0).getValue()));
        // Every result recorded on MXNet was computed in the plain layout: its stacks must stay as they were.
        Block first = on("MXNet", () -> extractor().getChildren().get(0).getValue());
        assertTrue(first instanceof ai.djl.nn.convolutional.Conv2d, "MXNet's extractor starts with " + first);
        // A stack that does not start with a convolution has nothing to lay out.
        assertInstanceOf(ai.djl.nn.core.Linear.class,
                on("PyTorch", () -> LayerBlocks.of(CrnnStacks.cell(25, 2, java.util.List.of(50, 8))).getChildren().get(0).getValue()));
    }

    @Test
    void theExtractorComputesTheSameFeaturesChannelsLast() {
        on("PyTorch", () -> {
            Engine torch = Engine.getEngine("PyTorch");
            try (NDManager manager = torch.newBaseManager()) {
                SequentialBlock extractor = extractor();
                Shape input = new Shape(16, 1, 28, 28);
                extractor.initialize(manager, DataType.FLOAT32, input);
                NDArray images = digitsLike(manager, input);
                SequentialBlock plain = new SequentialBlock();
                extractor.getChildren().values().stream().skip(1).forEach(plain::add);
                ParameterStore store = new ParameterStore(manager, false);

                float[] channelsLast = extractor.forward(store, new NDList(images), false).singletonOrThrow().toFloatArray();
                float[] rowMajor = plain.forward(store, new NDList(images), false).singletonOrThrow().toFloatArray();

                assertArrayEquals(rowMajor, channelsLast, 1e-5f);
            }
            return null;
        });
    }

    /**
     * The gradient that reaches the first convolution through the second one, against the same
     * computation in float64 (ATen's own convolution; oneDNN computes float32 only). Channels-last
     * agrees; libtorch 2.7.1's plain-layout oneDNN backward pass (10 -> 20 channels, blocked by 16)
     * does not, by several per cent, even with allocations zero-filled. So on PyTorch channels-last
     * is not only the faster layout but the one that trains with the right gradient.
     */
    @Test
    void channelsLastGradientsAgreeWithFloat64() {
        Engine torch = Engine.getEngine("PyTorch");
        try (NDManager manager = torch.newBaseManager()) {
            torch.setRandomSeed(5);
            NDArray images = digitsLike(manager, new Shape(16, 1, 28, 28));
            NDArray[] weights = {manager.randomUniform(-0.2f, 0.2f, new Shape(10, 1, 5, 5)), manager.randomUniform(-0.2f, 0.2f, new Shape(10)),
                manager.randomUniform(-0.06f, 0.06f, new Shape(20, 10, 5, 5)), manager.randomUniform(-0.06f, 0.06f, new Shape(20))};

            double[] exact = firstWeightGradient(torch, images, weights, DataType.FLOAT64, false);
            double[] channelsLast = firstWeightGradient(torch, images, weights, DataType.FLOAT32, true);
            double[] plain = firstWeightGradient(torch, images, weights, DataType.FLOAT32, false);

            assertTrue(relativeError(channelsLast, exact) < 1e-5, "channels-last is off float64 by " + relativeError(channelsLast, exact));
            // If this fails, libtorch's plain-layout backward pass is right again and channels-last is only the faster layout.
            assertTrue(relativeError(plain, exact) > 1e-3, "the plain layout now agrees with float64: " + relativeError(plain, exact));
        }
    }

    /** d/dw1 of the sum of squares of relu(pool(conv2(relu(pool(conv1(x)))))), computed in {@code type}. */
    private static double[] firstWeightGradient(Engine engine, NDArray images, NDArray[] weights, DataType type, boolean channelsLast) {
        try (NDManager scope = images.getManager().newSubManager()) {
            NDArray[] w = new NDArray[weights.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = weights[i].toType(type, true);
                w[i].attach(scope);
            }
            w[0].setRequiresGradient(true);
            NDArray x = images.toType(type, true);
            x.attach(scope);
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray h = channelsLast ? new ChannelsLast().forward(new ParameterStore(scope, false), new NDList(x), true).singletonOrThrow() : x;
                for (int layer = 0; layer < 2; layer++) {
                    h = ai.djl.nn.convolutional.Conv2d.conv2d(h, w[2 * layer], w[2 * layer + 1], new Shape(1, 1), new Shape(0, 0), new Shape(1, 1), 1)
                            .singletonOrThrow();
                    h = ai.djl.nn.Activation.relu(ai.djl.nn.pooling.Pool.maxPool2d(h, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false));
                }
                collector.backward(h.mul(h).sum());
            }
            return w[0].getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
        }
    }

    private static double relativeError(double[] actual, double[] expected) {
        double difference = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            difference += (actual[i] - expected[i]) * (actual[i] - expected[i]);
            norm += expected[i] * expected[i];
        }
        return Math.sqrt(difference / norm);
    }

    /** Mostly zero background, as in MNIST, so max-pool windows tie as they do on real digits. */
    private static NDArray digitsLike(NDManager manager, Shape shape) {
        return manager.randomUniform(0f, 1f, shape).mul(manager.randomUniform(0f, 1f, shape).gt(0.7f));
    }

    private static SequentialBlock extractor() {
        return CrnnLayers.extractor(25, 0.5);
    }

    private static <T> T on(String engine, Supplier<T> work) {
        String before = System.getProperty(DEFAULT_ENGINE);
        System.setProperty(DEFAULT_ENGINE, engine);
        try {
            return work.get();
        } finally {
            if (before == null) {
                System.clearProperty(DEFAULT_ENGINE);
            } else {
                System.setProperty(DEFAULT_ENGINE, before);
            }
        }
    }
}
