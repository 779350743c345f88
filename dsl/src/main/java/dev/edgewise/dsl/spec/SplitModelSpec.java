package dev.edgewise.dsl.spec;

import java.util.Objects;

@Doc("Split inference: sensor nodes compress what they see with a layer stack and send the result once to a base station"
        + " that runs its own stack (exchange kind upward).")
@Variant("split")
public record SplitModelSpec(
        @Doc("What each sensor node computes.") SensorSpec sensor,
        @Doc("What the base station computes.") BaseSpec base) implements ModelSpec {

    public SplitModelSpec {
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(base, "base");
    }
}
