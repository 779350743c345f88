package dev.edgewise.dsl.schema;

import dev.edgewise.dsl.spec.Doc;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.Range;
import dev.edgewise.dsl.spec.SpecVariants;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The reference of every key of an experiment file (type, default, allowed values, meaning) as
 * Markdown, generated from the spec records like the JSON Schema, so the two cannot disagree.
 */
public final class KeyReference {

    private KeyReference() {}

    public static String generate() {
        StringBuilder out = new StringBuilder();
        out.append("# Experiment file reference\n\n");
        out.append("Every key of an experiment file, generated from the spec records in\n");
        out.append("`dsl/src/main/java/dev/edgewise/dsl/spec/`. Do not edit: after changing a record, run\n");
        out.append("`./edgewise schema --write`, which rewrites this file and `dsl/edgewise.schema.json`\n");
        out.append("(a test fails while either is out of date).\n\n");
        out.append("A key left out takes its default; **required** keys have none. *unset* means the key\n");
        out.append("is optional and has no value unless given. The same keys are the Java builder's\n");
        out.append("methods and the Kotlin script DSL's properties, in camelCase.\n");
        List<SpecModel.Key> keys = SpecModel.keys(ExperimentSpec.class);
        section(out, "Top level", ExperimentSpec.class.getAnnotation(Doc.class), "",
                keys.stream().filter(k -> !k.path().contains(".")).toList());
        for (SpecModel.Key key : keys) {
            String prefix = key.path() + ".";
            if (key.variants()) {
                Class<?> type = key.component().getType();
                out.append("\n## `").append(key.path()).append("`\n\n").append(cell(type.getAnnotation(Doc.class).value())).append("\n\n");
                String defaultKind = SpecVariants.defaultKind(type);
                out.append("`").append(key.path()).append(".kind` chooses the kind (")
                        .append(defaultKind == null ? "**required**" : "default `" + defaultKind + "`").append("): ")
                        .append(SpecModel.kinds(type).keySet().stream().map(k -> "`" + k + "`").collect(Collectors.joining(", ")))
                        .append(". Each kind has only its own keys.\n");
                SpecModel.kinds(type).forEach((kind, variant) -> section(out, "`" + key.path() + "` kind `" + kind + "`",
                        variant.getAnnotation(Doc.class), "", children(keys, prefix, kind)));
            } else if (key.section()) {
                section(out, "`" + key.path() + "`", key.component().getType().getAnnotation(Doc.class), key.doc(),
                        children(keys, prefix, key.kind()));
            } else if (key.keyedSection() != null) {
                SpecModel.kinds(key.keyedSection()).forEach((kind, variant) -> section(out, "`" + prefix + kind + "`",
                        variant.getAnnotation(Doc.class), "", children(keys, prefix + kind + ".", key.kind())));
            }
        }
        return out.toString();
    }

    /** The keys directly under {@code prefix} that belong to {@code kind} (null: outside any kind). */
    private static List<SpecModel.Key> children(List<SpecModel.Key> keys, String prefix, String kind) {
        return keys.stream()
                .filter(k -> k.path().startsWith(prefix) && !k.path().substring(prefix.length()).contains("."))
                .filter(k -> java.util.Objects.equals(k.kind(), kind))
                .toList();
    }

    private static void section(StringBuilder out, String title, Doc typeDoc, String keyDoc, List<SpecModel.Key> keys) {
        out.append("\n## ").append(title).append("\n\n");
        String text = typeDoc != null ? typeDoc.value() : keyDoc;
        if (!text.isEmpty()) {
            out.append(text).append("\n\n");
        }
        out.append("| key | type | default | allowed | description |\n");
        out.append("|---|---|---|---|---|\n");
        for (SpecModel.Key key : keys) {
            out.append("| `").append(key.path()).append("` | ")
                    .append(key.section() ? "section" : type(key.type())).append(" | ")
                    .append(defaultText(key)).append(" | ")
                    .append(allowed(key)).append(" | ")
                    .append(cell(key.doc()))
                    .append(key.section() ? " See [`" + key.path() + "`](#" + anchor(key.path()) + ")." : "")
                    .append(" |\n");
        }
    }

    private static String type(Type type) {
        Class<?> raw = SpecModel.raw(type);
        if (SpecModel.isInteger(raw)) {
            return "integer";
        }
        if (SpecModel.isNumber(raw)) {
            return "number";
        }
        if (SpecModel.isBoolean(raw)) {
            return "boolean";
        }
        if (raw == String.class || SpecModel.isEnum(raw)) {
            return "string";
        }
        if (List.class.equals(raw)) {
            String item = type(SpecModel.argument(type, 0));
            return "list of " + (item.startsWith("list") ? "(" + item + ")" : item + "s");
        }
        if (Map.class.equals(raw) && SpecVariants.isSection(SpecModel.raw(SpecModel.argument(type, 1)))) {
            return "map of kind to settings";
        }
        if (Map.class.equals(raw)) {
            return "map of string to " + type(SpecModel.argument(type, 1));
        }
        if (raw == Object.class) {
            return "any value";
        }
        return raw.getSimpleName();
    }

    private static String defaultText(SpecModel.Key key) {
        if (key.section()) {
            return key.required() ? "**required**" : "";
        }
        if (key.required()) {
            return "**required**";
        }
        if (key.nullable()) {
            return "*unset*";
        }
        return "`" + key.defaultLiteral() + "`";
    }

    private static String allowed(SpecModel.Key key) {
        Class<?> raw = SpecModel.raw(key.type());
        if (SpecModel.isEnum(raw)) {
            return SpecModel.enumNames(raw).stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
        }
        Range range = key.range();
        if (range == null) {
            return "";
        }
        String each = List.class.equals(raw) || Map.class.equals(raw) ? "each " : "";
        if (SpecModel.hasMin(range) && SpecModel.hasMax(range)) {
            return each + number(range.min()) + " to " + number(range.max());
        }
        return each + (SpecModel.hasMin(range) ? "≥ " + number(range.min()) : "≤ " + number(range.max()));
    }

    private static String number(double value) {
        Number bound = SpecModel.bound(value);
        return bound instanceof Long whole ? String.format("%,d", whole) : bound.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
    private static String anchor(String path) {
        return path.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }
}
