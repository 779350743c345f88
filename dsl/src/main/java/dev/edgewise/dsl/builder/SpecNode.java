package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.SpecEnum;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mapping under construction: the builder's equivalent of a YAML mapping, keyed by YAML key,
 * remembering where each entry was set. It holds plain values only; validation and defaults are
 * left to the same binder that reads YAML, so a builder cannot accept what a file would reject.
 */
final class SpecNode {

    /** One key's value (a scalar, a list, a string-keyed map or a nested node) and where it was set. */
    record Entry(Object value, CallSite site) {}

    private final CallSite site;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    SpecNode(CallSite site) {
        this.site = site;
    }

    CallSite site() {
        return site;
    }

    Map<String, Entry> entries() {
        return entries;
    }

    Entry entry(String key) {
        return entries.get(key);
    }

    void put(String key, Object value, CallSite at) {
        entries.put(key, new Entry(checked(value), at));
    }

    void remove(String key) {
        entries.remove(key);
    }

    /** The nested mapping at {@code key}, created where it is first touched; replaces a scalar set there. */
    SpecNode child(String key, CallSite at) {
        Entry existing = entries.get(key);
        if (existing != null && existing.value() instanceof SpecNode node) {
            return node;
        }
        SpecNode node = new SpecNode(at);
        entries.put(key, new Entry(node, at));
        return node;
    }

    SpecNode copy(CallSite at) {
        SpecNode copy = new SpecNode(at);
        entries.forEach((key, entry) -> copy.entries.put(key,
                new Entry(entry.value() instanceof SpecNode node ? node.copy(node.site) : entry.value(), entry.site())));
        return copy;
    }

    /**
     * Values are copied into plain immutable shapes when set, so later changes to a caller's list
     * cannot change an experiment that was already described.
     */
    private static Object checked(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof SpecEnum
                || value instanceof Integer || value instanceof Long || value instanceof Double || value instanceof SpecNode) {
            return value;
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(checked(item)));
            return java.util.Collections.unmodifiableList(copy);
        }
        if (value instanceof int[] ints) {
            List<Object> copy = new ArrayList<>(ints.length);
            for (int i : ints) {
                copy.add(i);
            }
            return java.util.Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!(k instanceof String key)) {
                    throw new IllegalArgumentException("spec map keys must be strings, got " + k);
                }
                copy.put(key, checked(v));
            });
            return java.util.Collections.unmodifiableMap(copy);
        }
        throw new IllegalArgumentException("a spec value must be a string, number, boolean, spec enum, list or map, got "
                + value.getClass().getName());
    }
}
