package dev.edgewise.engine.family.autoencoder;

import dev.edgewise.dsl.spec.Default;
import dev.edgewise.dsl.spec.Doc;
import dev.edgewise.dsl.spec.ModelSpec;
import dev.edgewise.dsl.spec.Range;
import dev.edgewise.dsl.spec.Variant;

/** {@code model: {kind: autoencoder, hidden: 32}}: every node encodes its part of the image, the base decodes the whole. */
@Doc("A test family: each sensor node encodes what it sees into exchange.message_size values (dense, ReLU, dense); the base"
        + " station decodes all codes back into the whole image (dense, sigmoid).")
@Variant("autoencoder")
public record AutoencoderSpec(
        @Doc("Width of the encoder's hidden layer.") @Default("32") @Range(min = 1, max = 4096)
        int hidden) implements ModelSpec {}
