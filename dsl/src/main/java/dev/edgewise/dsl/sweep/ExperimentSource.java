package dev.edgewise.dsl.sweep;

import dev.edgewise.dsl.LoadedSpec;
import dev.edgewise.dsl.SourceMap;
import dev.edgewise.dsl.SourcePosition;
import dev.edgewise.dsl.SpecException;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.yaml.TreeBinder;
import dev.edgewise.dsl.yaml.YamlSpecReader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * An experiment file with its overrides applied and its sweep expanded into points, every point
 * bound and checked before anything runs.
 *
 * <p>Overrides and sweep values are set on the composed YAML tree and the result is bound by the
 * same {@link TreeBinder} as the file, so a bad value is caught with the file's own rules. A
 * problem in an override names the override ({@code override topology.nodes=abc: expected an
 * integer ...}); a problem in a sweep point points at the sweep value in the file and names the point.
 *
 * <p>A point's spec never contains the sweep block: its canonical form and hash are its own, the
 * same as a file that wrote those values directly.
 */
public final class ExperimentSource {

    /** Paths a sweep may not vary: they decide where a run is recorded, and every point belongs with its parent. */
    private static final Set<String> FIXED_PATHS = Set.of("name", "tracking", "sweep", "baselines", "search");

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");
    private static final int MAX_POINTS = 10_000;
    private static final MathContext DRAW_PRECISION = new MathContext(6, RoundingMode.HALF_EVEN);

    private final String fileName;
    /** The file's text as read: what a scheduler's job reads the points from again, whatever happens to the file. */
    private final String text;
    private final List<SpecOverride> overrides;
    private final LoadedSpec base;
    private final List<Axis> axes;
    private final List<SweepPoint> points;
    /** For a search: each configuration's tree (the file without its search block, the configuration set), by point index. */
    private final List<Node> searchTrees;

    private ExperimentSource(String fileName, String text, List<SpecOverride> overrides, LoadedSpec base, List<Axis> axes,
            List<SweepPoint> points) {
        this(fileName, text, overrides, base, axes, points, List.of());
    }

    private ExperimentSource(String fileName, String text, List<SpecOverride> overrides, LoadedSpec base, List<Axis> axes,
            List<SweepPoint> points, List<Node> searchTrees) {
        this.searchTrees = List.copyOf(searchTrees);
        this.fileName = fileName;
        this.text = text;
        this.overrides = List.copyOf(overrides);
        this.base = base;
        this.axes = List.copyOf(axes);
        this.points = List.copyOf(points);
    }

    public static ExperimentSource read(Path file, List<SpecOverride> overrides) {
        return read(YamlSpecReader.readText(file), file.toString(), overrides);
    }

