package dev.edgewise.dsl.spec;

import java.util.List;
import java.util.Objects;

@Doc("An LSTM forecaster small enough for a microcontroller (the LSTM-on-microcontrollers paper's): 'layers' stacked LSTM"
        + " layers of 'hidden' units over the task's window, then a dense layer to the forecast. One node (topology.nodes: 1,"
        + " exchange kind upward with nothing sent: the device forecasts locally); task kind forecasting. Its role is"
        + " 'sensor' in devices.roles. With 'placement' the layers run on a chain of devices (split across devices).")
@Variant("lstm")
public record LstmModelSpec(
        @Doc("Units of each LSTM layer.") @Default("16") @Range(min = 1, max = 4096)
        int hidden,
        @Doc("Stacked LSTM layers.") @Default("1") @Range(min = 1, max = 8)
        int layers,
        @Doc("How the weights are stored on the device. Unset: float32.") @Default("~")
        WeightsSpec weights,
        @Doc("Split across devices: LSTM layers per device along a chain, the sensor first, e.g. [1, 1] (one layer on the sensor,"
                + " one and the dense layer on the gateway). The sum is 'layers'; 0 layers on a device makes it a relay (a 0 on the"
                + " sensor sends the raw readings: the gateway baseline). Node g of the chain runs group g and sends what it computed"
                + " to node g + 1, one message per time step (H values at exchange.quantization's q bits, or exchange.bits; raw readings"
                + " at the data's bits), or one message per forecast when only the last step is still needed (after the last LSTM"
                + " layer). topology.nodes is the number of devices; roles in devices.roles: sensor, relay1, ..., gateway. Unset: one"
                + " device runs everything and sends nothing.")
        @Default("~")
        List<Integer> placement) implements ModelSpec {

    public LstmModelSpec {
        if (placement != null) {
            placement = List.copyOf(placement);
            if (placement.size() < 2) {
                throw new FieldException("placement", "a split across devices needs at least two devices, got " + placement.size(),
                        "e.g. placement: [1, 1], or remove placement to run on one device");
            }
            int sum = 0;
            for (int layersThere : placement) {
                if (layersThere < 0) {
                    throw new FieldException("placement", "a device runs 0 or more LSTM layers, not " + layersThere, "e.g. placement: [1, 1]");
                }
                sum += layersThere;
            }
            if (sum != layers) {
                throw new FieldException("placement", "placement " + placement + " places " + sum + " LSTM layers but layers is " + layers,
                        "set layers: " + sum + ", or a placement whose entries sum to " + layers);
            }
        }
    }

    /** Devices the network runs on: placement's length, or 1. */
    public int devices() {
        return placement == null ? 1 : placement.size();
    }

    /** The weights setting, float32 when unset. */
    public WeightsSpec weightsOrFloat() {
        return Objects.requireNonNullElse(weights, WeightsSpec.FLOAT32);
    }
}
