package dev.edgewise.engine.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

/** The straight-through estimator: the network sees rounded weights, the float shadows take the updates. */
class QatOptimizerTest {

    @Test
    void updatesGoToTheShadowAndTheNetworkSeesThemRounded() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Linear block = Linear.builder().setUnits(4).build();
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            Parameter weight = block.getParameters().get("weight");
            float[] initial = weight.getArray().toFloatArray();
            WeightPrecision int4 = new WeightPrecision(4, true);
            QatOptimizer qat = new QatOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).build(), int4);

            qat.watch(block);
            assertArrayEquals(int4.roundTrip(initial, 4), weight.getArray().toFloatArray(), "rounded before the first forward pass");

            // Two small steps: each alone is below a quantization step for most weights; the shadow keeps them.
            for (int step = 0; step < 2; step++) {
                try (NDArray grad = manager.ones(weight.getArray().getShape())) {
                    qat.update(weight.getId(), weight.getArray(), grad);
                }
            }
            float[] shadow = initial.clone();
            for (int i = 0; i < shadow.length; i++) {
                shadow[i] = shadow[i] - 0.05f - 0.05f;
            }
            assertArrayEquals(int4.roundTrip(shadow, 4), weight.getArray().toFloatArray(), 1e-6f);
        }
    }
}
