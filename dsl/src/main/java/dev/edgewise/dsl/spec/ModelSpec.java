package dev.edgewise.dsl.spec;

import java.util.Objects;

@Doc("What each node computes: a CNN feature extractor feeding a recurrent cell. Weights are tied across nodes.")
public record ModelSpec(
        @Doc("f_in: features the extractor passes to the cell.") @Default("25") @Range(min = 1, max = 4096)
        int features,
        @Doc("The per-node CNN feature extractor.") ExtractorSpec extractor,
        @Doc("The recurrent cell f_theta that updates a node's latent state each round.") CellSpec cell) {

    public ModelSpec {
        Objects.requireNonNull(extractor, "extractor");
        Objects.requireNonNull(cell, "cell");
    }
}
