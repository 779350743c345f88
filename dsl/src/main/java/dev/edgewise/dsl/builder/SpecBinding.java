package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.LoadedSpec;
import dev.edgewise.dsl.SourceMap;
import dev.edgewise.dsl.SourcePosition;
import dev.edgewise.dsl.SpecException;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.SpecEnum;
import dev.edgewise.dsl.yaml.TreeBinder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns a builder's tree into a spec by handing it to the YAML binder as a node tree, so the
 * builder has exactly the YAML reader's types, ranges, defaults and messages.
 *
 * <p>The binder knows one file per tree, but builder calls come from many lines (and, in Java,
 * possibly several files). So each node's mark carries the index of its call site as its "line",
 * and positions are translated back to real call sites after binding.
 */
final class SpecBinding {

    private static final Pattern MISSING_HINT = Pattern.compile("add '([a-z_]+): <value>'");
    private static final Pattern MISSING_SECTION_HINT = Pattern.compile("add '[a-z_]+:' with at least (.*)");
    private static final Pattern QUOTED = Pattern.compile("'([a-z_]+)'");
    private static final String SITE_INDEX = "<call-site-index>";
    private static final int[] NO_TEXT = new int[0];

    private final List<CallSite> sites = new ArrayList<>();

    private SpecBinding() {}

    static LoadedSpec bind(SpecNode root, SourceLocator locator) {
        SpecBinding binding = new SpecBinding();
        Node tree = binding.mapping(root);
        TreeBinder binder = new TreeBinder(SITE_INDEX);
        ExperimentSpec spec = binder.bindRoot(tree, ExperimentSpec.class);
        if (spec == null || !binder.problems().isEmpty()) {
            throw new SpecException(binder.problems().stream()
                    .map(p -> new SpecProblem(binding.real(p.position(), locator), p.path(), p.message(), inBuilderTerms(p.hint())))
                    .toList());
        }
        Map<String, SourcePosition> positions = new LinkedHashMap<>();
        binder.positions().forEach((path, position) -> {
            SourcePosition real = binding.real(position, locator);
            if (real != null) {
                positions.put(path, real);
            }
        });
        return new LoadedSpec(spec, new SourceMap(locator.locate(root.site()).file(), positions));
    }

    /**
     * The binder's hints speak YAML ("add 'nodes: <value>'"); a builder user sets a property
     * instead, named in camelCase.
     */
    static String inBuilderTerms(String hint) {
        if (hint == null) {
            return null;
        }
        Matcher missing = MISSING_HINT.matcher(hint);
        if (missing.matches()) {
            return "set " + Section.camelCase(missing.group(1));
        }
        Matcher section = MISSING_SECTION_HINT.matcher(hint);
        if (section.matches()) {
            return "set " + QUOTED.matcher(section.group(1)).results()
                    .map(m -> Section.camelCase(m.group(1)))
                    .collect(Collectors.joining(", "));
        }
        return hint;
    }

    private SourcePosition real(SourcePosition encoded, SourceLocator locator) {
        return encoded == null ? null : locator.locate(sites.get(encoded.line() - 1));
    }

    private Mark mark(CallSite site) {
        sites.add(site);
        return new Mark(SITE_INDEX, 0, sites.size() - 1, 0, NO_TEXT, 0);
    }

    private Node mapping(SpecNode node) {
        List<NodeTuple> tuples = new ArrayList<>();
        for (Map.Entry<String, SpecNode.Entry> entry : node.entries().entrySet()) {
            Mark at = mark(entry.getValue().site());
            tuples.add(new NodeTuple(scalar(Tag.STR, entry.getKey(), at), value(entry.getValue().value(), at)));
        }
        Mark at = mark(node.site());
        return new MappingNode(Tag.MAP, true, tuples, at, at, DumperOptions.FlowStyle.BLOCK);
    }

    private Node value(Object value, Mark at) {
        if (value instanceof SpecNode node) {
            return mapping(node);
        }
        if (value instanceof List<?> list) {
            List<Node> items = new ArrayList<>(list.size());
            list.forEach(item -> items.add(value(item, at)));
            return new SequenceNode(Tag.SEQ, true, items, at, at, DumperOptions.FlowStyle.FLOW);
        }
        if (value instanceof Map<?, ?> map) {
            List<NodeTuple> tuples = new ArrayList<>();
            map.forEach((key, item) -> tuples.add(new NodeTuple(scalar(Tag.STR, (String) key, at), value(item, at))));
            return new MappingNode(Tag.MAP, true, tuples, at, at, DumperOptions.FlowStyle.FLOW);
        }
        if (value == null) {
            return scalar(Tag.NULL, "~", at);
        }
        if (value instanceof Integer || value instanceof Long) {
            return scalar(Tag.INT, value.toString(), at);
        }
        if (value instanceof Double d) {
            return scalar(Tag.FLOAT, d.toString(), at);
        }
        if (value instanceof Boolean b) {
            return scalar(Tag.BOOL, b.toString(), at);
        }
        if (value instanceof SpecEnum e) {
            return scalar(Tag.STR, e.yamlName(), at);
        }
        return scalar(Tag.STR, (String) value, at);
    }

    private static ScalarNode scalar(Tag tag, String text, Mark at) {
        return new ScalarNode(tag, true, text, at, at, DumperOptions.ScalarStyle.PLAIN);
    }
}
