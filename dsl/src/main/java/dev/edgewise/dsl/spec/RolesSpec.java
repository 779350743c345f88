package dev.edgewise.dsl.spec;

import java.util.Objects;

@Doc("Layer stacks by role, for exchange.kind upward: sensor nodes compress what they see, the base station infers.")
public record RolesSpec(
        @Doc("What each sensor node computes.") SensorSpec sensor,
        @Doc("What the base station computes.") BaseSpec base) {

    public RolesSpec {
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(base, "base");
    }
}
