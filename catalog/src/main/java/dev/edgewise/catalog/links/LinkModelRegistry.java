package dev.edgewise.catalog.links;

import dev.edgewise.dsl.spec.BernoulliLinksSpec;
import dev.edgewise.dsl.spec.GilbertElliottLinksSpec;
import dev.edgewise.dsl.spec.LinksSpec;
import dev.edgewise.dsl.spec.LoraLinksSpec;
import dev.edgewise.dsl.spec.PacketLinksSpec;
import dev.edgewise.dsl.spec.SpecVariants;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Link models by the record class of their spec. Public SPI: the built-ins ({@link
 * BernoulliLinksSpec}, {@link GilbertElliottLinksSpec}, {@link PacketLinksSpec}) are registered;
 * a project adds its own model with its own spec record:
 *
 * <pre>{@code
 * @Variant("my-links")
 * public record MyLinksSpec(double loss, double nodeFailure, boolean inTraining) implements LinksSpec { ... }
 *
 * SpecVariants.register(LinksSpec.class, MyLinksSpec.class);        // YAML may now say kind: my-links
 * Catalog.shared().links().register(MyLinksSpec.class, MyLinks::new); // and it resolves to MyLinks
 * }</pre>
 *
 * <p>A spec class cannot be registered twice, so a plug-in cannot silently replace a built-in
 * model that recorded results depend on. Thread-safe.
 */
public final class LinkModelRegistry {

    private final Map<Class<?>, Function<LinksSpec, LinkModel>> factories = new LinkedHashMap<>();

    /** A registry holding the built-in models. */
    public LinkModelRegistry() {
        register(BernoulliLinksSpec.class, BernoulliLinks::new);
        register(GilbertElliottLinksSpec.class, GilbertElliottLinks::new);
        register(PacketLinksSpec.class, PacketLinks::new);
        register(LoraLinksSpec.class, LoraLinks::new);
    }

    /**
     * Adds the model for specs of record class {@code spec}, and the record to the spec's
     * {@code links:} kinds (its {@code @Variant} name), so files can name it.
     *
     * @throws IllegalArgumentException when {@code spec} is not a record, or already registered
     */
    public synchronized <S extends LinksSpec> LinkModelRegistry register(Class<S> spec,
            Function<? super S, ? extends LinkModel> factory) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(factory, "factory");
        if (!spec.isRecord()) {
            throw new IllegalArgumentException("a links spec must be a record, got " + spec.getName());
        }
        if (factories.containsKey(spec)) {
            throw new IllegalArgumentException("a link model for " + spec.getName() + " is already registered");
        }
        SpecVariants.register(LinksSpec.class, spec);
        factories.put(spec, links -> factory.apply(spec.cast(links)));
        return this;
    }

    /**
     * The model for {@code spec}, by its record class.
     *
     * @throws IllegalArgumentException when no model is registered for the class, or the spec is
     *     invalid for its model (the message names the kind)
     */
    public LinkModel create(LinksSpec spec) {
        Objects.requireNonNull(spec, "links spec");
        Function<LinksSpec, LinkModel> factory;
        synchronized (this) {
            factory = factories.get(spec.getClass());
        }
        if (factory == null) {
            throw new IllegalArgumentException("no link model is registered for links kind '" + kind(spec.getClass())
                    + "' (" + spec.getClass().getName() + "); register one with Catalog.links().register("
                    + spec.getClass().getSimpleName() + ".class, factory); registered: "
                    + specs().stream().map(LinkModelRegistry::kind).collect(Collectors.joining(", ")));
        }
        LinkModel model;
        try {
            model = factory.apply(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("links kind '" + kind(spec.getClass()) + "': " + e.getMessage(), e);
        }
        if (model == null) {
            throw new IllegalStateException("the link model factory for " + spec.getClass().getName() + " returned null");
        }
        return model;
    }

    /** Registered spec classes, built-ins first, then in registration order. */
    public synchronized Set<Class<? extends LinksSpec>> specs() {
        Set<Class<? extends LinksSpec>> specs = new LinkedHashSet<>();
        factories.keySet().forEach(c -> specs.add(c.asSubclass(LinksSpec.class)));
        return Collections.unmodifiableSet(specs);
    }

    /** The kind a spec class answers to in YAML, or its simple name when it has no {@code @Variant}. */
    private static String kind(Class<?> spec) {
        try {
            return SpecVariants.kindOf(spec);
        } catch (IllegalStateException e) {
            return spec.getSimpleName();
        }
    }
}
