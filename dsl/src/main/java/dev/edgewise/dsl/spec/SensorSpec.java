package dev.edgewise.dsl.spec;

import java.util.List;
import java.util.Objects;

@Doc("The sensor role: what every node computes from what it sees, before it transmits.")
public record SensorSpec(
        @Doc("true: one set of weights shared by every node; false: each node has its own.") @Default("true")
        boolean tied,
        @Doc("Where the sensor stack runs. node: the node computes it and transmits its output (the message);"
                + " base: the node transmits its raw input and the base station runs the same stack (same function, other bytes).")
        @Default("node")
        Placement placement,
        @Doc("The layers, first to last. With placement node the output must be exchange.message_size values.")
        List<LayerSpec> layers) {

    public SensorSpec {
        Objects.requireNonNull(placement, "placement");
        layers = List.copyOf(Objects.requireNonNull(layers, "layers"));
        if (layers.isEmpty()) {
            throw new FieldException("layers", "layers must list at least one layer", "e.g. layers: [{type: dense}]");
        }
    }

    public enum Placement implements SpecEnum {
        NODE,
        BASE
    }
}
