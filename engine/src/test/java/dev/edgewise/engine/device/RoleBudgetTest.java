package dev.edgewise.engine.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.catalog.layers.Layer;
import dev.edgewise.catalog.layers.LayerStack;
import dev.edgewise.catalog.layers.TensorShape;
import dev.edgewise.dsl.spec.DeviceSpec;
import dev.edgewise.dsl.spec.TrainingSpec;
import dev.edgewise.engine.quant.WeightPrecision;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The budget arithmetic against counts done by hand (in the comments), for one LSTM and one conv stack. */
class RoleBudgetTest {

    private static final DeviceSpec ESP32 = DevicePresets.presets().get("esp32");

    /** LSTM 16 over 48 readings of 1 feature, then dense 1: the forecaster of experiments/mcu. */
    private static final LayerStack LSTM = new LayerStack("sensor", TensorShape.of(48, 1), List.of(new Layer.Lstm(16, false), new Layer.Dense(1)));

    private static TrainingSpec optimizer(TrainingSpec.Optimizer kind, double momentum) {
        return new TrainingSpec(kind, 0.01, momentum, 1, 32, null);
    }

    @Test
    void lstmFootprintByHand() {
        ModelFootprint f = LayerFootprints.of(LSTM);
        // i2h 4H x F = 64 x 1, h2h 4H x H = 64 x 16, dense 16 x 1; biases 8H + 1 = 129.
        assertEquals(List.of(64L, 1024L, 16L), f.weights().stream().map(ModelFootprint.Tensor::values).toList());
        assertEquals(List.of(64L, 64L, 1L), f.weights().stream().map(ModelFootprint.Tensor::rows).toList());
        assertEquals(129, f.biases());
        assertEquals(1233, f.parameters());
        // Inference: the LSTM's output 16 + state 2H 32 + gates 4H 64 = 112 (dense: 16 + 1 = 17).
        assertEquals(112, f.inferenceActivations());
        // Training: input 48 + 48 steps x 7H (gates, c, tanh c, h) = 5,376 + dense output 1.
        assertEquals(48 + 5376 + 1, f.trainingActivations());
        // MACs: 48 x 4H x (1 + H) = 52,224, dense 16.
        assertEquals(52_240, f.macs());
    }

    @Test
    void lstmBytesAtEachPrecision() {
        ModelFootprint f = LayerFootprints.of(LSTM);
        TrainingSpec adam = optimizer(TrainingSpec.Optimizer.ADAM, 0);
        // Biases 129 x 4 = 516 bytes at every precision.
        assertEquals(1233 * 4, RoleBudget.of("sensor", "esp32", ESP32, false, new WeightPrecision(32, false), f, adam).flashBytes());
        assertEquals(1104 * 2 + 516, RoleBudget.of("sensor", "esp32", ESP32, false, new WeightPrecision(16, false), f, adam).flashBytes());
        // int8 per tensor: 64 + 1024 + 16 bytes, one float scale each.
        assertEquals(64 + 4 + 1024 + 4 + 16 + 4 + 516, RoleBudget.of("sensor", "esp32", ESP32, false, new WeightPrecision(8, false), f, adam).flashBytes());
        // int8 per channel: a scale per row (64, 64, 1).
        assertEquals(64 + 256 + 1024 + 256 + 16 + 4 + 516, RoleBudget.of("sensor", "esp32", ESP32, false, new WeightPrecision(8, true), f, adam).flashBytes());
        // int4 per tensor: half a byte per weight.
        assertEquals(32 + 4 + 512 + 4 + 8 + 4 + 516, RoleBudget.of("sensor", "esp32", ESP32, false, new WeightPrecision(4, false), f, adam).flashBytes());
    }

