package dev.edgewise.catalog.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.dsl.spec.BaseSpec;
import dev.edgewise.dsl.spec.LayerSpec;
import dev.edgewise.dsl.spec.LayerSpec.Padding;
import dev.edgewise.dsl.spec.LayerSpec.Type;
import dev.edgewise.dsl.spec.SensorSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoleStacksTest {

    static LayerSpec layer(Type type, Integer units, Integer filters, Integer kernel, Padding padding, Integer size, Boolean sequences) {
        return new LayerSpec(type, units, filters, kernel, padding, size, null, sequences);
    }

    /** The paper's quadrant node: conv 32 5x5 (same) + maxpool 2 -> 7x7x32 -> dense C/4. */
    static SensorSpec paperSensor() {
        return new SensorSpec(false, SensorSpec.Placement.NODE, List.of(
                layer(Type.CONV, null, 32, 5, Padding.SAME, null, null),
                layer(Type.MAXPOOL, null, null, null, null, 2, null),
                layer(Type.RELU, null, null, null, null, null, null),
                layer(Type.FLATTEN, null, null, null, null, null, null),
                layer(Type.DENSE, null, null, null, null, null, null)));
    }

    @Test
    void theQuadrantNodeOfThePaperHasItsShapesAndCounts() {
        LayerStack stack = RoleStacks.sensor(paperSensor(), TensorShape.of(1, 14, 14), 16);

        assertEquals(TensorShape.of(16), stack.output(), "a dense without units takes the message size");
        assertEquals(TensorShape.of(32, 7, 7), stack.account(FlopConvention.PAPER).get(1).output());
        assertEquals(32 * 25 + 32 + 1568 * 16 + 16, stack.parameters());
    }

    @Test
    void theFdmlHeadIsOneDenseWithAnActivation() {
        BaseSpec fdml = new BaseSpec(List.of(layer(Type.DENSE, 10, null, null, null, null, null), new LayerSpec(Type.SIGMOID, null, null, null,
                null, null, null, null)));
        LayerStack head = RoleStacks.base(fdml, 64);

        assertEquals(TensorShape.of(10), head.output());
        assertEquals(64 * 10 + 10, head.parameters(), "no hidden layer: one weighted sum per class");
    }

    @Test
    void lstmLayersReadRowsAsTimeAndCountTwoBiasesPerGate() {
        SensorSpec sensor = new SensorSpec(true, SensorSpec.Placement.NODE, List.of(
                layer(Type.LSTM, 40, null, null, null, null, true),
                layer(Type.LSTM, 9, null, null, null, null, null)));
        LayerStack stack = RoleStacks.sensor(sensor, TensorShape.of(1, 50, 1), 9);

        assertEquals(TensorShape.of(50, 40), stack.account(FlopConvention.PAPER).get(0).output());
        assertEquals(TensorShape.of(9), stack.output());
        assertEquals(4 * 40 * (1 + 40 + 2) + 4 * 9 * (40 + 9 + 2), stack.parameters());
    }

    @Test
    void aBaseDenseNeedsUnitsAndAMisfitNamesTheLayer() {
        BaseSpec noUnits = new BaseSpec(List.of(layer(Type.DENSE, null, null, null, null, null, null)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RoleStacks.base(noUnits, 8)).getMessage().contains("needs 'units'"));

        SensorSpec tooBig = new SensorSpec(true, SensorSpec.Placement.NODE, List.of(layer(Type.CONV, null, 4, 9, null, null, null)));
        String message = assertThrows(IllegalArgumentException.class, () -> RoleStacks.sensor(tooBig, TensorShape.of(1, 7, 7), 4)).getMessage();
        assertTrue(message.startsWith("layer 0 (conv)"), message);
    }
}