    public static ExperimentSource read(String text, String fileName, List<SpecOverride> overrides) {
        Node root = YamlSpecReader.compose(text, fileName);
        List<SpecProblem> problems = new ArrayList<>();
        for (SpecOverride override : overrides) {
            try {
                root = SpecTree.set(root, override.segments(), override.value(), null);
            } catch (SpecTree.PathException e) {
                problems.add(new SpecProblem(null, override.fieldPath(), "override " + override.text() + ": " + e.getMessage(), null));
            }
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        TreeBinder binder = new TreeBinder(fileName);
        ExperimentSpec spec = binder.bindRoot(root, ExperimentSpec.class);
        if (spec == null || !binder.problems().isEmpty()) {
            throw new SpecException(attribute(binder.problems(), overrides, List.of(), null));
        }
        LoadedSpec base = new LoadedSpec(spec, sourceMap(fileName, binder.positions()));
        List<Node> trees = new ArrayList<>();
        List<SweepPoint> points;
        List<Axis> axes = List.of();
        if (spec.search() != null) {
            SearchSpace.Expanded expanded = SearchSpace.expand(root, fileName, spec, overrides, problems);
            if (!problems.isEmpty()) {
                throw new SpecException(problems);
            }
            if (expanded.points().isEmpty()) {
                throw new SpecException(List.of(new SpecProblem(position(fileName, SpecTree.get(root, List.of("search")).getStartMark()),
                        "$.search", "the search drew no configuration", "widen search.space")));
            }
            problems.addAll(ReferenceCheck.problems(base, expanded.points(), overrides.isEmpty()));
            if (!problems.isEmpty()) {
                throw new SpecException(problems);
            }
            return new ExperimentSource(fileName, text, overrides, base, expanded.axes(), expanded.points(), expanded.trees());
        }
        if (spec.sweep() == null) {
            if (spec.baselines() == null) {
                SweepPoint only = new SweepPoint(0, 1, 0, Map.of(), "", base);
                problems.addAll(ReferenceCheck.problems(base, List.of(only), overrides.isEmpty()));
                if (!problems.isEmpty()) {
                    throw new SpecException(problems);
                }
                return new ExperimentSource(fileName, text, overrides, base, List.of(), List.of(only));
            }
            // The run itself, without the baselines block: its spec and hash are those of the same file without baselines.
            Node tree = SpecTree.without(root, "baselines");
            TreeBinder mainBinder = new TreeBinder(fileName);
            ExperimentSpec main = mainBinder.bindRoot(tree, ExperimentSpec.class);
            if (main == null || !mainBinder.problems().isEmpty()) {
                throw new SpecException(attribute(mainBinder.problems(), overrides, List.of(), null));
            }
            points = List.of(new SweepPoint(0, 1, 0, Map.of(), "", new LoadedSpec(main, sourceMap(fileName, mainBinder.positions()))));
            trees.add(tree);
        } else {
            axes = axes(root, fileName, spec, overrides, problems);
            if (!problems.isEmpty()) {
                throw new SpecException(problems);
            }
            points = expand(root, fileName, spec, axes, overrides, problems, trees);
            if (!problems.isEmpty()) {
                throw new SpecException(problems);
            }
        }
        if (spec.baselines() != null) {
            points = Baselines.expand(root, fileName, spec, points, trees, problems);
            if (!problems.isEmpty()) {
                throw new SpecException(problems);
            }
        }
        problems.addAll(ReferenceCheck.problems(base, points, overrides.isEmpty()));
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        return new ExperimentSource(fileName, text, overrides, base, axes, points);
    }

    /** The text the source was read from (before overrides). */
    public String text() {
        return text;
    }

    public String fileName() {
        return fileName;
    }

    public List<SpecOverride> overrides() {
        return overrides;
    }

    /** The spec as written plus overrides, sweep block included (null when the file has none). */
    public LoadedSpec base() {
        return base;
    }

    /** Whether the file is a search: its points are the configurations drawn, which {@link #trial} turns into runs. */
    public boolean isSearch() {
        return base.spec().search() != null;
    }

    /**
     * A trial of search configuration {@code configuration}: its spec with {@code training.epochs}
     * set to {@code epochs}, bound again like the file, numbered {@code index} of {@code count}.
     */
    public SweepPoint trial(SweepPoint configuration, int epochs, int index, int count) {
        if (!isSearch()) {
            throw new IllegalStateException("not a search");
        }
        Node tree;
        try {
            tree = SpecTree.set(searchTrees.get(configuration.index()), List.of("training", "epochs"),
                    new ScalarNode(Tag.INT, Integer.toString(epochs), null, null, DumperOptions.ScalarStyle.PLAIN), null);
        } catch (SpecTree.PathException e) {
            throw new IllegalStateException("a bound spec has a training mapping", e);
        }
        TreeBinder binder = new TreeBinder(fileName);
        ExperimentSpec spec = binder.bindRoot(tree, ExperimentSpec.class);
        if (spec == null || !binder.problems().isEmpty()) {
            throw new SpecException(attribute(binder.problems(), overrides, sweptPaths(), configuration));
        }
        Map<String, String> values = new LinkedHashMap<>(configuration.values());
        values.put("training.epochs", Integer.toString(epochs));
        String label = configuration.label() + ", epochs=" + epochs;
        return new SweepPoint(index, count, 0, values, label, new LoadedSpec(spec, sourceMap(fileName, binder.positions())));
    }

    /** Whether the file makes several runs under one parent: a sweep, or baselines beside the run. */
    public boolean isSweep() {
        return base.spec().sweep() != null || base.spec().baselines() != null;
    }

    /**
     * The paths the sweep varies, in the order the file gives them (grid first, then random), then
     * {@value Baselines#COLUMN} when the file has baselines (each point's value: the baseline's name, or none).
     */
    public List<String> sweptPaths() {
        List<String> paths = new ArrayList<>(axes.stream().map(Axis::path).toList());
        if (base.spec().baselines() != null) {
            paths.add(Baselines.COLUMN);
        }
        return List.copyOf(paths);
    }

    /**
     * Every metric name the file writes, where it writes it: reference rows' values, then each
     * sweep plot's x, y and series. Checked by the engine, which knows what each family logs.
     */
    public List<MetricName> metricNames() {
        List<MetricName> names = new ArrayList<>();
        ExperimentSpec spec = base.spec();
        if (spec.reference() != null) {
            for (int i = 0; i < spec.reference().rows().size(); i++) {
                for (String metric : spec.reference().rows().get(i).values().keySet()) {
                    names.add(new MetricName(childPath("$.reference.rows[" + i + "].values", metric), metric, false));
                }
            }
        }
        if (spec.search() != null) {
            names.add(new MetricName("$.search.metric", spec.search().metric(), false));
        }
        if (spec.sweep() != null) {
            for (int i = 0; i < spec.sweep().plots().size(); i++) {
                SweepPlot plot = spec.sweep().plots().get(i);
                String at = "$.sweep.plots[" + i + "]";
                names.add(new MetricName(at + ".x", plot.x(), true));
                names.add(new MetricName(at + ".y", plot.y(), false));
                if (plot.series() != null) {
                    names.add(new MetricName(at + ".series", plot.series(), true));
                }
            }
        }
        return List.copyOf(names);
    }

    /** A field path as the binder writes it: {@code .key}, or {@code ['key']} when the key is not a plain word. */
    private static String childPath(String path, String key) {
        return key.matches("[A-Za-z_][A-Za-z0-9_-]*") ? path + "." + key : path + "['" + key + "']";
    }

    /** Every point, numbered from 0; a file without a sweep has one point, its own spec. */
    public List<SweepPoint> points() {
        return points;
    }

    /**
     * Problems found after binding (for example an unknown graph name from the catalog), made to
     * name the override or sweep point they came from, as binding problems do.
     */
    public SpecException attribute(SpecException e, SweepPoint point) {
        List<String> swept = point == null || point.count() == 1 && !isSweep() ? List.of() : sweptPaths();
        return new SpecException(attribute(e.problems(), overrides, swept, point));
    }

    /**
     * The seed of repeat {@code repeat} of a point whose spec says {@code seed}: the seed itself for
     * repeat 0, so a sweep with one repeat runs the seeds the file says; else a mix of both, spread
     * over the non-negative longs.
     */
    public static long repeatSeed(long seed, int repeat) {
        if (repeat == 0) {
            return seed;
        }
        return mix(seed + 0x9E3779B97F4A7C15L * repeat) & Long.MAX_VALUE;
    }

    // ---------------------------------------------------------------- axes

    /** One swept path and the values (grid) or the distribution (random) it takes. */
    record Axis(String path, List<String> segments, boolean grid, List<Node> values, Draw draw, Mark keyMark) {}

    /** A random range: uniform (log-uniform with {@code log}) between from and to; integers when both are. */
    record Draw(BigDecimal from, BigDecimal to, boolean integer, boolean log, Mark mark) {}

    private static List<Axis> axes(Node root, String fileName, ExperimentSpec spec, List<SpecOverride> overrides, List<SpecProblem> problems) {
        Node sweep = SpecTree.get(root, List.of("sweep"));
        List<Axis> axes = new ArrayList<>();
        for (boolean grid : new boolean[] {true, false}) {
            String block = grid ? "grid" : "random";
            Map<String, Object> declared = grid ? spec.sweep().grid() : spec.sweep().random();
            Node blockNode = SpecTree.get(root, List.of("sweep", block));
            for (Map.Entry<String, Object> entry : declared.entrySet()) {
                String path = entry.getKey();
                NodeTuple tuple = tuple(blockNode, path);
                Mark keyMark = tuple != null ? tuple.getKeyNode().getStartMark() : sweep.getStartMark();
                Node valueNode = tuple != null ? tuple.getValueNode() : SpecTree.of(entry.getValue(), keyMark);
                String fieldPath = "$.sweep." + block + "['" + path + "']";
                List<String> segments = List.of(path.split("\\.", -1));
                String bad = checkPath(path, segments, overrides, axes);
                if (bad != null) {
                    problems.add(new SpecProblem(position(fileName, keyMark), fieldPath, bad, pathHint(path, overrides)));
                    continue;
                }
                if (grid) {
                    List<Node> values = gridValues(valueNode, fieldPath, fileName, problems);
                    if (values != null) {
                        axes.add(new Axis(path, segments, true, values, null, keyMark));
                    }
                } else if (valueNode instanceof SequenceNode list) {
                    if (list.getValue().isEmpty()) {
                        problems.add(new SpecProblem(position(fileName, valueNode.getStartMark()), fieldPath, "a random path needs at least one value to pick from", null));
                    } else {
                        axes.add(new Axis(path, segments, false, list.getValue(), null, keyMark));
                    }
                } else {
                    Draw draw = randomRange(valueNode, fieldPath, fileName, problems);
                    if (draw != null) {
                        axes.add(new Axis(path, segments, false, null, draw, keyMark));
                    }
                }
            }
        }
        return axes;
    }

    static String checkPath(String path, List<String> segments, List<SpecOverride> overrides, List<Axis> earlier) {
        for (String segment : segments) {
            if (!KEY.matcher(segment).matches()) {
                return "'" + path + "' is not a spec path";
            }
        }
        if (FIXED_PATHS.contains(segments.get(0))) {
            return "a sweep cannot vary '" + path + "': name, tracking and sweep decide where the points are recorded";
        }
        for (Axis axis : earlier) {
            if (axis.path().equals(path)) {
                return "'" + path + "' is swept twice (in grid and in random)";
            }
        }
        for (SpecOverride override : overrides) {
            String o = String.join(".", override.segments());
            if (o.equals(path) || o.startsWith(path + ".")) {
                return "override " + override.text() + " sets '" + o + "', which the sweep varies";
            }
        }
        return null;
    }

    private static String pathHint(String path, List<SpecOverride> overrides) {
        for (SpecOverride override : overrides) {
            String o = String.join(".", override.segments());
            if (o.equals(path) || o.startsWith(path + ".")) {
                return "override the sweep instead, e.g. sweep.grid." + path + "=[...], or drop the override";
            }
        }
        return "a spec path is YAML keys joined with dots, e.g. topology.nodes or training.learning_rate";
    }

    private static List<Node> gridValues(Node node, String fieldPath, String file, List<SpecProblem> problems) {
        if (node instanceof SequenceNode list) {
            if (list.getValue().isEmpty()) {
                problems.add(new SpecProblem(position(file, node.getStartMark()), fieldPath, "a grid path needs at least one value", null));
                return null;
            }
            return list.getValue();
        }
        if (node instanceof MappingNode range) {
            Map<String, Node> keys = rangeKeys(range, Set.of("from", "to", "step"), fieldPath, file, problems);
            if (keys == null) {
                return null;
            }
            BigDecimal from = number(keys.get("from"), fieldPath + ".from", file, problems);
            BigDecimal to = number(keys.get("to"), fieldPath + ".to", file, problems);
            Node stepNode = keys.get("step");
            BigDecimal step = stepNode == null ? null : number(stepNode, fieldPath + ".step", file, problems);
            if (from == null || to == null || (stepNode != null && step == null)) {
                return null;
            }
            if (step == null) {
                step = to.compareTo(from) >= 0 ? BigDecimal.ONE : BigDecimal.ONE.negate();
            }
            int direction = to.compareTo(from);
            if (step.signum() == 0 || (direction != 0 && step.signum() != direction)) {
                problems.add(new SpecProblem(position(file, range.getStartMark()), fieldPath,
                        "the range from " + from + " to " + to + " never ends with step " + step,
                        "the step must be non-zero and go from 'from' towards 'to'"));
                return null;
            }
            long count = to.subtract(from).divideToIntegralValue(step).longValueExact() + 1;
            if (count > MAX_POINTS) {
                problems.add(new SpecProblem(position(file, range.getStartMark()), fieldPath,
                        "the range has " + count + " values; a sweep takes at most " + MAX_POINTS, "use a larger step"));
                return null;
            }
            boolean integer = isInt(keys.get("from")) && isInt(keys.get("to")) && (stepNode == null || isInt(stepNode));
            List<Node> values = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                values.add(numberNode(from.add(step.multiply(BigDecimal.valueOf(i))), integer, range.getStartMark()));
            }
            return values;
        }
        problems.add(new SpecProblem(position(file, node.getStartMark()), fieldPath,
                "expected a list of values or a range {from, to, step}, got " + SpecTree.describe(node),
                "write [" + SpecTree.text(node) + "] for a single value"));
        return null;
    }

