package dev.edgewise.dsl.spec;

import java.util.Objects;

@Doc("The task the nodes solve together.")
public record TaskSpec(
        @Doc("max: every node outputs (largest digit seen by any node)/9. max-parity: the parity (0 even, 1 odd) of that digit.")
        @Default("max")
        Kind kind) {

    public TaskSpec {
        Objects.requireNonNull(kind, "kind");
    }

    public enum Kind implements SpecEnum {
        MAX,
        MAX_PARITY
    }
}
