package dev.edgewise.dsl.spec;

import java.util.Objects;

@Doc("What each node computes. peer: a CNN feature extractor feeding a recurrent cell, weights tied across nodes;"
        + " upward: the layer stacks of model.roles.")
public record ModelSpec(
        @Doc("f_in: features the extractor passes to the cell.") @Default("25") @Range(min = 1, max = 4096)
        int features,
        @Doc("The per-node CNN feature extractor.") ExtractorSpec extractor,
        @Doc("The recurrent cell f_theta that updates a node's latent state each round.") CellSpec cell,
        @Doc("Layer stacks by role (sensor, base station) for exchange.kind upward; the peer family ignores them.")
        @Default("~")
        RolesSpec roles) {

    public ModelSpec {
        Objects.requireNonNull(extractor, "extractor");
        Objects.requireNonNull(cell, "cell");
    }
}
