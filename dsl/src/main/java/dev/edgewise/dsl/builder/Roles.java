package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.RolesSpec;
import java.util.function.Consumer;

/** {@code model.roles:} the layer stacks of the sensor nodes and the base station (exchange kind upward). */
public final class Roles extends Section<Roles> {

    Roles(SpecNode node) {
        super(node, RolesSpec.class);
    }

    public Roles sensor(Consumer<Sensor> body) {
        return section("sensor", Sensor::new, body);
    }

    public Roles base(Consumer<Base> body) {
        return section("base", Base::new, body);
    }
}
