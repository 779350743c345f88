package dev.edgewise.dsl.sweep;

import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.spec.ExperimentSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The configurations of a {@code search:} block: its space read from the file's node tree (with
 * positions for errors), drawn with a seed of its own, and each configuration set on the file's
 * tree and bound like a sweep point, so a value the spec does not take is an error at its line.
 *
 * <p>A finite space (choices only) no larger than {@code configurations} is taken whole, in
 * odometer order; otherwise distinct configurations are drawn until there are enough (or the space
 * seems exhausted: a hundred draws per configuration).
 */
final class SearchSpace {

    private SearchSpace() {}

    /** One dimension: choices, a range, or a per-layer list whose depth is drawn first. */
    private record Dimension(String path, List<String> segments, List<Node> choices, ExperimentSource.Draw draw, List<Integer> depths,
            Dimension each, Mark keyMark, String by, Map<String, Dimension> cases) {

        Dimension(String path, List<String> segments, List<Node> choices, ExperimentSource.Draw draw, List<Integer> depths, Dimension each,
                Mark keyMark) {
            this(path, segments, choices, draw, depths, each, keyMark, null, null);
        }

        /** Values this dimension can take, or -1 when it is not a finite list of choices. */
        long size() {
            if (by != null) {
                return -1;
            }
            if (choices != null) {
                return choices.size();
            }
            if (depths != null && each.size() > 0) {
                long total = 0;
                for (int depth : depths) {
                    total += (long) Math.pow(each.size(), depth);
                }
                return total;
            }
            return -1;
        }
    }

    record Expanded(List<ExperimentSource.Axis> axes, List<SweepPoint> points, List<Node> trees) {}

