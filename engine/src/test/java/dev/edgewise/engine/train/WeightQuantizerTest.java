package dev.edgewise.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class WeightQuantizerTest {

    @Test
    void valuesOnTheGridSurviveTheRoundTripExactly() {
        WeightQuantizer int8 = new WeightQuantizer(8);
        float scale = 0.5f / 127;
        float[] onGrid = {-127 * scale, -3 * scale, 0f, 1 * scale, 127 * scale};

        assertEquals(127, int8.maxLevel());
        assertEquals(scale, int8.scale(onGrid), 1e-9f);
        assertArrayEquals(new int[] {-127, -3, 0, 1, 127}, int8.quantize(onGrid, scale));
        assertArrayEquals(onGrid, int8.roundTrip(onGrid), 1e-7f);
    }

    @Test
    void theErrorIsAtMostHalfAStepAndInt4IsCoarserThanInt8() {
        float[] weights = new float[1000];
        Random random = new Random(3);
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextGaussian() * 0.1f;
        }
        double[] worst = new double[2];
        int[] widths = {8, 4};
        for (int k = 0; k < 2; k++) {
            WeightQuantizer q = new WeightQuantizer(widths[k]);
            float step = q.scale(weights);
            float[] back = q.roundTrip(weights);
            for (int i = 0; i < weights.length; i++) {
                double error = Math.abs(back[i] - weights[i]);
                assertTrue(error <= step / 2 + 1e-7, "within half a step");
                worst[k] = Math.max(worst[k], error);
            }
        }
        assertEquals(7, new WeightQuantizer(4).maxLevel());
        assertTrue(worst[1] > 10 * worst[0], "int4 rounds far more coarsely than int8");
    }

    @Test
    void bytesArePackedLevelsPlusOneScale() {
        assertEquals(1000 + 4, new WeightQuantizer(8).bytes(1000));
        assertEquals(500 + 4, new WeightQuantizer(4).bytes(1000));
        assertEquals(2 + 4, new WeightQuantizer(4).bytes(3), "a half-used last byte still counts");
    }

    @Test
    void anAllZeroTensorStaysZero() {
        assertArrayEquals(new float[3], new WeightQuantizer(4).roundTrip(new float[3]));
    }
}
