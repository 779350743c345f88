package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.BaseSpec;
import java.util.List;
import java.util.Map;

/** {@code model.base:} (model kind split) what the base station computes from the messages. */
public final class Base extends Section<Base> {

    Base(SpecNode node) {
        super(node, BaseSpec.class);
    }

    @SafeVarargs
    public final Base layers(Map<String, Object>... layers) {
        return set("layers", List.of(layers));
    }

    public Base layers(List<Map<String, Object>> layers) {
        return set("layers", layers);
    }
}
