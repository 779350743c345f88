package dev.edgewise.dsl.yaml;

import dev.edgewise.dsl.Names;
import dev.edgewise.dsl.SourcePosition;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.spec.Default;
import dev.edgewise.dsl.spec.FieldException;
import dev.edgewise.dsl.spec.Range;
import dev.edgewise.dsl.spec.SpecEnum;
import dev.edgewise.dsl.spec.SpecVariants;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Binds a composed YAML node tree onto the spec records, reporting every mistake with its exact
 * position and field path instead of stopping at the first one.
 *
 * <p>Binding is strict: no scalar coercion ({@code "8"} is not an integer, {@code 8} is not a
 * string), no explicit nulls where a value is required, no unknown or duplicate keys. Keys are the
 * snake_case names of the record components; defaults come from {@link Default}.
 *
 * <p>A section with {@link dev.edgewise.dsl.spec.Variants} is bound by its {@code kind:} key onto
 * the record registered for that kind (see {@link SpecVariants}); in a map of such sections the
 * key of each entry is its kind. Keys that files of an earlier shape still hold are explained
 * from {@link OldShapes}.
 */
public final class TreeBinder {

    /** A value that could not be bound; a problem has been recorded for it. */
    private static final Object INVALID = new Object();

    private final String file;
    private final List<SpecProblem> problems = new ArrayList<>();
    private final Map<String, SourcePosition> positions = new LinkedHashMap<>();

    public TreeBinder(String file) {
        this.file = file;
    }

    /**
     * A data file's name as the spec holds it: absolute, relative names taken from the directory of
     * the file being read (the working directory for text without a file, e.g. {@code <builder>}).
     * Made absolute here, once, so a spec written out again (sweep points, reproduce) still finds it.
     */
    String resolveDataPath(String name) {
        java.nio.file.Path given = java.nio.file.Path.of(name);
        if (given.isAbsolute()) {
            return given.normalize().toString();
        }
        java.nio.file.Path base = file == null || file.startsWith("<") ? java.nio.file.Path.of("")
                : java.nio.file.Path.of(file).toAbsolutePath().getParent();
        return base.toAbsolutePath().resolve(given).normalize().toString();
    }

    public List<SpecProblem> problems() {
        return problems;
    }

    public Map<String, SourcePosition> positions() {
        return positions;
    }

    /** Binds {@code node} as {@code type}; returns null if any problem was found. */
    public <T> T bindRoot(Node node, Class<T> type) {
        Object value = bind(node, type, "$");
        return value == INVALID ? null : type.cast(value);
    }

