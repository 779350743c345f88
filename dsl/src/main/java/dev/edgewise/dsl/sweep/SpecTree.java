package dev.edgewise.dsl.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Edits of a composed YAML tree. Edits copy the mappings along the edited path and share every
 * other node, so the file's tree (and every other point's) stays as it was, and nodes reached
 * through an alias are only changed where the path says.
 */
final class SpecTree {

    private SpecTree() {}

    /** Why a path cannot be set, for the caller to turn into a problem at the right place. */
    static final class PathException extends Exception {
        PathException(String message) {
            super(message);
        }
    }

    /**
     * A copy of {@code root} with {@code value} at {@code path}. Missing mappings on the way are
     * created; new key nodes carry {@code keyMark} (null for a command-line override).
     */
    static Node set(Node root, List<String> path, Node value, Mark keyMark) throws PathException {
        return set(root, path, 0, value, keyMark);
    }

    private static Node set(Node node, List<String> path, int depth, Node value, Mark keyMark) throws PathException {
        if (!(node instanceof MappingNode mapping)) {
            String where = depth == 0 ? "the file" : "'" + String.join(".", path.subList(0, depth)) + "'";
            throw new PathException(where + " is " + describe(node) + ", not a mapping, so it has no key '" + path.get(depth) + "'");
        }
        String key = path.get(depth);
        List<NodeTuple> tuples = new ArrayList<>(mapping.getValue());
        int found = -1;
        for (int i = 0; i < tuples.size(); i++) {
            if (tuples.get(i).getKeyNode() instanceof ScalarNode k && k.getTag().equals(Tag.STR) && k.getValue().equals(key)) {
                found = i;
            }
        }
        boolean last = depth == path.size() - 1;
        if (found >= 0) {
            NodeTuple tuple = tuples.get(found);
            Node child = last ? value : set(tuple.getValueNode(), path, depth + 1, value, keyMark);
            tuples.set(found, new NodeTuple(tuple.getKeyNode(), child));
        } else {
            Node child = last ? value : set(emptyMapping(keyMark), path, depth + 1, value, keyMark);
            tuples.add(new NodeTuple(new ScalarNode(Tag.STR, key, keyMark, keyMark, DumperOptions.ScalarStyle.PLAIN), child));
        }
        return new MappingNode(mapping.getTag(), true, tuples, mapping.getStartMark(), mapping.getEndMark(), mapping.getFlowStyle());
    }

    /** The value at {@code path}, or null if some key on the way is absent. Merge keys are not followed. */
    static Node get(Node root, List<String> path) {
        Node node = root;
        for (String key : path) {
            if (!(node instanceof MappingNode mapping)) {
                return null;
            }
            Node next = null;
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k && k.getTag().equals(Tag.STR) && k.getValue().equals(key)) {
                    next = tuple.getValueNode();
                }
            }
            if (next == null) {
                return null;
            }
            node = next;
        }
        return node;
    }

    /** A copy of the root mapping without its top-level {@code key}. */
    static Node without(Node root, String key) {
        if (!(root instanceof MappingNode mapping)) {
            return root;
        }
        List<NodeTuple> kept = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key))) {
                kept.add(tuple);
            }
        }
        return new MappingNode(mapping.getTag(), true, kept, mapping.getStartMark(), mapping.getEndMark(), mapping.getFlowStyle());
    }

    /** A deep copy without positions: for values that come from a command line, not from the file. */
    static Node unmarked(Node node) {
        if (node instanceof ScalarNode s) {
            return new ScalarNode(s.getTag(), s.getValue(), null, null, s.getScalarStyle());
        }
        if (node instanceof SequenceNode seq) {
            List<Node> items = new ArrayList<>();
            for (Node item : seq.getValue()) {
                items.add(unmarked(item));
            }
            return new SequenceNode(seq.getTag(), items, seq.getFlowStyle());
        }
        MappingNode mapping = (MappingNode) node;
        List<NodeTuple> tuples = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            tuples.add(new NodeTuple(unmarked(tuple.getKeyNode()), unmarked(tuple.getValueNode())));
        }
        return new MappingNode(mapping.getTag(), tuples, mapping.getFlowStyle());
    }

    /** The node of a plain Java value (as bound from YAML: numbers, strings, booleans, lists, maps). */
    static Node of(Object value, Mark mark) {
        if (value == null) {
            return new ScalarNode(Tag.NULL, "null", mark, mark, DumperOptions.ScalarStyle.PLAIN);
        }
        if (value instanceof Integer || value instanceof Long) {
            return new ScalarNode(Tag.INT, value.toString(), mark, mark, DumperOptions.ScalarStyle.PLAIN);
        }
        if (value instanceof Double || value instanceof Float) {
            return new ScalarNode(Tag.FLOAT, value.toString(), mark, mark, DumperOptions.ScalarStyle.PLAIN);
        }
        if (value instanceof java.math.BigDecimal d) {
            return new ScalarNode(Tag.FLOAT, d.toString(), mark, mark, DumperOptions.ScalarStyle.PLAIN);
        }
        if (value instanceof Boolean) {
            return new ScalarNode(Tag.BOOL, value.toString(), mark, mark, DumperOptions.ScalarStyle.PLAIN);
        }
        if (value instanceof String s) {
            return new ScalarNode(Tag.STR, s, mark, mark, DumperOptions.ScalarStyle.PLAIN);
        }
        if (value instanceof List<?> list) {
            List<Node> items = new ArrayList<>();
            for (Object item : list) {
                items.add(of(item, mark));
            }
            return new SequenceNode(Tag.SEQ, items, DumperOptions.FlowStyle.FLOW);
        }
        if (value instanceof Map<?, ?> map) {
            List<NodeTuple> tuples = new ArrayList<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                tuples.add(new NodeTuple(of(String.valueOf(e.getKey()), mark), of(e.getValue(), mark)));
            }
            return new MappingNode(Tag.MAP, tuples, DumperOptions.FlowStyle.FLOW);
        }
        throw new IllegalArgumentException("not a YAML value: " + value.getClass().getName());
    }

    /** The value as YAML flow text, for labels and messages: {@code 5}, {@code adam}, {@code [50, 8]}. */
    static String text(Node node) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        if (node instanceof SequenceNode seq) {
            List<String> items = new ArrayList<>();
            for (Node item : seq.getValue()) {
                items.add(text(item));
            }
            return "[" + String.join(", ", items) + "]";
        }
        List<String> entries = new ArrayList<>();
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            entries.add(text(tuple.getKeyNode()) + ": " + text(tuple.getValueNode()));
        }
        return "{" + String.join(", ", entries) + "}";
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "the value " + ((ScalarNode) node).getValue();
    }

    private static MappingNode emptyMapping(Mark mark) {
        return new MappingNode(Tag.MAP, true, new ArrayList<>(), mark, mark, DumperOptions.FlowStyle.BLOCK);
    }
}
