package dev.edgewise.dsl.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgewise.dsl.spec.Doc;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.Range;
import dev.edgewise.dsl.spec.SpecVariants;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A JSON Schema (draft-07, the draft YAML editors support best) of experiment files, generated
 * from the spec records, so editors complete keys, show each key's description and default, and
 * flag wrong types, unknown keys and out-of-range numbers as you type.
 *
 * <p>It checks what a schema can: shapes, types, bounds, enum values and required keys. Checks
 * that relate several keys (a grid's rows x cols = nodes, edge endpoints < nodes) or live in
 * record constructors (the name pattern, loss term names) are left to {@code edgewise validate}.
 */
public final class JsonSchema {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonSchema() {}

    /** The schema as indented JSON text ending in a newline. */
    public static String generate() {
        try {
            return MAPPER.writeValueAsString(schema()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the schema", e);
        }
    }

    public static ObjectNode schema() {
        ObjectNode root = JSON.objectNode();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.put("title", "edgewise experiment");
        root.setAll(record(ExperimentSpec.class));
        return root;
    }

    /**
     * A section chosen by kind: one branch per kind, each the kind's record with {@code kind} fixed
     * by {@code const} (required, except in the default kind's branch). Exactly one branch matches a
     * valid section, so {@code oneOf} works with draft-07 validators and editors alike.
     */
    private static ObjectNode variants(Class<?> section) {
        ObjectNode schema = JSON.objectNode();
        Doc doc = section.getAnnotation(Doc.class);
        if (doc != null) {
            schema.put("description", doc.value());
        }
        schema.put("type", "object");
        String defaultKind = SpecVariants.defaultKind(section);
        ObjectNode kindProperty = schema.putObject("properties").putObject("kind");
        kindProperty.put("description", "Which kind of " + section.getSimpleName().replace("Spec", "").toLowerCase(java.util.Locale.ROOT)
                + " this is; it decides the other keys.");
        kindProperty.put("type", "string");
        ArrayNode kinds = kindProperty.putArray("enum");
        if (defaultKind != null) {
            kindProperty.put("default", defaultKind);
        } else {
            schema.putArray("required").add("kind");
        }
        ArrayNode branches = schema.putArray("oneOf");
        SpecModel.kinds(section).forEach((kind, variant) -> {
            kinds.add(kind);
            ObjectNode branch = record(variant);
            ObjectNode properties = JSON.objectNode();
            properties.putObject("kind").put("const", kind);
            properties.setAll((ObjectNode) branch.get("properties"));
            branch.set("properties", properties);
            if (!kind.equals(defaultKind)) {
                ArrayNode required = JSON.arrayNode().add("kind");
                if (branch.has("required")) {
                    required.addAll((ArrayNode) branch.get("required"));
                }
                branch.set("required", required);
            }
            branches.add(branch);
        });
        return schema;
    }

    /** A map of variants ({@code loss.terms}): each key is a kind, its value that kind's record. */
    private static ObjectNode keyed(Class<?> section) {
        ObjectNode schema = JSON.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        SpecModel.kinds(section).forEach((kind, variant) -> properties.set(kind, record(variant)));
        schema.put("additionalProperties", false);
        return schema;
    }

    private static ObjectNode record(Class<?> type) {
        ObjectNode schema = JSON.objectNode();
        Doc doc = type.getAnnotation(Doc.class);
        if (doc != null) {
            schema.put("description", doc.value());
        }
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        for (RecordComponent component : type.getRecordComponents()) {
            SpecModel.Key key = new SpecModel.Key("", component);
            properties.set(key.name(), property(key));
            if (key.required()) {
                required.add(key.name());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private static ObjectNode property(SpecModel.Key key) {
        ObjectNode schema = key.variants() ? variants(key.component().getType())
                : key.section() ? record(key.component().getType()) : value(key.type(), key.range());
        // A section's own doc (on its record) says more than the one-liner on the key that holds it.
        if (!schema.has("description")) {
            schema.put("description", key.doc());
        }
        if (key.nullable()) {
            ArrayNode types = JSON.arrayNode().add(schema.get("type").asText()).add("null");
            schema.set("type", types);
        }
        if (key.defaultLiteral() != null) {
            schema.set("default", literal(key.defaultLiteral()));
        }
        return reorder(schema);
    }

    private static ObjectNode value(Type type, Range range) {
        Class<?> raw = SpecModel.raw(type);
        ObjectNode schema = JSON.objectNode();
        if (SpecModel.isInteger(raw)) {
            schema.put("type", "integer");
            bounds(schema, range);
        } else if (SpecModel.isNumber(raw)) {
            schema.put("type", "number");
            bounds(schema, range);
        } else if (SpecModel.isBoolean(raw)) {
            schema.put("type", "boolean");
        } else if (raw == String.class) {
            schema.put("type", "string");
        } else if (SpecModel.isEnum(raw)) {
            schema.put("type", "string");
            ArrayNode values = schema.putArray("enum");
            SpecModel.enumNames(raw).forEach(values::add);
        } else if (java.util.List.class.equals(raw)) {
            schema.put("type", "array");
            // A range on a list bounds each number in it, as the binder applies it.
            schema.set("items", value(SpecModel.argument(type, 0), range));
        } else if (java.util.Map.class.equals(raw) && SpecVariants.isSection(SpecModel.raw(SpecModel.argument(type, 1)))) {
            return keyed(SpecModel.raw(SpecModel.argument(type, 1)));
        } else if (java.util.Map.class.equals(raw)) {
            schema.put("type", "object");
            schema.set("additionalProperties", value(SpecModel.argument(type, 1), range));
        } else if (raw.isRecord()) {
            return record(raw);
        } else if (raw == Object.class) {
            // Any YAML value (a sweep axis: a list or a range); the binder checks it against the path it sets.
            return schema;
        } else {
            throw new IllegalStateException("spec records use a type the schema does not know: " + type);
        }
        return schema;
    }

    private static void bounds(ObjectNode schema, Range range) {
        if (SpecModel.hasMin(range)) {
            schema.set("minimum", number(range.min()));
        }
        if (SpecModel.hasMax(range)) {
            schema.set("maximum", number(range.max()));
        }
    }

    private static JsonNode number(double value) {
        Number bound = SpecModel.bound(value);
        return bound instanceof Long whole ? JSON.numberNode(whole) : JSON.numberNode(value);
    }

    private static JsonNode literal(String yaml) {
        return MAPPER.valueToTree(new Yaml(new LoaderOptions()).load(yaml));
    }

    /** Description first, so a reader of the file sees what a key is before how it is checked. */
    private static ObjectNode reorder(ObjectNode schema) {
        ObjectNode ordered = JSON.objectNode();
        ordered.set("description", schema.get("description"));
        for (var field : schema.properties()) {
            if (!field.getKey().equals("description")) {
                ordered.set(field.getKey(), field.getValue());
            }
        }
        return ordered;
    }
}
