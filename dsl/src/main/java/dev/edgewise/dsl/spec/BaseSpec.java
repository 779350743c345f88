package dev.edgewise.dsl.spec;

import java.util.List;
import java.util.Objects;

@Doc("The base station role: what it computes from the concatenated messages of all nodes (node 0 first).")
public record BaseSpec(
        @Doc("The layers, first to last; the last one's width is the task's output (classes for classification, 1 for max).")
        List<LayerSpec> layers) {

    public BaseSpec {
        layers = List.copyOf(Objects.requireNonNull(layers, "layers"));
        if (layers.isEmpty()) {
            throw new FieldException("layers", "layers must list at least one layer", "e.g. layers: [{type: dense, units: 10}]");
        }
    }
}
