package dev.edgewise.dsl.sweep;

import dev.edgewise.dsl.CanonicalSpec;
import dev.edgewise.dsl.LoadedSpec;
import dev.edgewise.dsl.SourcePosition;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.yaml.TreeBinder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The {@code baselines:} block: every run of the file (each sweep point) gets a sibling run per
 * baseline, its spec the run's spec with the baseline's paths set on top, the way a sweep sets its
 * values: on the composed tree, bound by the same binder. A value keeps its place in the file, so a
 * bad value is reported where it is written, and a bad path at the baseline entry's key.
 *
 * <p>A baseline that sets every path the sweep varies comes out the same at many points (a
 * centralised model does not care about the message size); it runs once, labelled with only the
 * values its points share.
 */
final class Baselines {

    /** The summary column that names a run's baseline. */
    static final String COLUMN = "baseline";

    /** Paths a baseline may not set: they decide where runs are recorded, and a baseline shares its run's seed. */
    private static final Set<String> FIXED = Set.of("name", "tracking", "sweep", "baselines", "seed");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");

    private Baselines() {}

    /** One path a baseline sets, with where it is written. */
    private record Setting(String path, List<String> segments, Node value, Mark keyMark) {}

    /** A baseline run before numbering, with the main points whose spec gives it. */
    private record Candidate(SweepPoint main, String name, LoadedSpec loaded, List<SweepPoint> sharers) {}

