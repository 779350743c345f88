package dev.edgewise.dsl;

import dev.edgewise.dsl.spec.ExperimentSpec;

/** A spec together with where each of its fields came from. */
public record LoadedSpec(ExperimentSpec spec, SourceMap sources) {}
