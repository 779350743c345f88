package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.ModelSpec;
import java.util.function.Consumer;

/** {@code model:} the per-node feature extractor and recurrent cell. */
public final class Model extends Section<Model> {

    Model(SpecNode node) {
        super(node, ModelSpec.class);
    }

    /** f_in: features the extractor passes to the cell. */
    public Model features(int features) {
        return set("features", features);
    }

    public Model extractor(Consumer<Extractor> body) {
        return section("extractor", Extractor::new, body);
    }

    public Model cell(Consumer<Cell> body) {
        return section("cell", Cell::new, body);
    }

    /** Layer stacks by role, for exchange kind upward. */
    public Model roles(Consumer<Roles> body) {
        return section("roles", Roles::new, body);
    }
}