    static Draw randomRange(Node node, String fieldPath, String file, List<SpecProblem> problems) {
        if (!(node instanceof MappingNode range)) {
            problems.add(new SpecProblem(position(file, node.getStartMark()), fieldPath,
                    "expected a list to pick from or a range {from, to}, got " + SpecTree.describe(node), null));
            return null;
        }
        Map<String, Node> keys = rangeKeys(range, Set.of("from", "to", "log"), fieldPath, file, problems);
        if (keys == null) {
            return null;
        }
        BigDecimal from = number(keys.get("from"), fieldPath + ".from", file, problems);
        BigDecimal to = number(keys.get("to"), fieldPath + ".to", file, problems);
        boolean log = false;
        Node logNode = keys.get("log");
        if (logNode != null) {
            if (!(logNode instanceof ScalarNode s && s.getTag().equals(Tag.BOOL))) {
                problems.add(new SpecProblem(position(file, logNode.getStartMark()), fieldPath + ".log", "expected true or false", null));
                return null;
            }
            log = Boolean.parseBoolean(((ScalarNode) logNode).getValue());
        }
        if (from == null || to == null) {
            return null;
        }
        if (from.compareTo(to) > 0) {
            problems.add(new SpecProblem(position(file, range.getStartMark()), fieldPath, "'from' (" + from + ") is above 'to' (" + to + ")", null));
            return null;
        }
        if (log && from.signum() <= 0) {
            problems.add(new SpecProblem(position(file, range.getStartMark()), fieldPath, "a log-uniform range needs 'from' above 0, got " + from, null));
            return null;
        }
        return new Draw(from, to, isInt(keys.get("from")) && isInt(keys.get("to")), log, range.getStartMark());
    }