    @Test
    void lstmRamForInferenceAndForTrainingWithEachOptimizer() {
        ModelFootprint f = LayerFootprints.of(LSTM);
        // Inference: window buffer 48 + activations 112, float32.
        assertEquals((48 + 112) * 4, RoleBudget.of("sensor", "esp32", ESP32, false, new WeightPrecision(8, false), f,
                optimizer(TrainingSpec.Optimizer.ADAM, 0)).ramBytes());
        long activations = (48 + 5376 + 1) * 4;
        long weights = 1233 * 4;
        // Training: kept activations + float32 weights + gradients + state (sgd 0x, momentum 1x, adam 2x).
        assertEquals(activations + 2 * weights, RoleBudget.of("sensor", "esp32", ESP32, true, new WeightPrecision(8, false), f,
                optimizer(TrainingSpec.Optimizer.SGD, 0)).ramBytes());
        assertEquals(activations + 3 * weights, RoleBudget.of("sensor", "esp32", ESP32, true, new WeightPrecision(8, false), f,
                optimizer(TrainingSpec.Optimizer.SGD, 0.9)).ramBytes());
        assertEquals(activations + 4 * weights, RoleBudget.of("sensor", "esp32", ESP32, true, new WeightPrecision(8, false), f,
                optimizer(TrainingSpec.Optimizer.ADAM, 0)).ramBytes());
    }

    @Test
    void convStackByHand() {
        // (1, 28, 28) -> conv 8 3x3 -> (8, 26, 26) -> relu -> maxpool 2 -> (8, 13, 13) -> flatten 1,352 -> dense 10.
        LayerStack conv = new LayerStack("sensor", TensorShape.of(1, 28, 28), List.of(new Layer.Conv2d(8, 3), new Layer.Relu(),
                new Layer.MaxPool(2), new Layer.Flatten(), new Layer.Dense(10)));
        ModelFootprint f = LayerFootprints.of(conv);
        assertEquals(List.of(72L, 13_520L), f.weights().stream().map(ModelFootprint.Tensor::values).toList());
        assertEquals(List.of(8L, 10L), f.weights().stream().map(ModelFootprint.Tensor::rows).toList());
        assertEquals(18, f.biases());
        // Largest pair of buffers: relu's input and output, 5,408 each.
        assertEquals(10_816, f.inferenceActivations());
        // Kept: input 784 + conv 5,408 + relu 5,408 + pool 1,352 + flatten 0 + dense 10.
        assertEquals(12_962, f.trainingActivations());
        assertEquals(5408L * 9 + 13_520, f.macs());
        RoleBudget inference = RoleBudget.of("sensor", "esp32", ESP32, false, new WeightPrecision(8, false), f, optimizer(TrainingSpec.Optimizer.SGD, 0));
        assertEquals(72 + 4 + 13_520 + 4 + 18 * 4, inference.flashBytes());
        assertEquals((784 + 10_816) * 4, inference.ramBytes());
        assertTrue(inference.fits());
    }

    @Test
    void aStackTooLargeForTheHeapSaysWhatWouldFit() {
        LayerStack big = new LayerStack("sensor", TensorShape.of(48, 1), List.of(new Layer.Lstm(256, false), new Layer.Dense(1)));
        RoleBudget b = RoleBudget.of("sensor", "esp32", ESP32, true, new WeightPrecision(32, false), LayerFootprints.of(big),
                optimizer(TrainingSpec.Optimizer.ADAM, 0));
        assertFalse(b.fitsRam());
        Budgeted.Knob hidden = new Budgeted.Knob("$.model.hidden", 256,
                h -> LayerFootprints.of(new LayerStack("sensor", TensorShape.of(48, 1), List.of(new Layer.Lstm(h, false), new Layer.Dense(1)))));
        int largest = DeviceCheck.largestFitting(hidden, b);
        RoleBudget at = RoleBudget.of("sensor", "esp32", ESP32, true, new WeightPrecision(32, false), hidden.footprint().apply(largest),
                optimizer(TrainingSpec.Optimizer.ADAM, 0));
        RoleBudget above = RoleBudget.of("sensor", "esp32", ESP32, true, new WeightPrecision(32, false), hidden.footprint().apply(largest + 1),
                optimizer(TrainingSpec.Optimizer.ADAM, 0));
        assertTrue(at.fits());
        assertFalse(above.fits());
        assertTrue(DeviceCheck.overrun(b).contains("KiB over"), DeviceCheck.overrun(b));
    }
}
