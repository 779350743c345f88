package dev.edgewise.engine.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WeightPrecisionTest {

    @Test
    void bytesArePackedWeightsPlusScales() {
        assertEquals(4000, new WeightPrecision(32, false).bytes(1000, 10));
        assertEquals(2000, new WeightPrecision(16, false).bytes(1000, 10));
        assertEquals(1000 + 4, new WeightPrecision(8, false).bytes(1000, 10));
        assertEquals(1000 + 40, new WeightPrecision(8, true).bytes(1000, 10));
        assertEquals(500 + 4, new WeightPrecision(4, false).bytes(1000, 10));
        assertEquals(2 + 4, new WeightPrecision(4, false).bytes(3, 1), "a half-used last byte counts whole");
        assertThrows(IllegalArgumentException.class, () -> new WeightPrecision(2, false));
    }

    @Test
    void perChannelScalesFollowEachRow() {
        float[] w = {1f, -0.6f, 0.01f, 0.02f};
        // Per tensor, int4: scale 1/7; 0.01 and 0.02 round to 0.
        assertArrayEquals(new float[] {1f, -4 / 7f, 0f, 0f}, new WeightPrecision(4, false).roundTrip(w, 2), 1e-6f);
        // Per row: the second row gets its own scale 0.02/7 and keeps both values.
        float[] rows = new WeightPrecision(4, true).roundTrip(w, 2);
        assertEquals(4 * (0.02f / 7), rows[2], 1e-7f, "0.01 is 3.5 steps of 0.02/7: rounds to 4, not to 0");
        assertEquals(0.02f, rows[3], 1e-7f);
    }

    @Test
    void fp16RoundsToNearestEven() {
        assertEquals(0.333251953125f, Half.round(1f / 3));
        assertEquals(65504f, Half.round(65504f));
        assertEquals(Float.POSITIVE_INFINITY, Half.round(70000f));
        assertEquals(0x1p-24f, Half.round(0x1p-24f), "the smallest subnormal survives");
        assertEquals(0f, Half.round(0x1p-26f));
        // 1 + 2^-11 lies halfway between 1 and 1 + 2^-10: ties go to the even mantissa, 1.
        assertEquals(1f, Half.round(1f + 0x1p-11f));
        assertEquals(-2.5f, Half.round(-2.5f));
    }

    @Test
    void int8KeepsZeroAndTheExtremes() {
        float[] w = {0f, 0.5f, -1f, 0.25f};
        float[] q = new WeightPrecision(8, false).roundTrip(w, 1);
        assertEquals(0f, q[0]);
        assertEquals(-1f, q[2]);
        assertEquals(0.5f, q[1], 1f / 254);
    }
}
