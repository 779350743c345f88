package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.RuntimeSpec;

/** {@code runtime:} which engine computes the run (not "Runtime": that would hide java.lang.Runtime in this package). */
public final class RuntimeSection extends Section<RuntimeSection> {

    RuntimeSection(SpecNode node) {
        super(node, RuntimeSpec.class);
    }

    /** {@code mxnet} (the default) or {@code pytorch}. */
    public RuntimeSection engine(RuntimeSpec.Engine engine) {
        return set("engine", engine);
    }
}