    private static Map<String, Node> rangeKeys(MappingNode range, Set<String> allowed, String fieldPath, String file, List<SpecProblem> problems) {
        Map<String, Node> keys = new LinkedHashMap<>();
        boolean valid = true;
        for (NodeTuple tuple : range.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
            if (!allowed.contains(key)) {
                problems.add(new SpecProblem(position(file, tuple.getKeyNode().getStartMark()), fieldPath + "." + key,
                        "unknown key '" + key + "' in a range", "a range has " + String.join(", ", new java.util.TreeSet<>(allowed))));
                valid = false;
            }
            keys.put(key, tuple.getValueNode());
        }
        for (String required : List.of("from", "to")) {
            if (!keys.containsKey(required)) {
                problems.add(new SpecProblem(position(file, range.getStartMark()), fieldPath, "a range needs '" + required + "'", null));
                valid = false;
            }
        }
        return valid ? keys : null;
    }

    private static BigDecimal number(Node node, String fieldPath, String file, List<SpecProblem> problems) {
        if (node instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
            try {
                return new BigDecimal(s.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                // .inf, .nan and other YAML floats that are not decimal numbers
            }
        }
        problems.add(new SpecProblem(position(file, node.getStartMark()), fieldPath, "expected a finite number, got " + SpecTree.describe(node), null));
        return null;
    }

    private static boolean isInt(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.INT);
    }

