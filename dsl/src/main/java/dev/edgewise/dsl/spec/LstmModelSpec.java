package dev.edgewise.dsl.spec;

import java.util.Objects;

@Doc("An LSTM forecaster small enough for a microcontroller (the LSTM-on-microcontrollers paper's): 'layers' stacked LSTM"
        + " layers of 'hidden' units over the task's window, then a dense layer to the forecast. One node (topology.nodes: 1,"
        + " exchange kind upward with nothing sent: the device forecasts locally); task kind forecasting. Its role is"
        + " 'sensor' in devices.roles.")
@Variant("lstm")
public record LstmModelSpec(
        @Doc("Units of each LSTM layer.") @Default("16") @Range(min = 1, max = 4096)
        int hidden,
        @Doc("Stacked LSTM layers.") @Default("1") @Range(min = 1, max = 8)
        int layers,
        @Doc("How the weights are stored on the device. Unset: float32.") @Default("~")
        WeightsSpec weights) implements ModelSpec {

    /** The weights setting, float32 when unset. */
    public WeightsSpec weightsOrFloat() {
        return Objects.requireNonNullElse(weights, WeightsSpec.FLOAT32);
    }
}
