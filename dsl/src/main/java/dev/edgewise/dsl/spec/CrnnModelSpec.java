package dev.edgewise.dsl.spec;

import java.util.Objects;

@Doc("The communicating C-RNN: every node runs a CNN feature extractor feeding a recurrent cell that exchanges gated"
        + " messages with its neighbours (exchange kind peer). Weights are tied across nodes.")
@Variant("crnn")
public record CrnnModelSpec(
        @Doc("f_in: features the extractor passes to the cell.") @Default("25") @Range(min = 1, max = 4096)
        int features,
        @Doc("The per-node CNN feature extractor.") ExtractorSpec extractor,
        @Doc("The recurrent cell f_theta that updates a node's latent state each round.") CellSpec cell) implements ModelSpec {

    public CrnnModelSpec {
        Objects.requireNonNull(extractor, "extractor");
        Objects.requireNonNull(cell, "cell");
    }
}