    private static Node numberNode(BigDecimal value, boolean integer, Mark mark) {
        if (integer) {
            return new ScalarNode(Tag.INT, value.toBigIntegerExact().toString(), mark, mark, DumperOptions.ScalarStyle.PLAIN);
        }
        String text = value.stripTrailingZeros().toPlainString();
        if (text.indexOf('.') < 0) {
            text += ".0";
        }
        return new ScalarNode(Tag.FLOAT, text, mark, mark, DumperOptions.ScalarStyle.PLAIN);
    }

    static NodeTuple tuple(Node mapping, String key) {
        if (mapping instanceof MappingNode m) {
            for (NodeTuple tuple : m.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return tuple;
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- points

    private static List<SweepPoint> expand(Node root, String fileName, ExperimentSpec spec, List<Axis> axes,
            List<SpecOverride> overrides, List<SpecProblem> problems, List<Node> trees) {
        SweepSpec sweep = spec.sweep();
        List<Axis> grid = axes.stream().filter(Axis::grid).toList();
        List<Axis> random = axes.stream().filter(a -> !a.grid()).toList();
        long combinations = 1;
        for (Axis axis : grid) {
            combinations *= axis.values().size();
            if (combinations * sweep.samples() * sweep.repeats() > MAX_POINTS) {
                Node sweepNode = SpecTree.get(root, List.of("sweep"));
                problems.add(new SpecProblem(position(fileName, sweepNode.getStartMark()), "$.sweep",
                        "the sweep has more than " + MAX_POINTS + " points", "sweep fewer values, or split it into several files"));
                return List.of();
            }
        }
        // Samples are drawn once and shared by every grid point, so grid effects are compared on equal draws.
        List<List<Node>> samples = new ArrayList<>();
        for (int s = 0; s < sweep.samples(); s++) {
            samples.add(new ArrayList<>());
        }
        for (Axis axis : random) {
            Rng rng = new Rng(mix(spec.seed() ^ mix(fnv("sweep.random." + axis.path()))));
            for (int s = 0; s < sweep.samples(); s++) {
                samples.get(s).add(draw(axis, rng));
            }
        }
        int count = (int) (combinations * sweep.samples() * sweep.repeats());
        Node withoutSweep = SpecTree.without(SpecTree.without(root, "sweep"), "baselines");
        List<SweepPoint> points = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int[] index = new int[grid.size()];
        for (long c = 0; c < combinations; c++) {
            for (int s = 0; s < sweep.samples(); s++) {
                for (int r = 0; r < sweep.repeats(); r++) {
                    Map<String, Node> values = new LinkedHashMap<>();
                    for (int a = 0; a < grid.size(); a++) {
                        values.put(grid.get(a).path(), grid.get(a).values().get(index[a]));
                    }
                    for (int a = 0; a < random.size(); a++) {
                        values.put(random.get(a).path(), samples.get(s).get(a));
                    }
                    SweepPoint point = point(withoutSweep, fileName, points.size(), count, r, sweep.repeats(), values, axes, overrides,
                            problems, seen, trees);
                    if (point != null) {
                        points.add(point);
                    }
                }
            }
            // Odometer over the grid, last axis fastest: the order nested loops in file order would give.
            for (int a = grid.size() - 1; a >= 0; a--) {
                if (++index[a] < grid.get(a).values().size()) {
                    break;
                }
                index[a] = 0;
            }
        }
        return points;
    }

    static SweepPoint point(Node withoutSweep, String fileName, int index, int count, int repeat, int repeats, Map<String, Node> values,
            List<Axis> axes, List<SpecOverride> overrides, List<SpecProblem> problems, Set<String> seen, List<Node> trees) {
        Map<String, String> texts = new LinkedHashMap<>();
        values.forEach((path, node) -> texts.put(path, SpecTree.text(node)));
        StringBuilder label = new StringBuilder();
        texts.forEach((path, text) -> label.append(label.length() == 0 ? "" : ", ").append(path).append('=').append(text));
        if (repeats > 1) {
            label.append(label.length() == 0 ? "" : ", ").append("repeat ").append(repeat);
        }
        String name = "sweep point " + (index + 1) + "/" + count + " (" + label + ")";
        Node tree = withoutSweep;
        List<String> swept = new ArrayList<>(values.keySet());
        try {
            for (Axis axis : axes) {
                // A search's conditional path with no case for the value it depends on keeps the file's value.
                if (values.containsKey(axis.path())) {
                    tree = SpecTree.set(tree, axis.segments(), values.get(axis.path()), axis.keyMark());
                }
            }
        } catch (SpecTree.PathException e) {
            Axis axis = axes.stream().filter(a -> values.containsKey(a.path())).findFirst().orElseThrow();
            add(problems, seen, new SpecProblem(position(fileName, axis.keyMark()), "$.sweep", "cannot sweep: " + e.getMessage(), null));
            return null;
        }
        TreeBinder binder = new TreeBinder(fileName);
        ExperimentSpec spec = binder.bindRoot(tree, ExperimentSpec.class);
        if (spec != null && repeat > 0) {
            Node seed = new ScalarNode(Tag.INT, Long.toString(repeatSeed(spec.seed(), repeat)), null, null, DumperOptions.ScalarStyle.PLAIN);
            try {
                tree = SpecTree.set(tree, List.of("seed"), seed, null);
            } catch (SpecTree.PathException e) {
                throw new IllegalStateException("a bound spec's root is a mapping", e);
            }
            binder = new TreeBinder(fileName);
            spec = binder.bindRoot(tree, ExperimentSpec.class);
        }
        if (spec == null || !binder.problems().isEmpty()) {
            SweepPoint named = new SweepPoint(index, count, repeat, texts, label.toString(), null);
            for (SpecProblem problem : attribute(binder.problems(), overrides, swept, named)) {
                add(problems, seen, problem);
            }
            return null;
        }
        trees.add(tree);
        return new SweepPoint(index, count, repeat, texts, label.toString(), new LoadedSpec(spec, sourceMap(fileName, binder.positions())));
    }

    /** The same mistake in many points is one mistake: reported once, for the first point it occurs in. */
    static void add(List<SpecProblem> problems, Set<String> seen, SpecProblem problem) {
        String key = problem.position() + " " + problem.path() + " " + problem.message().replaceFirst("^sweep point [^:]*: ", "");
        if (seen.add(key)) {
            problems.add(problem);
        }
    }

    static Node draw(Axis axis, Rng rng) {
        if (axis.values() != null) {
            return axis.values().get((int) rng.below(axis.values().size()));
        }
        Draw d = axis.draw();
        if (d.integer()) {
            long from = d.from().longValueExact();
            long to = d.to().longValueExact();
            long value;
            if (d.log()) {
                double lo = Math.log(from);
                double hi = Math.log(to + 1.0);
                value = Math.min(to, Math.max(from, (long) Math.floor(Math.exp(lo + rng.unit() * (hi - lo)))));
            } else {
                value = from + rng.below(to - from + 1);
            }
            return numberNode(BigDecimal.valueOf(value), true, d.mark());
        }
        double lo = d.from().doubleValue();
        double hi = d.to().doubleValue();
        double u = rng.unit();
        double x = d.log() ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
        // Six significant digits: readable in tables and params, and the spec holds exactly what is shown.
        BigDecimal rounded = new BigDecimal(x).round(DRAW_PRECISION);
        if (rounded.compareTo(d.from()) < 0) {
            rounded = d.from();
        } else if (rounded.compareTo(d.to()) > 0) {
            rounded = d.to();
        }
        return numberNode(rounded, false, d.mark());
    }

    // ---------------------------------------------------------------- attribution

    /**
     * Rewrites problems so each names where its value came from: an override (no file position; the
     * override's text leads the message), a sweep point (the point leads the message; the position is
     * the sweep value's in the file).
     */
    private static List<SpecProblem> attribute(List<SpecProblem> problems, List<SpecOverride> overrides, List<String> swept, SweepPoint point) {
        List<SpecProblem> out = new ArrayList<>();
        for (SpecProblem problem : problems) {
            String path = problem.path() == null ? "" : problem.path();
            SpecOverride from = null;
            List<String> below = new ArrayList<>();
            for (SpecOverride override : overrides) {
                String field = override.fieldPath();
                if (under(path, field)) {
                    from = override;
                } else if (under(field, path) && !path.isEmpty()) {
                    below.add(override.text());
                }
            }
            boolean sweptHere = swept.stream().anyMatch(p -> under(path, SpecOverride.fieldPath(List.of(p.split("\\.")))));
            String prefix = point != null && (point.count() > 1 || sweptHere || point.repeat() > 0)
                    ? "sweep point " + (point.index() + 1) + "/" + point.count() + " (" + point.label() + "): " : "";
            if (from != null && !sweptHere) {
                out.add(new SpecProblem(null, problem.path(), prefix + "override " + from.text() + ": " + problem.message(), problem.hint()));
            } else {
                String hint = problem.hint();
                if (!below.isEmpty()) {
                    String applied = "overrides applied here: " + String.join(" ", below);
                    hint = hint == null ? applied : hint + "; " + applied;
                }
                out.add(new SpecProblem(problem.position(), problem.path(), prefix + problem.message(), hint));
            }
        }
        return out;
    }

    /** Whether field path {@code path} is {@code ancestor} or lies below it. */
    private static boolean under(String path, String ancestor) {
        return path.equals(ancestor) || path.startsWith(ancestor + ".") || path.startsWith(ancestor + "[");
    }

    static SourceMap sourceMap(String fileName, Map<String, SourcePosition> positions) {
        Map<String, SourcePosition> known = new LinkedHashMap<>(positions);
        // Paths set by a command-line override have no place in the file.
        known.values().removeIf(Objects::isNull);
        return new SourceMap(fileName, known);
    }

    static SourcePosition position(String fileName, Mark mark) {
        return mark == null ? null : new SourcePosition(fileName, mark.getLine() + 1, mark.getColumn() + 1);
    }

    // ---------------------------------------------------------------- randomness

    /** SplitMix64: written out rather than borrowed so sweeps expand the same on every JDK. */
    static final class Rng {
        private long state;

        Rng(long seed) {
            this.state = seed;
        }

        long next() {
            state += 0x9E3779B97F4A7C15L;
            return mix(state);
        }

        /** Uniform in [0, 1) with 53 random bits. */
        double unit() {
            return (next() >>> 11) * 0x1.0p-53;
        }

        /** Uniform in [0, bound), without modulo bias. */
        long below(long bound) {
            long limit = Long.MAX_VALUE - Long.MAX_VALUE % bound;
            long x;
            do {
                x = next() >>> 1;
            } while (x >= limit);
            return x % bound;
        }
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long fnv(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
