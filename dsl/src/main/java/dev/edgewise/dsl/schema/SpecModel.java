package dev.edgewise.dsl.schema;

import dev.edgewise.dsl.Names;
import dev.edgewise.dsl.spec.Default;
import dev.edgewise.dsl.spec.Doc;
import dev.edgewise.dsl.spec.Range;
import dev.edgewise.dsl.spec.SpecEnum;
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
    record Key(String path, RecordComponent component) {

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
            return component.getType().isRecord();
        }
    }

    private SpecModel() {}

    /** Every key below {@code record}, depth first in declaration order, sections before their keys. */
    static List<Key> keys(Class<?> record) {
        List<Key> keys = new ArrayList<>();
        collect(record, "", keys);
        return keys;
    }

    private static void collect(Class<?> record, String prefix, List<Key> into) {
        for (RecordComponent component : record.getRecordComponents()) {
            Key key = new Key(prefix + Names.snakeCase(component.getName()), component);
            into.add(key);
            if (key.section()) {
                collect(component.getType(), key.path() + ".", into);
            }
        }
    }

    /** As the binder decides it: no default, and not a section whose every key has a default. */
    static boolean required(RecordComponent component) {
        if (component.isAnnotationPresent(Default.class)) {
            return false;
        }
        return !component.getType().isRecord() || hasRequiredKeys(component.getType());
    }

    static boolean hasRequiredKeys(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).anyMatch(SpecModel::required);
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