    /**
     * The main points with each one's baselines after it; {@code trees} holds each main point's
     * composed tree (no sweep, no baselines block), in the same order.
     */
    static List<SweepPoint> expand(Node root, String fileName, ExperimentSpec spec, List<SweepPoint> mains, List<Node> trees,
            List<SpecProblem> problems) {
        Map<String, List<Setting>> settings = settings(root, fileName, spec, problems);
        if (!problems.isEmpty()) {
            return mains;
        }
        List<Object> order = new ArrayList<>();
        Map<String, Candidate> byHash = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < mains.size(); i++) {
            SweepPoint main = mains.get(i);
            order.add(main);
            for (Map.Entry<String, List<Setting>> baseline : settings.entrySet()) {
                LoadedSpec loaded = bind(trees.get(i), fileName, baseline.getKey(), baseline.getValue(), main, mains.size(), root,
                        problems, seen);
                if (loaded == null) {
                    continue;
                }
                String key = baseline.getKey() + " " + CanonicalSpec.hash(loaded.spec());
                Candidate earlier = byHash.get(key);
                if (earlier != null) {
                    earlier.sharers().add(main);
                } else {
                    Candidate candidate = new Candidate(main, baseline.getKey(), loaded, new ArrayList<>(List.of(main)));
                    byHash.put(key, candidate);
                    order.add(candidate);
                }
            }
        }
        List<SweepPoint> points = new ArrayList<>();
        for (Object item : order) {
            int index = points.size();
            if (item instanceof SweepPoint main) {
                points.add(main.renumbered(index, order.size()));
            } else {
                Candidate c = (Candidate) item;
                Map<String, String> values = shared(c.sharers());
                int repeat = c.main().repeat();
                StringBuilder label = new StringBuilder();
                values.forEach((path, text) -> label.append(label.length() == 0 ? "" : ", ").append(path).append('=').append(text));
                boolean repeats = mains.stream().anyMatch(p -> p.repeat() > 0);
                if (repeats && c.sharers().stream().allMatch(p -> p.repeat() == repeat)) {
                    label.append(label.length() == 0 ? "" : ", ").append("repeat ").append(repeat);
                }
                values.put(COLUMN, c.name());
                label.append(label.length() == 0 ? "" : ", ").append(COLUMN).append('=').append(c.name());
                points.add(new SweepPoint(index, order.size(), repeat, values, label.toString(), c.loaded(), c.name()));
            }
        }
        return points;
    }

    /** The swept values every sharer has in common: what identifies the baseline run among its siblings. */
    private static Map<String, String> shared(List<SweepPoint> sharers) {
        Map<String, String> common = new LinkedHashMap<>(sharers.get(0).values());
        for (SweepPoint other : sharers) {
            common.entrySet().removeIf(e -> !Objects.equals(other.values().get(e.getKey()), e.getValue()));
        }
        return common;
    }

    /** Each baseline's settings, checked for their paths; problems at the entry's key. */
    private static Map<String, List<Setting>> settings(Node root, String fileName, ExperimentSpec spec, List<SpecProblem> problems) {
        Map<String, List<Setting>> out = new LinkedHashMap<>();
        Node block = SpecTree.get(root, List.of("baselines"));
        for (String name : spec.baselines().keySet()) {
            Node entry = child(block, name);
            List<Setting> list = new ArrayList<>();
            if (entry instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    String path = ((ScalarNode) tuple.getKeyNode()).getValue();
                    Mark keyMark = tuple.getKeyNode().getStartMark();
                    List<String> segments = List.of(path.split("\\.", -1));
                    String bad = check(path, segments);
                    if (bad != null) {
                        problems.add(new SpecProblem(ExperimentSource.position(fileName, keyMark), "$.baselines." + name + "['" + path + "']",
                                "baseline '" + name + "': " + bad,
                                "a spec path is YAML keys joined with dots, e.g. model.base.layers or data.view"));
                        continue;
                    }
                    list.add(new Setting(path, segments, tuple.getValueNode(), keyMark));
                }
            }
            out.put(name, list);
        }
        return out;
    }

    private static String check(String path, List<String> segments) {
        for (String segment : segments) {
            if (!KEY.matcher(segment).matches()) {
                return "'" + path + "' is not a spec path";
            }
        }
        if (FIXED.contains(segments.get(0))) {
            return "a baseline cannot set '" + path + "': it runs beside its run with the same name, tracking and seed";
        }
        return null;
    }

    /** The main point's tree with the baseline's settings, bound; null (and problems) if it does not bind. */
    private static LoadedSpec bind(Node tree, String fileName, String name, List<Setting> settings, SweepPoint main, int mains,
            Node root, List<SpecProblem> problems, Set<String> seen) {
        String prefix = "baseline '" + name + "'" + (mains > 1 ? " of sweep point " + main.ordinal() + " (" + main.label() + ")" : "") + ": ";
        Mark entryMark = child(SpecTree.get(root, List.of("baselines")), name) == null ? null
                : keyOf(SpecTree.get(root, List.of("baselines")), name).getStartMark();
        for (Setting setting : settings) {
            try {
                tree = SpecTree.set(tree, setting.segments(), setting.value(), setting.keyMark());
            } catch (SpecTree.PathException e) {
                if (seen.add("baseline " + name + " " + setting.path() + " " + e.getMessage())) {
                    problems.add(new SpecProblem(ExperimentSource.position(fileName, setting.keyMark()),
                            "$.baselines." + name + "['" + setting.path() + "']", prefix + "cannot set '" + setting.path() + "': " + e.getMessage(),
                            "a baseline sets keys of mappings; '" + setting.path() + "' goes through a value"));
                }
                return null;
            }
        }
        TreeBinder binder = new TreeBinder(fileName);
        ExperimentSpec spec = binder.bindRoot(tree, ExperimentSpec.class);
        if (spec == null || !binder.problems().isEmpty()) {
            Node block = SpecTree.get(root, List.of("baselines"));
            for (SpecProblem problem : binder.problems()) {
                SourcePosition at = within(problem.position(), block) ? problem.position()
                        : ExperimentSource.position(fileName, markFor(problem.path(), settings, entryMark));
                // The same mistake at every sweep point is one mistake: reported once, for the first point.
                if (seen.add("baseline " + name + " " + at + " " + problem.path() + " " + problem.message())) {
                    problems.add(new SpecProblem(at, problem.path(), prefix + problem.message(), problem.hint()));
                }
            }
            return null;
        }
        return new LoadedSpec(spec, ExperimentSource.sourceMap(fileName, binder.positions()));
    }

    /** The key of the setting that the problem's field path lies under or above, else the baseline's own key. */
    private static Mark markFor(String fieldPath, List<Setting> settings, Mark entryMark) {
        String path = fieldPath == null ? "" : fieldPath;
        for (Setting setting : settings) {
            String field = SpecOverride.fieldPath(setting.segments());
            if (path.equals(field) || path.startsWith(field + ".") || path.startsWith(field + "[") || field.startsWith(path + ".")) {
                return setting.keyMark();
            }
        }
        return entryMark;
    }

    /** Whether a position lies in the lines of the baselines block. */
    private static boolean within(SourcePosition position, Node block) {
        if (position == null || block == null || block.getStartMark() == null || block.getEndMark() == null) {
            return false;
        }
        return position.line() >= block.getStartMark().getLine() + 1 && position.line() <= block.getEndMark().getLine() + 1;
    }

    private static Node child(Node mapping, String key) {
        NodeTuple tuple = tuple(mapping, key);
        return tuple == null ? null : tuple.getValueNode();
    }

    private static Node keyOf(Node mapping, String key) {
        NodeTuple tuple = tuple(mapping, key);
        return tuple == null ? null : tuple.getKeyNode();
    }

    private static NodeTuple tuple(Node mapping, String key) {
        if (mapping instanceof MappingNode m) {
            for (NodeTuple tuple : m.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return tuple;
                }
            }
        }
        return null;
    }
}
