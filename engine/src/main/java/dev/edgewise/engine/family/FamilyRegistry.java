package dev.edgewise.engine.family;

import dev.edgewise.dsl.spec.ModelSpec;
import dev.edgewise.dsl.spec.SpecVariants;
import dev.edgewise.engine.family.codec.CodecFamily;
import dev.edgewise.engine.family.codec.JpegFamily;
import dev.edgewise.engine.family.crnn.CrnnFamily;
import dev.edgewise.engine.family.lora.LoraNetworkFamily;
import dev.edgewise.engine.family.split.SplitFamily;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The model families, by the spec record they read: the built-ins and any registered by Java
 * code or a script. This is the only place that picks code by family.
 */
public final class FamilyRegistry {

    private static final Map<String, ModelFamily<?>> FAMILIES = new LinkedHashMap<>();

    static {
        add(new CrnnFamily());
        add(new SplitFamily());
        add(new CodecFamily());
        add(new JpegFamily());
        add(new LoraNetworkFamily());
        add(new dev.edgewise.engine.family.forecast.LstmFamily());
    }

    private FamilyRegistry() {}

    /** The family that reads {@code model}. */
    public static synchronized ModelFamily<?> of(ModelSpec model) {
        ModelFamily<?> family = FAMILIES.get(model.getClass().getName());
        if (family == null) {
            throw new IllegalArgumentException("no model family is registered for model kind '" + model.kind() + "'");
        }
        return family;
    }

    /** Every family, built-ins first. */
    public static synchronized List<ModelFamily<?>> all() {
        return List.copyOf(FAMILIES.values());
    }

    /**
     * Adds {@code family} and its spec variant, so files can say {@code model: {kind: <its kind>}}.
     * The same family class registering again (a script loaded twice) replaces itself; another
     * family under a taken kind is refused.
     */
    public static synchronized void register(ModelFamily<?> family) {
        Objects.requireNonNull(family, "family");
        SpecVariants.register(ModelSpec.class, family.spec());
        add(family);
    }

    private static void add(ModelFamily<?> family) {
        FAMILIES.put(family.spec().getName(), family);
    }
}
