package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.WeightsSpec;

/** {@code weights:} how a model's weights are stored on its device (any family's). */
public final class Weights extends Section<Weights> {

    Weights(SpecNode node) {
        super(node, WeightsSpec.class);
    }

    /** 32, 16, 8 or 4. */
    public Weights bits(int bits) {
        return set("bits", bits);
    }

    /** ptq or qat. */
    public Weights method(WeightsSpec.Method method) {
        return set("method", method);
    }

    /** One scale per tensor or per output channel. */
    public Weights scales(WeightsSpec.Scales scales) {
        return set("scales", scales);
    }
}
