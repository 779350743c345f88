package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.Names;
import dev.edgewise.dsl.spec.Default;
import dev.edgewise.dsl.spec.SpecEnum;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The value a key has while nobody has set it, read from the record's {@link Default}: what a
 * builder getter returns before a setter was called. Building never uses this (the binder fills
 * defaults itself), so it only has to agree with the binder on the handful of literal shapes the
 * spec records use.
 */
final class Defaults {

    private Defaults() {}

    static RecordComponent component(Class<?> record, String key) {
        for (RecordComponent component : record.getRecordComponents()) {
            if (Names.snakeCase(component.getName()).equals(key)) {
                return component;
            }
        }
        return null;
    }

    static Object of(Class<?> record, String key) {
        RecordComponent component = component(record, key);
        if (component == null) {
            throw new IllegalArgumentException("'" + key + "' is not a key of " + record.getSimpleName());
        }
        Default declared = component.getAnnotation(Default.class);
        if (declared == null) {
            throw new IllegalStateException("'" + key + "' has no default: set it before reading it");
        }
        Object literal = new Yaml(new LoaderOptions()).load(declared.value());
        return convert(literal, component.getGenericType());
    }

    private static Object convert(Object value, Type type) {
        if (value == null) {
            return null;
        }
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == long.class || raw == Long.class) {
            return ((Number) value).longValue();
        }
        if (raw == int.class || raw == Integer.class) {
            return ((Number) value).intValue();
        }
        if (raw == double.class || raw == Double.class) {
            return ((Number) value).doubleValue();
        }
        if (raw.isEnum() && SpecEnum.class.isAssignableFrom(raw)) {
            for (Object constant : raw.getEnumConstants()) {
                if (((SpecEnum) constant).yamlName().equals(value)) {
                    return constant;
                }
            }
            throw new IllegalStateException("default '" + value + "' is not a " + raw.getSimpleName());
        }
        if (List.class.equals(raw)) {
            Type item = ((ParameterizedType) type).getActualTypeArguments()[0];
            List<Object> list = new ArrayList<>();
            ((List<?>) value).forEach(v -> list.add(convert(v, item)));
            return List.copyOf(list);
        }
        if (Map.class.equals(raw)) {
            Type item = ((ParameterizedType) type).getActualTypeArguments()[1];
            Map<String, Object> map = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> map.put((String) k, convert(v, item)));
            return java.util.Collections.unmodifiableMap(map);
        }
        return value;
    }
}
