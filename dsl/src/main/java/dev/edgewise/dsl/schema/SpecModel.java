package dev.edgewise.dsl.schema;

import dev.edgewise.dsl.Names;
import dev.edgewise.dsl.spec.Default;
import dev.edgewise.dsl.spec.Doc;
import dev.edgewise.dsl.spec.Range;
import dev.edgewise.dsl.spec.SpecEnum;
import dev.edgewise.dsl.spec.SpecVariants;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The spec records read as a description of the file format: keys, types, defaults, bounds and
 * docs, found by reflection the way the binder finds them, so that the schema and the reference
 * follow any key added to the records without being edited.
 */
final class SpecModel {

    /** One key of the file format at its full path ({@code model.extractor.dropout}). */
    record Key(String path, RecordComponent component, String kind) {

        Key(String path, RecordComponent component) {
            this(path, component, null);
        }

        String name() {
            return Names.snakeCase(component.getName());
        }

        Type type() {
            return component.getGenericType();
        }

        String doc() {
            Doc doc = component.getAnnotation(Doc.class);
            return doc != null ? doc.value() : "";
        }

        /** The YAML literal used when the key is left out; null when the key is required or is a section. */
        String defaultLiteral() {
            Default declared = component.getAnnotation(Default.class);
            return declared == null || declared.value().equals("~") ? null : declared.value();
        }

        /** Null is allowed (and is the default): the key is optional and "unset" means something. */
        boolean nullable() {
            Default declared = component.getAnnotation(Default.class);
            return declared != null && declared.value().equals("~");
        }

        boolean required() {
            return SpecModel.required(component);
        }

        Range range() {
            return component.getAnnotation(Range.class);
        }

        boolean section() {
            return component.getType().isRecord() || variants();
        }

        /** A section chosen by its {@code kind:} key. */
        boolean variants() {
            return SpecVariants.isSection(component.getType());
        }

        /** A map whose keys are the kinds of its values ({@code loss.terms}); null when it is not one. */
        Class<?> keyedSection() {
            Type type = type();
            if (java.util.Map.class.equals(raw(type))) {
                Class<?> value = raw(argument(type, 1));
                return SpecVariants.isSection(value) ? value : null;
            }
            return null;
        }
    }

    private SpecModel() {}

    /** Every key below {@code record}, depth first in declaration order, sections before their keys. */
    static List<Key> keys(Class<?> record) {
        List<Key> keys = new ArrayList<>();
        collect(record, "", keys, null);
        return keys;
    }

    /**
     * A section chosen by kind contributes each kind's keys, marked with the kind (two kinds may
     * share a key, as both exchanges have message_size); a map of variants contributes each kind's
     * keys under the kind's name, as a file writes them.
     */
    private static void collect(Class<?> record, String prefix, List<Key> into, String kind) {
        for (RecordComponent component : record.getRecordComponents()) {
            Key key = new Key(prefix + Names.snakeCase(component.getName()), component, kind);
            into.add(key);
            if (key.variants()) {
                kinds(component.getType()).forEach((name, variant) -> collect(variant, key.path() + ".", into, name));
            } else if (key.section()) {
                collect(component.getType(), key.path() + ".", into, kind);
            } else if (key.keyedSection() != null) {
                kinds(key.keyedSection()).forEach((name, variant) -> collect(variant, key.path() + "." + name + ".", into, kind));
            }
        }
    }

    /** As the binder decides it: no default, and not a section whose every key has a default. */
    static boolean required(RecordComponent component) {
        if (component.isAnnotationPresent(Default.class)) {
            return false;
        }
        // As the binder: a section chosen by kind is required unless its kind has a default and a
        // @Default spells it out.
        return !component.getType().isRecord() || hasRequiredKeys(component.getType());
    }

    static boolean hasRequiredKeys(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).anyMatch(SpecModel::required);
    }

    /**
     * The built-in kinds of a section, by name. The committed schema and reference describe what
     * every installation has; plug-ins registered at run time are not part of the file format.
     */
    static java.util.Map<String, Class<?>> kinds(Class<?> section) {
        java.util.Map<String, Class<?>> kinds = new java.util.LinkedHashMap<>();
        for (Class<?> variant : section.getAnnotation(dev.edgewise.dsl.spec.Variants.class).value()) {
            kinds.put(SpecVariants.kindOf(variant), variant);
        }
        return kinds;
    }

    static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    static Type argument(Type type, int index) {
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }

    static List<String> enumNames(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> ((SpecEnum) c).yamlName()).toList();
    }

    static boolean isInteger(Class<?> type) {
        return type == int.class || type == Integer.class || type == long.class || type == Long.class;
    }

    static boolean isNumber(Class<?> type) {
        return type == double.class || type == Double.class;
    }

    static boolean isBoolean(Class<?> type) {
        return type == boolean.class || type == Boolean.class;
    }

    static boolean isEnum(Class<?> type) {
        return type.isEnum() && SpecEnum.class.isAssignableFrom(type);
    }

    static boolean hasMin(Range range) {
        return range != null && range.min() != Double.NEGATIVE_INFINITY;
    }

    static boolean hasMax(Range range) {
        return range != null && range.max() != Double.POSITIVE_INFINITY;
    }

    /** {@code 10000} rather than {@code 10000.0}, so bounds read as written in the records. */
    static Number bound(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Number) (long) value : (Number) value;
    }
}
