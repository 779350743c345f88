package dev.edgewise.dsl.builder;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One mapping of an experiment being described ({@code data}, {@code training}, ...): typed
 * setters in subclasses, plus {@link #set} and {@link #get} by YAML key for what has no typed
 * method yet. Nothing is checked until the experiment is built, and then everything is, at once.
 *
 * @param <S> the concrete section, so setters chain
 */
public abstract class Section<S extends Section<S>> {

    private final SpecNode node;
    private final Class<?> record;

    /** {@code record} is where defaults are read for {@link #get}; null for a kind nobody registered. */
    Section(SpecNode node, Class<?> record) {
        this.node = node;
        this.record = record;
    }

    /**
     * Sets a key by its YAML name (snake_case), or a dotted path of them ({@code
     * "extractor.pretrain.epochs"}). Typed setters are clearer; this reaches keys that have none.
     */
    public S set(String key, Object value) {
        Objects.requireNonNull(key, "key");
        String[] parts = key.split("\\.");
        CallSite site = CallSites.capture(camelCase(parts[parts.length - 1]));
        SpecNode target = node;
        for (int i = 0; i < parts.length - 1; i++) {
            target = target.child(parts[i], site);
        }
        target.put(parts[parts.length - 1], value, site);
        return self();
    }

    /**
     * The value of a key of this section: what was set, else its default. Reading a key that has
     * no default before setting it is an error.
     */
    public Object get(String key) {
        SpecNode.Entry entry = node.entry(key);
        if (entry != null && !(entry.value() instanceof SpecNode)) {
            return entry.value();
        }
        if (record == null) {
            throw new IllegalStateException("'" + key + "' has no default here: set it before reading it");
        }
        return Defaults.of(record, key);
    }

    SpecNode node() {
        return node;
    }

    /** Applies {@code body} to the nested section at {@code key}, creating it here if new. */
    <T extends Section<T>> S section(String key, Function<SpecNode, T> make, Consumer<? super T> body) {
        Objects.requireNonNull(body, "body");
        body.accept(make.apply(node.child(key, CallSites.capture(camelCase(key)))));
        return self();
    }

    /**
     * Puts {@code variant} at {@code key} as a fresh mapping headed by its kind (or, in a map of
     * variants such as {@code loss.terms}, under its kind). Whatever an earlier call set there is
     * dropped: the keys of one kind are not the keys of another.
     */
    S variant(String key, Variant<?> variant, boolean keyed) {
        Objects.requireNonNull(variant, key);
        CallSite site = CallSites.capture(camelCase(key));
        SpecNode fresh = new SpecNode(site);
        if (keyed) {
            node.child(key, site).put(variant.kind(), fresh, site);
        } else {
            fresh.put("kind", variant.kind(), site);
            node.put(key, fresh, site);
        }
        variant.fill(fresh);
        return self();
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    static String camelCase(String snake) {
        StringBuilder out = new StringBuilder(snake.length());
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