    private Object bind(Node node, Type type, String path) {
        positions.putIfAbsent(path, position(node.getStartMark()));
        Class<?> raw = rawClass(type);
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
            return null;
        }
        if (raw == Object.class) {
            return bindAny(node, path);
        }
        if (SpecVariants.isSection(raw)) {
            return bindVariant(node, raw, path);
        }
        if (raw.isRecord()) {
            return bindRecord(node, raw, path, null);
        }
        if (List.class.equals(raw)) {
            return bindList(node, elementType(type, 0), path);
        }
        if (Map.class.equals(raw)) {
            return bindMap(node, elementType(type, 1), path);
        }
        return bindScalar(node, raw, path);
    }

    /**
     * Which variant a record is being bound as, so that a key of a sibling variant can be named as
     * such instead of as unknown.
     *
     * @param section the interface with {@code @Variants}
     * @param kind the kind chosen
     * @param where the section as the user wrote it: its key ({@code exchange}) or, for a map of
     *     variants, the map's path ({@code loss.terms})
     * @param keyed whether the kind is the entry's key (a map of variants) rather than a {@code kind:} value
     */
    private record Choice(Class<?> section, String kind, String where, boolean keyed) {

        String describe(String someKind) {
            return keyed ? where + "." + someKind : where + " kind " + someKind;
        }
    }

    private Object bindRecord(Node node, Class<?> type, String path, Choice choice) {
        if (!(node instanceof MappingNode mapping)) {
            return notAMapping(node, path, "expected a mapping of " + keysOf(type) + ", got " + describe(node));
        }
        Map<String, NodeTuple> entries = entries(mapping, path);
        if (entries == null) {
            return INVALID;
        }
        return bindFields(mapping, entries, type, path, choice);
    }

    /** A scalar or list where a mapping belongs: an old shape if the table knows it, else {@code message}. */
    private Object notAMapping(Node node, String path, String message) {
        OldShapes.Row old = node instanceof ScalarNode scalar ? OldShapes.find(path, OldShapes.Shape.SCALAR) : null;
        if (old != null) {
            return problem(node, path, old.message(), old.hint().replace("%s", ((ScalarNode) node).getValue()));
        }
        return problem(node, path, message, "write its keys indented below it (key: value lines), or as {key: value, ...}");
    }

    /**
     * A section chosen by kind: reads {@code kind:} (or takes the default kind), then binds the other
     * keys onto that kind's record exactly as any record is bound.
     */
    private Object bindVariant(Node node, Class<?> section, String path) {
        Map<String, Class<?>> kinds = SpecVariants.of(section);
        String where = path.substring(path.lastIndexOf('.') + 1);
        if (!(node instanceof MappingNode mapping)) {
            return notAMapping(node, path, "expected a mapping with 'kind: <" + String.join(" | ", kinds.keySet()) + ">' and that kind's keys, got "
                    + describe(node));
        }
        Map<String, NodeTuple> entries = entries(mapping, path);
        if (entries == null) {
            return INVALID;
        }
        NodeTuple kindTuple = entries.remove("kind");
        String kind;
        String kindPath = childPath(path, "kind");
        if (kindTuple == null) {
            kind = SpecVariants.defaultKind(section);
            if (kind == null) {
                problem(mapping, kindPath, "missing required key 'kind'", kindHint(kinds, entries.keySet()));
                reportKeysOfNoKind(entries, kinds, path);
                return INVALID;
            }
        } else {
            Node kindNode = kindTuple.getValueNode();
            positions.putIfAbsent(kindPath, position(kindNode.getStartMark()));
            if (!(kindNode instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.STR)) {
                problem(kindNode, kindPath, "expected a kind name, got " + describe(kindNode),
                        "known kinds: " + String.join(", ", kinds.keySet()));
                return INVALID;
            }
            kind = scalar.getValue();
            if (!kinds.containsKey(kind)) {
                problem(kindNode, kindPath, "unknown " + where + " kind '" + kind + "'", unknownKindHint(kind, kinds.keySet()));
                reportKeysOfNoKind(entries, kinds, path);
                return INVALID;
            }
        }
        return bindFields(mapping, entries, kinds.get(kind), path, new Choice(section, kind, where, false));
    }

    /**
     * A missing kind: the kind the given keys belong to when only one kind has them all (an old file
     * that wrote rounds and gate is a peer exchange), else the kinds to choose from.
     */
    private static String kindHint(Map<String, Class<?>> kinds, Set<String> given) {
        List<String> fitting = new ArrayList<>();
        for (Map.Entry<String, Class<?>> kind : kinds.entrySet()) {
            if (keySet(kind.getValue()).containsAll(given.stream().filter(k -> anyKindHas(kinds, k)).toList())) {
                fitting.add(kind.getKey());
            }
        }
        // Only keys some kinds lack say which kind was meant (message_size is every exchange's).
        List<String> telling = given.stream()
                .filter(k -> anyKindHas(kinds, k) && !kinds.values().stream().allMatch(v -> keySet(v).contains(k)))
                .toList();
        if (fitting.size() == 1 && !telling.isEmpty()) {
            return "add 'kind: " + fitting.get(0) + "' (" + String.join(", ", telling) + (telling.size() == 1 ? " is a key" : " are keys")
                    + " of kind " + fitting.get(0) + ")";
        }
        return "add 'kind:' with one of " + String.join(", ", kinds.keySet());
    }

    private static String unknownKindHint(String kind, Set<String> kinds) {
        String nearest = Names.nearest(kind, kinds);
        return (nearest != null ? "did you mean '" + nearest + "'? " : "") + "known kinds: " + String.join(", ", kinds);
    }

    /**
     * When the kind is missing or unknown the record cannot be bound, but keys no kind has are
     * mistakes whatever the kind: reported now, so one read shows them all.
     */
    private void reportKeysOfNoKind(Map<String, NodeTuple> entries, Map<String, Class<?>> kinds, String path) {
        Set<String> every = new TreeSet<>();
        kinds.values().forEach(v -> every.addAll(keySet(v)));
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            if (!every.contains(entry.getKey())) {
                unknownKey(entry.getValue().getKeyNode(), entry.getKey(), path, every, null);
            }
        }
    }

    private static boolean anyKindHas(Map<String, Class<?>> kinds, String key) {
        return kinds.values().stream().anyMatch(v -> keySet(v).contains(key));
    }

    private static Set<String> keySet(Class<?> record) {
        Set<String> keys = new java.util.LinkedHashSet<>();
        for (RecordComponent component : record.getRecordComponents()) {
            keys.add(Names.snakeCase(component.getName()));
        }
        return keys;
    }

    /** An unknown key: a retired shape, a key of a sibling kind, or a slip, in that order of helpfulness. */
    private void unknownKey(Node keyNode, String key, String path, Set<String> known, Choice choice) {
        String keyPath = childPath(path, key);
        OldShapes.Row old = OldShapes.find(keyPath, OldShapes.Shape.KEY);
        if (old != null) {
            problem(keyNode, keyPath, old.message(), old.hint());
            return;
        }
        if (choice != null) {
            for (Map.Entry<String, Class<?>> other : SpecVariants.of(choice.section()).entrySet()) {
                if (!other.getKey().equals(choice.kind()) && keySet(other.getValue()).contains(key)) {
                    String message = "'" + key + "' is a key of " + choice.describe(other.getKey()) + "; "
                            + (choice.keyed() ? "this is " + choice.describe(choice.kind()) : "this " + choice.where() + " is kind " + choice.kind());
                    problem(keyNode, keyPath, message, choice.keyed() ? "move it under " + other.getKey() + ", or remove it"
                            : "set kind: " + other.getKey() + ", or remove the key");
                    return;
                }
            }
        }
        String nearest = Names.nearest(key, known);
        String hint = (nearest != null ? "did you mean '" + nearest + "'? " : "") + "known keys here: " + String.join(", ", known);
        problem(keyNode, keyPath, "unknown key '" + key + "'", hint);
    }

    private Object bindFields(MappingNode mapping, Map<String, NodeTuple> entries, Class<?> type, String path, Choice choice) {
        RecordComponent[] components = type.getRecordComponents();
        Map<String, RecordComponent> byKey = new LinkedHashMap<>();
        for (RecordComponent component : components) {
            byKey.put(Names.snakeCase(component.getName()), component);
        }
        Set<String> known = new java.util.LinkedHashSet<>();
        if (choice != null && !choice.keyed()) {
            known.add("kind");
        }
        known.addAll(byKey.keySet());
        boolean valid = true;
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            if (!byKey.containsKey(entry.getKey())) {
                unknownKey(entry.getValue().getKeyNode(), entry.getKey(), path, known, choice);
                valid = false;
            }
        }
        Object[] arguments = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            String key = Names.snakeCase(component.getName());
            String fieldPath = childPath(path, key);
            NodeTuple given = entries.get(key);
            Object value;
            if (given != null) {
                value = bind(given.getValueNode(), component.getGenericType(), fieldPath);
                if (value == null && value != INVALID && !isNullable(component)) {
                    value = problem(given.getValueNode(), fieldPath, "'" + key + "' must not be null",
                            component.isAnnotationPresent(Default.class)
                                    ? "remove the key to use the default (" + component.getAnnotation(Default.class).value() + ")"
                                    : "give it a value");
                }
                if (value != INVALID) {
                    value = checkRange(component, value, given.getValueNode(), fieldPath);
                }
            } else {
                value = defaultValue(component, mapping, fieldPath);
            }
            if (value == INVALID) {
                valid = false;
            }
            arguments[i] = value;
        }
        if (!valid) {
            return INVALID;
        }
        return construct(type, components, arguments, mapping, entries, path);
    }

    private Object defaultValue(RecordComponent component, MappingNode parent, String fieldPath) {
        Default declared = component.getAnnotation(Default.class);
        Class<?> raw = component.getType();
        if (declared != null) {
            Node node = YamlSpecReader.composeTrusted(declared.value());
            Object value = new TreeBinder("<default>").bind(node, component.getGenericType(), fieldPath);
            if (value == INVALID) {
                throw new IllegalStateException("bad @Default on " + component + ": " + declared.value());
            }
            return value;
        }
        if (raw.isRecord() && !hasRequiredKeys(raw)) {
            return bindRecord(new MappingNode(Tag.MAP, List.of(), parent.getFlowStyle()), raw, fieldPath, null);
        }
        String key = Names.snakeCase(component.getName());
        String hint = raw.isRecord() ? "add '" + key + ":' with at least " + requiredKeys(raw)
                : SpecVariants.isSection(raw) ? "add '" + key + ":' with 'kind:' one of " + String.join(", ", SpecVariants.of(raw).keySet())
                : "add '" + key + ": <value>'";
        return problem(parent, fieldPath, "missing required key '" + key + "'", hint);
    }

    private Object construct(Class<?> type, RecordComponent[] components, Object[] arguments, Node node, Map<String, NodeTuple> entries,
            String path) {
        Class<?>[] parameterTypes = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
            Object value = constructor.newInstance(arguments);
            return value instanceof dev.edgewise.dsl.spec.DataFileSpec files ? files.withPaths(this::resolveDataPath) : value;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof FieldException field) {
                NodeTuple given = entries.get(field.field());
                return problem(given != null ? given.getValueNode() : node, childPath(path, field.field()), field.getMessage(), field.hint());
            }
            if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
                return problem(node, path, String.valueOf(cause.getMessage()), path.equals("$") ? "see dsl/REFERENCE.md"
                        : "see the keys of " + path.substring(2) + " in dsl/REFERENCE.md");
            }
            throw new IllegalStateException("constructing " + type.getSimpleName() + " failed", cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    private Object bindList(Node node, Type elementType, String path) {
        if (!(node instanceof SequenceNode sequence)) {
            return problem(node, path, "expected a list, got " + describe(node), "write a list as [a, b] or as '- a' lines");
        }
        List<Object> values = new ArrayList<>();
        boolean valid = true;
        List<Node> items = sequence.getValue();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path + "[" + i + "]";
            Object value = bind(items.get(i), elementType, itemPath);
            if (value == null) {
                value = problem(items.get(i), itemPath, "list items must not be null", "remove the empty item, or give it a value");
            }
            valid &= value != INVALID;
            values.add(value);
        }
        return valid ? List.copyOf(values) : INVALID;
    }

    private Object bindMap(Node node, Type valueType, String path) {
        if (!(node instanceof MappingNode mapping)) {
            return problem(node, path, "expected a mapping, got " + describe(node), "write it as key: value lines, or as {key: value, ...}");
        }
        Map<String, NodeTuple> entries = entries(mapping, path);
        if (entries == null) {
            return INVALID;
        }
        Class<?> section = valueType instanceof Class<?> c && SpecVariants.isSection(c) ? c : null;
        Map<String, Object> values = new LinkedHashMap<>();
        boolean valid = true;
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            String entryPath = childPath(path, entry.getKey());
            Object value = section != null
                    ? bindKeyedVariant(entry.getValue(), entry.getKey(), section, path, entryPath)
                    : bind(entry.getValue().getValueNode(), valueType, entryPath);
            // A free-form value (a baseline setting) may be ~: it sets a nullable key back to unset.
            if (value == null && !Object.class.equals(valueType)) {
                value = problem(entry.getValue().getValueNode(), entryPath, "'" + entry.getKey() + "' must not be null",
                        "give it a value, or remove the entry");
            }
            valid &= value != INVALID;
            values.put(entry.getKey(), value);
        }
        return valid ? values : INVALID;
    }

    /** An entry of a map of variants: its key is its kind. */
    private Object bindKeyedVariant(NodeTuple entry, String kind, Class<?> section, String mapPath, String entryPath) {
        Map<String, Class<?>> kinds = SpecVariants.of(section);
        Node value = entry.getValueNode();
        positions.putIfAbsent(entryPath, position(value.getStartMark()));
        Class<?> variant = kinds.get(kind);
        if (variant == null) {
            return problem(entry.getKeyNode(), entryPath, "unknown kind '" + kind + "' in " + mapPath.substring(2),
                    unknownKindHint(kind, kinds.keySet()));
        }
        if (value instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
            return null;
        }
        return bindRecord(value, variant, entryPath, new Choice(section, kind, mapPath.substring(2), true));
    }

    /**
     * A value whose type the record cannot declare (a sweep axis holds integers, numbers, strings or
     * lists, whatever the path it varies takes): plain Java values by YAML tag, with positions kept
     * for every nested item so later checks can still point at the line.
     */
    private Object bindAny(Node node, String path) {
        positions.putIfAbsent(path, position(node.getStartMark()));
        if (node instanceof SequenceNode sequence) {
            List<Object> values = new ArrayList<>();
            boolean valid = true;
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                Object value = bindAny(items.get(i), path + "[" + i + "]");
                valid &= value != INVALID;
                values.add(value);
            }
            return valid ? Collections.unmodifiableList(values) : INVALID;
        }
        if (node instanceof MappingNode mapping) {
            Map<String, NodeTuple> entries = entries(mapping, path);
            if (entries == null) {
                return INVALID;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            boolean valid = true;
            for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
                Object value = bindAny(entry.getValue().getValueNode(), childPath(path, entry.getKey()));
                valid &= value != INVALID;
                values.put(entry.getKey(), value);
            }
            return valid ? Collections.unmodifiableMap(values) : INVALID;
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (tag.equals(Tag.INT)) {
            Object value = bindScalar(node, Long.class, path);
            // Integer when it fits, so values compare equal to the ints of the spec records.
            return value instanceof Long l && l == l.intValue() ? (Object) l.intValue() : value;
        }
        if (tag.equals(Tag.FLOAT)) {
            return bindScalar(node, Double.class, path);
        }
        if (tag.equals(Tag.BOOL)) {
            return bindScalar(node, Boolean.class, path);
        }
        if (tag.equals(Tag.STR)) {
            return scalar.getValue();
        }
        return problem(node, path, "unsupported YAML value " + describe(node), "write a number, a string, true/false or a list");
    }

    private Object bindScalar(Node node, Class<?> type, String path) {
        if (!(node instanceof ScalarNode scalar)) {
            return problem(node, path, "expected " + expected(type) + ", got " + describe(node), "write a single value here, not "
                    + (node instanceof SequenceNode ? "a list" : "a mapping"));
        }
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        if (type == String.class) {
            if (!tag.equals(Tag.STR)) {
                return problem(node, path, "expected a string, got " + describe(node), "quote it: '" + text + "'");
            }
            return text;
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            if (!tag.equals(Tag.INT)) {
                return problem(node, path, "expected an integer, got " + describe(node), integerHint(tag, text));
            }
            try {
                BigDecimal exact = new BigDecimal(text.replace("_", ""));
                if (type == int.class || type == Integer.class) {
                    return exact.intValueExact();
                }
                return exact.longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                return problem(node, path, "integer " + text + " is out of range or not in decimal",
                        type == int.class || type == Integer.class
                                ? String.format("write a decimal integer between %,d and %,d", Integer.MIN_VALUE, Integer.MAX_VALUE)
                                : String.format("write a decimal integer between %,d and %,d", Long.MIN_VALUE, Long.MAX_VALUE));
            }
        }
        if (type == double.class || type == Double.class) {
            if (!tag.equals(Tag.INT) && !tag.equals(Tag.FLOAT)) {
                return problem(node, path, "expected a number, got " + describe(node),
                        tag.equals(Tag.STR) && looksNumeric(text) ? "write it without quotes: " + text
                                : "write a number such as 0.5 or 1e-3 (no quotes)");
            }
            double value;
            try {
                value = Double.parseDouble(text.replace("_", ""));
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            if (!Double.isFinite(value)) {
                return problem(node, path, "expected a finite number, got " + text, "write a number such as 0.5; .inf and .nan are not values");
            }
            return value;
        }
        if (type == boolean.class || type == Boolean.class) {
            if (!tag.equals(Tag.BOOL) || !(text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
                return problem(node, path, "expected true or false, got " + describe(node), "write true or false, without quotes");
            }
            return Boolean.parseBoolean(text);
        }
        if (type.isEnum() && SpecEnum.class.isAssignableFrom(type)) {
            List<String> allowed = Arrays.stream(type.getEnumConstants()).map(c -> ((SpecEnum) c).yamlName()).toList();
            for (Object constant : type.getEnumConstants()) {
                if (((SpecEnum) constant).yamlName().equals(text) && tag.equals(Tag.STR)) {
                    return constant;
                }
            }
            String nearest = Names.nearest(text, allowed);
            return problem(node, path, "'" + text + "' is not one of " + String.join(", ", allowed),
                    (nearest != null ? "did you mean '" + nearest + "'? " : "") + "write one of: " + String.join(", ", allowed));
        }
        throw new IllegalStateException("spec records use an unsupported type: " + type);
    }

    private Object checkRange(RecordComponent component, Object value, Node node, String path) {
        Range range = component.getAnnotation(Range.class);
        if (range == null || value == null) {
            return value;
        }
        List<?> values = value instanceof List<?> list ? list : List.of(value);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) instanceof Number number) {
                double x = number.doubleValue();
                if (x < range.min() || x > range.max()) {
                    Node at = node instanceof SequenceNode seq ? seq.getValue().get(i) : node;
                    String where = value instanceof List<?> ? path + "[" + i + "]" : path;
                    return problem(at, where, number + " is out of range: expected " + describeRange(range),
                            "the nearest valid value is " + number(Math.min(Math.max(x, range.min()), range.max())));
                }
            }
        }
        return value;
    }

    /** The entries of a mapping with merge keys applied; null (and problems) on duplicate or non-string keys. */
    private Map<String, NodeTuple> entries(MappingNode mapping, String path) {
        Map<String, NodeTuple> explicit = new LinkedHashMap<>();
        Map<String, NodeTuple> merged = new LinkedHashMap<>();
        boolean valid = true;
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (keyNode.getTag().equals(Tag.MERGE)) {
                valid &= merge(tuple.getValueNode(), merged, path);
                continue;
            }
            if (!(keyNode instanceof ScalarNode key) || !key.getTag().equals(Tag.STR)) {
                problem(keyNode, path, "keys must be plain words, got " + describe(keyNode), "write the key as a word, or quote it: '"
                        + (keyNode instanceof ScalarNode k ? k.getValue() : "key") + "'");
                valid = false;
                continue;
            }
            NodeTuple earlier = explicit.putIfAbsent(key.getValue(), tuple);
            if (earlier != null) {
                problem(keyNode, childPath(path, key.getValue()), "duplicate key '" + key.getValue() + "'",
                        "it was first given at line " + (earlier.getKeyNode().getStartMark().getLine() + 1) + "; keep one");
                valid = false;
            }
        }
        if (!valid) {
            return null;
        }
        Map<String, NodeTuple> result = new LinkedHashMap<>(merged);
        result.putAll(explicit);
        return result;
    }

    private boolean merge(Node source, Map<String, NodeTuple> into, String path) {
        if (source instanceof MappingNode mapping) {
            Map<String, NodeTuple> entries = entries(mapping, path);
            if (entries == null) {
                return false;
            }
            entries.forEach(into::putIfAbsent);
            return true;
        }
        if (source instanceof SequenceNode sequence) {
            boolean valid = true;
            for (Node item : sequence.getValue()) {
                valid &= merge(item, into, path);
            }
            return valid;
        }
        problem(source, path, "a merge key '<<' needs a mapping or a list of mappings, got " + describe(source),
                "merge an anchored mapping: <<: *name");
        return false;
    }

    private Object problem(Node node, String path, String message, String hint) {
        problems.add(new SpecProblem(position(node.getStartMark()), path, message, hint));
        return INVALID;
    }

    private SourcePosition position(Mark mark) {
        return mark == null ? null : new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static boolean isNullable(RecordComponent component) {
        Default declared = component.getAnnotation(Default.class);
        return declared != null && declared.value().equals("~");
    }

    private static boolean hasRequiredKeys(Class<?> type) {
        return Arrays.stream(type.getRecordComponents())
                .anyMatch(c -> !c.isAnnotationPresent(Default.class) && (!c.getType().isRecord() || hasRequiredKeys(c.getType())));
    }

    private static String requiredKeys(Class<?> type) {
        return Arrays.stream(type.getRecordComponents())
                .filter(c -> !c.isAnnotationPresent(Default.class) && (!c.getType().isRecord() || hasRequiredKeys(c.getType())))
                .map(c -> "'" + Names.snakeCase(c.getName()) + "'")
                .collect(Collectors.joining(", "));
    }

    private static String keysOf(Class<?> type) {
        return Arrays.stream(type.getRecordComponents()).map(c -> Names.snakeCase(c.getName())).collect(Collectors.joining(", "));
    }

    private static String childPath(String path, String key) {
        return key.matches("[A-Za-z_][A-Za-z0-9_-]*") ? path + "." + key : path + "['" + key + "']";
    }

    private static String describeRange(Range range) {
        boolean hasMin = range.min() != Double.NEGATIVE_INFINITY;
        boolean hasMax = range.max() != Double.POSITIVE_INFINITY;
        if (hasMin && hasMax) {
            return "between " + number(range.min()) + " and " + number(range.max());
        }
        return hasMin ? "at least " + number(range.min()) : "at most " + number(range.max());
    }

    private static String number(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? String.format("%,d", (long) x) : Double.toString(x);
    }

    /** What to write instead of a non-integer: the whole numbers either side of a fraction, or digits without quotes. */
    private static String integerHint(Tag tag, String text) {
        if (tag.equals(Tag.STR) && text.matches("-?[0-9_]+")) {
            return "write it without quotes: " + text;
        }
        if (tag.equals(Tag.FLOAT)) {
            try {
                double x = Double.parseDouble(text.replace("_", ""));
                if (Double.isFinite(x) && Math.abs(x) < 1e15) {
                    long down = (long) Math.floor(x);
                    return "write a whole number, e.g. " + down + " or " + (down + 1);
                }
            } catch (NumberFormatException e) {
                // fall through to the general hint
            }
        }
        return "write a whole number such as 5, without quotes";
    }

    private static boolean looksNumeric(String text) {
        return text.matches("[-+]?[0-9_]*\\.?[0-9_]+([eE][-+]?[0-9]+)?");
    }

    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((SpecEnum) c).yamlName()).collect(Collectors.joining(", "));
        }
        return "an integer";
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        String text = scalar.getValue();
        if (tag.equals(Tag.INT)) {
            return "the integer " + text;
        }
        if (tag.equals(Tag.FLOAT)) {
            return "the number " + text;
        }
        if (tag.equals(Tag.BOOL)) {
            return "the boolean " + text;
        }
        if (tag.equals(Tag.NULL)) {
            return "null";
        }
        return "the string \"" + text + "\"";
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalStateException("unsupported spec type " + type);
    }

    private static Type elementType(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[index];
        }
        throw new IllegalStateException("raw collection type in spec: " + type);
    }
}
