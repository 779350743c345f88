package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.SpecVariants;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One kind of a section chosen by kind ({@code model}, {@code exchange}, {@code links}, {@code task},
 * a loss term), with the settings to give it: what {@link Experiment#model}, {@link
 * Experiment#exchange} and the like take. The factories of {@link Model}, {@link Exchange}, {@link
 * Links}, {@link Task} make the built-in kinds; {@link #of(Class, String, Consumer)} makes a plug-in's.
 *
 * @param <I> the section interface, so that a links kind cannot be passed as a model
 */
public final class Variant<I> {

    private final String kind;
    private final Class<?> record;
    private final Consumer<SpecNode> fill;

    private Variant(String kind, Class<?> record, Consumer<SpecNode> fill) {
        this.kind = kind;
        this.record = record;
        this.fill = fill;
    }

    static <I, V extends Section<V>> Variant<I> of(Class<? extends I> record, Function<SpecNode, V> make, Consumer<? super V> body) {
        Objects.requireNonNull(body, "body");
        return new Variant<>(SpecVariants.kindOf(record), record, node -> body.accept(make.apply(node)));
    }

    /**
     * A kind registered by a plug-in ({@link SpecVariants#register}), its keys set by YAML name:
     * {@code Variant.of(ModelSpec.class, "my-family", s -> s.set("depth", 3))}. An unregistered kind
     * is reported when the experiment is built, as in a file.
     */
    public static <I> Variant<I> of(Class<I> section, String kind, Consumer<Settings> body) {
        Objects.requireNonNull(body, "body");
        Class<?> record = SpecVariants.of(section).get(kind);
        return new Variant<>(kind, record, node -> body.accept(new Settings(node, record)));
    }

    /** The value of {@code kind:} (or the loss term's key). */
    public String kind() {
        return kind;
    }

    Class<?> record() {
        return record;
    }

    void fill(SpecNode node) {
        fill.accept(node);
    }

    /** The keys of a plug-in's kind, set by YAML name with {@link #set}. */
    public static final class Settings extends Section<Settings> {

        Settings(SpecNode node, Class<?> record) {
            super(node, record);
        }
    }
}
