package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.ExtractorSpec;
import java.util.function.Consumer;

/** {@code model.extractor:} (model kind crnn) the per-node CNN. */
public final class Extractor extends Section<Extractor> {

    Extractor(SpecNode node) {
        super(node, ExtractorSpec.class);
    }

    /** Channel dropout rate after the second convolution (training only). */
    public Extractor dropout(double rate) {
        return set("dropout", rate);
    }

    public Extractor pretrain(Consumer<Pretrain> body) {
        return section("pretrain", Pretrain::new, body);
    }

    /** Whether end-to-end training also updates the extractor. */
    public Extractor trainable(boolean trainable) {
        return set("trainable", trainable);
    }
}