    static Expanded expand(Node root, String fileName, ExperimentSpec spec, List<SpecOverride> overrides, List<SpecProblem> problems) {
        SearchSpec search = spec.search();
        Node spaceNode = SpecTree.get(root, List.of("search", "space"));
        List<Dimension> dimensions = new ArrayList<>();
        List<ExperimentSource.Axis> axes = new ArrayList<>();
        for (String path : search.space().keySet()) {
            NodeTuple tuple = ExperimentSource.tuple(spaceNode, path);
            Mark keyMark = tuple != null ? tuple.getKeyNode().getStartMark() : spaceNode.getStartMark();
            Node valueNode = tuple != null ? tuple.getValueNode() : SpecTree.of(search.space().get(path), keyMark);
            String fieldPath = "$.search.space['" + path + "']";
            List<String> segments = List.of(path.split("\\.", -1));
            String bad = ExperimentSource.checkPath(path, segments, overrides, axes);
            if (bad == null && segments.get(0).equals("search")) {
                bad = "a search cannot vary '" + path + "'";
            }
            if (bad != null) {
                problems.add(new SpecProblem(ExperimentSource.position(fileName, keyMark), fieldPath, bad.replace("a sweep", "a search"),
                        "a spec path is YAML keys joined with dots, e.g. model.patches or training.learning_rate"));
                continue;
            }
            Dimension dimension = dimension(path, segments, valueNode, fieldPath, fileName, keyMark, problems, true);
            if (dimension != null && dimension.by() != null && dimensions.stream().noneMatch(d -> d.path().equals(dimension.by()))) {
                problems.add(new SpecProblem(ExperimentSource.position(fileName, valueNode.getStartMark()), fieldPath + ".by",
                        "'" + dimension.by() + "' is not a path listed before '" + path + "' in the space",
                        "list the path it depends on first, e.g. model.patches before model.padding"));
                continue;
            }
            if (dimension != null) {
                dimensions.add(dimension);
                axes.add(new ExperimentSource.Axis(path, segments, false, null, null, keyMark));
            }
        }
        if (!problems.isEmpty()) {
            return new Expanded(axes, List.of(), List.of());
        }
        List<Map<String, Node>> configurations = configurations(dimensions, search);
        Node withoutSearch = SpecTree.without(root, "search");
        List<SweepPoint> points = new ArrayList<>();
        List<Node> trees = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Map<String, Node> values : configurations) {
            SweepPoint point = ExperimentSource.point(withoutSearch, fileName, points.size(), configurations.size(), 0, 1, values, axes, overrides,
                    problems, seen, trees);
            if (point != null) {
                points.add(point);
            }
        }
        return new Expanded(axes, points, trees);
    }

    private static Dimension dimension(String path, List<String> segments, Node node, String fieldPath, String file, Mark keyMark,
            List<SpecProblem> problems, boolean listAllowed) {
        if (node instanceof SequenceNode list) {
            if (list.getValue().isEmpty()) {
                problems.add(new SpecProblem(ExperimentSource.position(file, node.getStartMark()), fieldPath, "a search path needs at least one choice",
                        null));
                return null;
            }
            return new Dimension(path, segments, list.getValue(), null, null, null, keyMark);
        }
        if (node instanceof MappingNode conditional && ExperimentSource.tuple(conditional, "by") != null) {
            return conditional(path, segments, conditional, fieldPath, file, keyMark, problems, listAllowed);
        }
        if (node instanceof MappingNode mapping && ExperimentSource.tuple(mapping, "depth") != null) {
            if (!listAllowed) {
                problems.add(new SpecProblem(ExperimentSource.position(file, node.getStartMark()), fieldPath, "'each' cannot be a per-layer list itself",
                        "give 'each' choices [4, 8, 16] or a range {from: 4, to: 256, log: true}"));
                return null;
            }
            Node depthNode = null;
            Node eachNode = null;
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
                switch (key) {
                    case "depth" -> depthNode = tuple.getValueNode();
                    case "each" -> eachNode = tuple.getValueNode();
                    default -> problems.add(new SpecProblem(ExperimentSource.position(file, tuple.getKeyNode().getStartMark()), fieldPath + "." + key,
                            "unknown key '" + key + "' in a per-layer list", "a per-layer list has depth and each"));
                }
            }
            if (eachNode == null) {
                problems.add(new SpecProblem(ExperimentSource.position(file, node.getStartMark()), fieldPath, "a per-layer list needs 'each'",
                        "e.g. {depth: [2, 3, 4], each: {from: 4, to: 256, log: true}}"));
                return null;
            }
            List<Integer> depths = new ArrayList<>();
            if (depthNode instanceof SequenceNode depthList && !depthList.getValue().isEmpty()) {
                for (Node d : depthList.getValue()) {
                    if (d instanceof ScalarNode s && s.getTag().equals(Tag.INT) && Integer.parseInt(s.getValue()) >= 1
                            && Integer.parseInt(s.getValue()) <= 64) {
                        depths.add(Integer.parseInt(s.getValue()));
                    } else {
                        problems.add(new SpecProblem(ExperimentSource.position(file, d.getStartMark()), fieldPath + ".depth",
                                "expected a depth from 1 to 64, got " + SpecTree.describe(d), null));
                        return null;
                    }
                }
            } else {
                problems.add(new SpecProblem(ExperimentSource.position(file, depthNode == null ? node.getStartMark() : depthNode.getStartMark()),
                        fieldPath + ".depth", "expected a list of depths, e.g. [2, 3, 4]", null));
                return null;
            }
            Dimension each = dimension(path, segments, eachNode, fieldPath + ".each", file, keyMark, problems, false);
            return each == null ? null : new Dimension(path, segments, null, null, depths, each, keyMark);
        }
        if (node instanceof MappingNode) {
            ExperimentSource.Draw draw = ExperimentSource.randomRange(node, fieldPath, file, problems);
            return draw == null ? null : new Dimension(path, segments, null, draw, null, null, keyMark);
        }
        problems.add(new SpecProblem(ExperimentSource.position(file, node.getStartMark()), fieldPath,
                "expected a list of choices, a range {from, to} or a per-layer list {depth, each}, got " + SpecTree.describe(node),
                "write [" + SpecTree.text(node) + "] for a single choice"));
        return null;
    }

    /** {by: PATH, values: {VALUE: choices or range, ...}}: what this path takes depends on the value drawn for PATH (an earlier path). */
    private static Dimension conditional(String path, List<String> segments, MappingNode node, String fieldPath, String file, Mark keyMark,
            List<SpecProblem> problems, boolean listAllowed) {
        String by = null;
        MappingNode values = null;
        for (NodeTuple tuple : node.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
            if (key.equals("by") && tuple.getValueNode() instanceof ScalarNode s) {
                by = s.getValue();
            } else if (key.equals("values") && tuple.getValueNode() instanceof MappingNode m) {
                values = m;
            } else {
                problems.add(new SpecProblem(ExperimentSource.position(file, tuple.getKeyNode().getStartMark()), fieldPath + "." + key,
                        key.equals("by") || key.equals("values") ? "expected " + (key.equals("by") ? "a spec path" : "a mapping from values to choices")
                                : "unknown key '" + key + "' in a conditional path", "e.g. {by: model.patches, values: {'1': [2], '4': [1]}} (values quoted: keys are words)"));
                return null;
            }
        }
        if (by == null || values == null || values.getValue().isEmpty()) {
            problems.add(new SpecProblem(ExperimentSource.position(file, node.getStartMark()), fieldPath, "a conditional path needs 'by' and 'values'",
                    "e.g. {by: model.patches, values: {'1': [2], '4': [1]}} (values quoted: keys are words)"));
            return null;
        }
        Map<String, Dimension> cases = new LinkedHashMap<>();
        for (NodeTuple tuple : values.getValue()) {
            String value = SpecTree.text(tuple.getKeyNode());
            Dimension d = dimension(path, segments, tuple.getValueNode(), fieldPath + ".values['" + value + "']", file, keyMark, problems, listAllowed);
            if (d == null) {
                return null;
            }
            cases.put(value, d);
        }
        return new Dimension(path, segments, null, null, null, null, keyMark, by, cases);
    }

    private static List<Map<String, Node>> configurations(List<Dimension> dimensions, SearchSpec search) {
        long size = 1;
        for (Dimension d : dimensions) {
            long s = d.size();
            size = s < 0 || size < 0 ? -1 : Math.multiplyExact(size, s);
            if (size > 1_000_000) {
                size = -1;
            }
        }
        if (size >= 0 && size <= search.configurations()) {
            return all(dimensions);
        }
        ExperimentSource.Rng rng = new ExperimentSource.Rng(ExperimentSource.mix(search.seed() ^ ExperimentSource.mix(ExperimentSource.fnv("search"))));
        List<Map<String, Node>> drawn = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>();
        for (long attempt = 0; drawn.size() < search.configurations() && attempt < 100L * search.configurations(); attempt++) {
            Map<String, Node> values = new LinkedHashMap<>();
            for (Dimension d : dimensions) {
                Dimension actual = d;
                if (d.by() != null) {
                    Node decided = values.get(d.by());
                    actual = decided == null ? null : d.cases().get(SpecTree.text(decided));
                    if (actual == null) {
                        // The path it depends on took a value with no case: this path keeps the file's value.
                        continue;
                    }
                }
                values.put(d.path(), draw(actual, rng));
            }
            StringBuilder label = new StringBuilder();
            values.values().forEach(v -> label.append(SpecTree.text(v)).append('\u0000'));
            if (labels.add(label.toString())) {
                drawn.add(values);
            }
        }
        return drawn;
    }

    private static Node draw(Dimension d, ExperimentSource.Rng rng) {
        if (d.depths() != null) {
            int depth = d.depths().get((int) rng.below(d.depths().size()));
            List<Node> elements = new ArrayList<>();
            for (int i = 0; i < depth; i++) {
                elements.add(draw(d.each(), rng));
            }
            return sequence(elements, d.keyMark());
        }
        return ExperimentSource.draw(new ExperimentSource.Axis(d.path(), d.segments(), false, d.choices(), d.draw(), d.keyMark()), rng);
    }

    /** Every configuration of a finite space, last dimension fastest. */
    private static List<Map<String, Node>> all(List<Dimension> dimensions) {
        List<List<Node>> options = new ArrayList<>();
        for (Dimension d : dimensions) {
            options.add(values(d));
        }
        List<Map<String, Node>> out = new ArrayList<>();
        int[] index = new int[dimensions.size()];
        while (true) {
            Map<String, Node> values = new LinkedHashMap<>();
            for (int i = 0; i < dimensions.size(); i++) {
                values.put(dimensions.get(i).path(), options.get(i).get(index[i]));
            }
            out.add(values);
            int a = dimensions.size() - 1;
            for (; a >= 0; a--) {
                if (++index[a] < options.get(a).size()) {
                    break;
                }
                index[a] = 0;
            }
            if (a < 0) {
                return out;
            }
        }
    }

    private static List<Node> values(Dimension d) {
        if (d.choices() != null) {
            return d.choices();
        }
        List<Node> out = new ArrayList<>();
        for (int depth : d.depths()) {
            List<List<Node>> lists = new ArrayList<>();
            lists.add(List.of());
            for (int layer = 0; layer < depth; layer++) {
                List<List<Node>> longer = new ArrayList<>();
                for (List<Node> prefix : lists) {
                    for (Node element : d.each().choices()) {
                        List<Node> next = new ArrayList<>(prefix);
                        next.add(element);
                        longer.add(next);
                    }
                }
                lists = longer;
            }
            lists.forEach(list -> out.add(sequence(list, d.keyMark())));
        }
        return out;
    }

    private static Node sequence(List<Node> elements, Mark mark) {
        return new SequenceNode(Tag.SEQ, true, elements, mark, mark, DumperOptions.FlowStyle.FLOW);
    }

    /** A number as a node, for tests of the draws. */
    static Node number(long value) {
        return new ScalarNode(Tag.INT, BigDecimal.valueOf(value).toPlainString(), null, null, DumperOptions.ScalarStyle.PLAIN);
    }
}
