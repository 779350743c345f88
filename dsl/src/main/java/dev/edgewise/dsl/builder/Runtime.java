package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.RuntimeSpec;

/** {@code runtime:} which engine computes the run. */
public final class Runtime extends Section<Runtime> {

    Runtime(SpecNode node) {
        super(node, RuntimeSpec.class);
    }

    /** {@code mxnet} (the default) or {@code pytorch}. */
    public Runtime engine(RuntimeSpec.Engine engine) {
        return set("engine", engine);
    }
}
