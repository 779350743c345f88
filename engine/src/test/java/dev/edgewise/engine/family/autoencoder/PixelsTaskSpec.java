package dev.edgewise.engine.family.autoencoder;

import dev.edgewise.dsl.spec.Doc;
import dev.edgewise.dsl.spec.TaskSpec;
import dev.edgewise.dsl.spec.Variant;

/** {@code task: {kind: pixels}}: a test-only task, registered by the test plug-in (the built-in reconstruction task scores MS-SSIM too). */
@Doc("Reproduce the input image; scored by the mean squared error per pixel and the PSNR.")
@Variant("pixels")
public record PixelsTaskSpec() implements TaskSpec {}
