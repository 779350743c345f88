package dev.edgewise.engine.family.autoencoder;

import dev.edgewise.dsl.spec.Doc;
import dev.edgewise.dsl.spec.TaskSpec;
import dev.edgewise.dsl.spec.Variant;

/** {@code task: {kind: reconstruction}}. */
@Doc("Reproduce the input image; scored by the mean squared error per pixel and the PSNR.")
@Variant("reconstruction")
public record ReconstructionTaskSpec() implements TaskSpec {}
