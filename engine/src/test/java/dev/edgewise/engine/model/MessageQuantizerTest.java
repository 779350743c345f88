package dev.edgewise.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.edgewise.dsl.spec.QuantizationSpec.Range;
import dev.edgewise.dsl.spec.QuantizationSpec.Training;
import org.junit.jupiter.api.Test;

class MessageQuantizerTest {

    /** Values whose sigmoids are 0.1, 0.3, 0.5, 0.62, 0.9. */
    static final float[] RAW = logits(0.1f, 0.3f, 0.5f, 0.62f, 0.9f);

    static float[] logits(float... p) {
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (float) Math.log(p[i] / (1 - p[i]));
        }
        return out;
    }

    @Test
    void atTestValuesLandHardOnTheTwoToTheQLevels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray raw = manager.create(RAW);
            // q = 2, four levels: 0, 1/3, 2/3, 1.
            float[] two = new MessageQuantizer(4, Training.STE, Range.SIGMOID).apply(raw, false).toFloatArray();
            assertArrayEquals(new float[] {0f, 1 / 3f, 2 / 3f, 2 / 3f, 1f}, two, 1e-6f);
            // q = 1, two levels: a threshold at 0.5 (MXNet rounds half away from zero).
            float[] one = new MessageQuantizer(2, Training.NOISE, Range.SIGMOID).apply(raw, false).toFloatArray();
            assertArrayEquals(new float[] {0f, 0f, 1f, 1f, 1f}, one, 1e-6f);
        }
    }

    @Test
    void clipRangeSpansMinusOneToOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray raw = manager.create(new float[] {-3f, -0.4f, 0.1f, 0.5f, 2f});
            // four levels over [-1, 1]: -1, -1/3, 1/3, 1.
            float[] out = new MessageQuantizer(4, Training.STE, Range.CLIP).apply(raw, false).toFloatArray();
            assertArrayEquals(new float[] {-1f, -1 / 3f, 1 / 3f, 1 / 3f, 1f}, out, 1e-6f);
        }
    }

    @Test
    void steForwardsTheRoundedValueAndPassesTheGradientThrough() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray raw = manager.create(RAW);
            raw.setRequiresGradient(true);
            MessageQuantizer quantizer = new MessageQuantizer(4, Training.STE, Range.SIGMOID);
            float[] forward;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray out = quantizer.apply(raw, true);
                forward = out.toFloatArray();
                collector.backward(out.sum());
            }
            assertArrayEquals(new float[] {0f, 1 / 3f, 2 / 3f, 2 / 3f, 1f}, forward, 1e-6f, "training forwards the hard value");
            float[] gradient = raw.getGradient().toFloatArray();
            float[] p = {0.1f, 0.3f, 0.5f, 0.62f, 0.9f};
            for (int i = 0; i < p.length; i++) {
                // d sigmoid = p (1 - p): rounding adds nothing to the gradient, and does not zero it.
                assertEquals(p[i] * (1 - p[i]), gradient[i], 1e-4f);
            }
        }
    }

    @Test
    void noiseIsAddedOnlyInTrainingAndStaysWithinHalfALevel() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            NDArray raw = manager.create(RAW);
            MessageQuantizer quantizer = new MessageQuantizer(4, Training.NOISE, Range.SIGMOID);
            float[] noisy = quantizer.apply(raw, true).toFloatArray();
            float[] clean = {0.1f, 0.3f, 0.5f, 0.62f, 0.9f};
            boolean anyOffGrid = false;
            for (int i = 0; i < clean.length; i++) {
                assertTrue(Math.abs(noisy[i] - clean[i]) <= 0.5f / 3 + 1e-6f, "noise of at most half a level");
                anyOffGrid |= Math.abs(noisy[i] * 3 - Math.round(noisy[i] * 3)) > 1e-3;
            }
            assertTrue(anyOffGrid, "training with noise does not round");
            assertNotEquals(noisy[0], quantizer.apply(raw, true).toFloatArray()[0], "fresh noise every pass");
            assertArrayEquals(quantizer.apply(raw, false).toFloatArray(), quantizer.apply(raw, false).toFloatArray(), "test is deterministic");
        }
    }

    @Test
    void anyLevelCountAndTheLevelIndicesACoderSees() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray raw = manager.create(RAW);
            // Five levels (not a power of two): 0, 1/4, 1/2, 3/4, 1.
            MessageQuantizer five = new MessageQuantizer(5, Training.NOISE, Range.SIGMOID);
            float[] received = five.apply(raw, false).toFloatArray();
            assertArrayEquals(new float[] {0f, 0.25f, 0.5f, 0.5f, 1f}, received, 1e-6f);
            assertArrayEquals(new int[] {0, 1, 2, 2, 4}, five.levelIndices(received));
            MessageQuantizer clip = new MessageQuantizer(3, Training.STE, Range.CLIP);
            assertArrayEquals(new int[] {0, 1, 2}, clip.levelIndices(clip.apply(manager.create(new float[] {-2f, 0.1f, 3f}), false).toFloatArray()));
        }
    }
}
