package dev.edgewise.dsl.spec;

import java.util.List;

@Doc("The recurrent cell f_theta: dense layers from z = [x, s, d] back to the width of z, ReLU after each.")
public record CellSpec(
        @Doc("Widths of the hidden dense layers.") @Default("[50, 8]") @Range(min = 1, max = 65536)
        List<Integer> hidden) {

    public CellSpec {
        hidden = List.copyOf(hidden);
        if (hidden.isEmpty()) {
            throw new FieldException("hidden", "hidden must list at least one layer width", "e.g. hidden: [50]");
        }
    }
}
