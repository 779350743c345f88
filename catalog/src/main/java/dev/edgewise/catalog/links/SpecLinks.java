package dev.edgewise.catalog.links;

import dev.edgewise.dsl.spec.LinksSpec;

/**
 * What the built-in models share: the spec they were made from, {@code reliable()} as the spec
 * answers it, and the node failure check every kind has.
 */
abstract class SpecLinks<S extends LinksSpec> implements LinkModel {

    private final S spec;

    SpecLinks(S spec) {
        Draws.probability("node_failure", spec.nodeFailure());
        this.spec = spec;
    }

    /** The spec this model was made from. */
    public S spec() {
        return spec;
    }

    @Override
    public boolean reliable() {
        return spec.reliable();
    }
}
