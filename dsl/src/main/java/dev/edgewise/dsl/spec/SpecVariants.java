package dev.edgewise.dsl.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which records a section with {@link Variants} may hold, by kind: the built-ins its annotation
 * lists, then those plug-ins registered. One registry for the whole JVM, as a YAML file names
 * kinds without saying where they come from.
 */
public final class SpecVariants {

    private static final Map<Class<?>, Map<String, Class<?>>> REGISTERED = new ConcurrentHashMap<>();

    private SpecVariants() {}

    /** Whether {@code type} is a section chosen by kind. */
    public static boolean isSection(Class<?> type) {
        return type.isInterface() && type.isAnnotationPresent(Variants.class);
    }

    /** The kinds of {@code section} in the order they were declared, built-ins first. */
    public static Map<String, Class<?>> of(Class<?> section) {
        Variants declared = section.getAnnotation(Variants.class);
        if (declared == null) {
            throw new IllegalArgumentException(section.getName() + " is not a section with @Variants");
        }
        Map<String, Class<?>> kinds = new LinkedHashMap<>();
        for (Class<?> variant : declared.value()) {
            kinds.put(kindOf(variant), variant);
        }
        kinds.putAll(REGISTERED.getOrDefault(section, Map.of()));
        return Collections.unmodifiableMap(kinds);
    }

    /** The kind taken when {@code kind:} is left out, or null when it is required. */
    public static String defaultKind(Class<?> section) {
        String kind = section.getAnnotation(Variants.class).defaultKind();
        return kind.isEmpty() ? null : kind;
    }

    /** The kind {@code variant} answers to, from its {@link Variant} annotation. */
    public static String kindOf(Class<?> variant) {
        Variant name = variant.getAnnotation(Variant.class);
        if (name == null) {
            throw new IllegalStateException(variant.getName() + " has no @Variant name");
        }
        return name.value();
    }

    /**
     * Adds {@code variant} as a kind of {@code section}, for a plug-in (a family, a link model, a
     * task). Registering the same record again is allowed (a script loaded twice); another record
     * under a taken kind is refused, so a plug-in cannot replace a built-in.
     */
    public static synchronized <S> void register(Class<S> section, Class<? extends S> variant) {
        Objects.requireNonNull(variant, "variant");
        if (!variant.isRecord()) {
            throw new IllegalArgumentException(variant.getName() + " must be a record");
        }
        String kind = kindOf(variant);
        Class<?> taken = of(section).get(kind);
        if (taken != null && !taken.getName().equals(variant.getName())) {
            throw new IllegalArgumentException(section.getSimpleName() + " kind '" + kind + "' is already " + taken.getName());
        }
        REGISTERED.computeIfAbsent(section, s -> Collections.synchronizedMap(new LinkedHashMap<>())).put(kind, variant);
    }
}
