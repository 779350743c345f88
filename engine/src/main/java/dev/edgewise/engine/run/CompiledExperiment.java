package dev.edgewise.engine.run;

import dev.edgewise.dsl.spec.SpecVariants;
import dev.edgewise.engine.family.DataShape;
import dev.edgewise.engine.family.FamilyCheck;
import dev.edgewise.engine.family.FamilyRegistry;
import dev.edgewise.engine.family.ModelFamily;
import java.util.function.Supplier;

import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.catalog.data.files.DataFileException;
import dev.edgewise.catalog.topology.Graph;
import dev.edgewise.catalog.topology.MissingParameterException;
import dev.edgewise.catalog.topology.TopologyParams;
import dev.edgewise.catalog.topology.TopologyRegistry;
import dev.edgewise.dsl.CanonicalSpec;
import dev.edgewise.dsl.LoadedSpec;
import dev.edgewise.dsl.Names;
import dev.edgewise.dsl.SpecException;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.TopologySpec;
import dev.edgewise.engine.train.Seeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A spec checked against the catalog: its names resolve, its graphs are built (one per network
 * size it trains or tests on). Mistakes found here are still the user's, so they are reported at
 * the line that caused them.
 */
public record CompiledExperiment(ExperimentSpec spec, String specHash, Map<Integer, Graph> graphs) {

    public CompiledExperiment {
        graphs = Collections.unmodifiableMap(new LinkedHashMap<>(graphs));
    }

    /** The graph of topology.nodes. */
    public Graph graph() {
        return graphs.get(spec.topology().nodes());
    }

    /** Adjacency matrices by network size, for the trainer. */
    public Map<Integer, boolean[][]> adjacency() {
        Map<Integer, boolean[][]> adjacency = new LinkedHashMap<>();
        graphs.forEach((size, graph) -> adjacency.put(size, graph.adjacency()));
        return adjacency;
    }

    public static CompiledExperiment compile(LoadedSpec loaded, TopologyRegistry topologies, DatasetRegistry datasets) {
        ExperimentSpec spec = loaded.spec();
        List<SpecProblem> problems = new ArrayList<>();
        DataShape userData = null;
        if (spec.data().file() != null) {
            try {
                userData = DataShape.of(dev.edgewise.catalog.data.files.UserData.load(spec.data(), DataCache.fromEnvironment()));
            } catch (DataFileException e) {
                problems.add(problemOf(loaded, e));
            }
        } else if (!datasets.names().contains(spec.data().source())) {
            String nearest = Names.nearest(spec.data().source(), datasets.names());
            problems.add(loaded.sources().problem("$.data.source", "unknown dataset '" + spec.data().source() + "'",
                    (nearest != null ? "did you mean '" + nearest + "'? " : "") + "known datasets: " + String.join(", ", datasets.names())
                            + "; or source: file with a data.file section for your own files"));
        }
        Map<Integer, Graph> graphs = new LinkedHashMap<>();
        TopologySpec topology = spec.topology();
        if (!topologies.names().contains(topology.graph())) {
            String nearest = Names.nearest(topology.graph(), topologies.names());
            problems.add(loaded.sources().problem("$.topology.graph", "unknown graph '" + topology.graph() + "'",
                    (nearest != null ? "did you mean '" + nearest + "'? " : "") + "known graphs: " + String.join(", ", topologies.names())));
        } else {
            long seed = new Seeds(spec.seed()).derive("topology");
            build(loaded, topologies, topology, topology.nodes(), seed, "$.topology", graphs, problems);
            // Another size fails for the same reason as topology.nodes; one report of it is enough.
            for (int size : graphs.isEmpty() ? List.<Integer>of() : spec.trainingNodes()) {
                build(loaded, topologies, topology, size, seed, "$.training.nodes", graphs, problems);
            }
            for (int size : graphs.isEmpty() ? List.<Integer>of() : spec.evaluationNodes()) {
                build(loaded, topologies, topology, size, seed, "$.evaluation.nodes", graphs, problems);
            }
        }
        if (problems.isEmpty() && spec.data().testSource() != null) {
            checkTestSource(loaded, datasets, problems);
        }
        if (problems.isEmpty()) {
            DataShape known = userData;
            checkFamily(loaded, known != null ? () -> known : () -> shape(datasets, spec.data().source()), graphs.get(topology.nodes()),
                    problems);
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        return new CompiledExperiment(spec, CanonicalSpec.hash(spec), graphs);
    }

    /** data.test_source: a known dataset, a family that tests on it, and items of the training items' size. */
    private static void checkTestSource(LoadedSpec loaded, DatasetRegistry datasets, List<SpecProblem> problems) {
        ExperimentSpec spec = loaded.spec();
        String name = spec.data().testSource();
        ModelFamily<?> family = FamilyRegistry.of(spec.model());
        if (!family.testsOnOtherData()) {
            problems.add(loaded.sources().problem("$.data.test_source", "model kind " + family.kind()
                    + " tests on held-out items of its training dataset, not on another dataset", "drop test_source"));
            return;
        }
        if (!datasets.names().contains(name)) {
            String nearest = Names.nearest(name, datasets.names());
            problems.add(loaded.sources().problem("$.data.test_source", "unknown dataset '" + name + "'",
                    (nearest != null ? "did you mean '" + nearest + "'? " : "") + "known datasets: " + String.join(", ", datasets.names())));
            return;
        }
        DataShape train = shape(datasets, spec.data().source());
        DataShape test = shape(datasets, name);
        if (train.height() != test.height() || train.width() != test.width() || train.channels() != test.channels()) {
            problems.add(loaded.sources().problem("$.data.test_source", "'" + name + "' has " + itemSize(test)
                    + " items, the training dataset '" + spec.data().source() + "' " + itemSize(train)
                    + ": a model trained on one size cannot take the other", "test on a dataset with items of the training size"));
        }
    }

    /** "28x28" for grey items, "3x32x32" for colour ones. */
    private static String itemSize(DataShape shape) {
        return (shape.channels() == 1 ? "" : shape.channels() + "x") + shape.height() + "x" + shape.width();
    }

    /**
     * What every family is checked for the same way (its exchange kind, its loss terms), then the
     * family's own checks, which may rely on those.
     */
    private static void checkFamily(LoadedSpec loaded, Supplier<DataShape> data, Graph graph, List<SpecProblem> problems) {
        ExperimentSpec spec = loaded.spec();
        ModelFamily<?> family = FamilyRegistry.of(spec.model());
        if (!family.exchanges().contains(spec.exchange().getClass())) {
            List<String> kinds = family.exchanges().stream().map(SpecVariants::kindOf).sorted().toList();
            problems.add(loaded.sources().problem("$.exchange.kind", "model kind " + family.kind() + " runs exchange kind "
                    + String.join(" or ", kinds) + ", not " + spec.exchange().kind(), "set exchange.kind: " + kinds.get(0)));
        }
        for (String term : spec.loss().terms().keySet()) {
            if (!family.lossTerms().contains(term)) {
                problems.add(loaded.sources().problem("$.loss.terms." + term, "model kind " + family.kind() + " has no loss term '" + term + "'",
                        "its terms: " + String.join(", ", new java.util.TreeSet<>(family.lossTerms())) + "; remove the term"));
            }
        }
        if (problems.isEmpty() && family.readsData()) {
            checkHoldout(loaded, data.get(), problems);
        }
        if (problems.isEmpty() && family.readsData() && data.get().channels() > 1 && !family.takesColour()) {
            problems.add(loaded.sources().problem("$.data.source", "dataset '" + spec.data().source() + "' holds colour images ("
                    + data.get().channels() + " channels), and model kind " + family.kind() + " takes one channel",
                    "use a grey dataset, or a family that takes colour (codec, jpeg)"));
        }
        if (problems.isEmpty()) {
            check(family, new FamilyCheck<>(loaded, data, graph, problems));
        }
        if (problems.isEmpty()) {
            // Before anything trains: each placed role's model must fit its device.
            dev.edgewise.engine.device.DeviceCheck.check(loaded, family, data, problems);
        }
    }

    /**
     * Every family draws training samples from the items not held out and test samples from the
     * held-out ones; a holdout that leaves either pool empty cannot run, whatever the family.
     */
    private static void checkHoldout(LoadedSpec loaded, DataShape data, List<SpecProblem> problems) {
        double holdout = loaded.spec().data().holdout();
        String dataset = "dataset '" + loaded.spec().data().source() + "' (" + String.format("%,d", data.items()) + " items)";
        if (data.heldOut(holdout) < 1) {
            problems.add(loaded.sources().problem("$.data.holdout", "holdout " + holdout + " of " + dataset + " holds out no item for test samples",
                    "set data.holdout to at least " + nearestHoldout(data, true)));
        } else if (data.training(holdout) < 1) {
            String gap = data.window() > 0 ? " and " + data.window() + " kept apart (a window) from the test items" : "";
            problems.add(loaded.sources().problem("$.data.holdout", "holdout " + holdout + " of " + dataset + " leaves no item for training: "
                    + String.format("%,d", data.heldOut(holdout)) + " held out" + gap,
                    "set data.holdout to at most " + nearestHoldout(data, false)));
        }
    }

    /** The valid holdout (two decimals, within the key's range 0.01..0.99) closest to the bad side. */
    private static String nearestHoldout(DataShape data, boolean lowest) {
        for (int i = 0; i < 99; i++) {
            int hundredths = lowest ? 1 + i : 99 - i;
            double h = hundredths / 100.0;
            if (data.heldOut(h) >= 1 && data.training(h) >= 1) {
                return String.valueOf(h);
            }
        }
        return "a value that leaves items on both sides (the dataset is too small to split)";
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void check(ModelFamily family, FamilyCheck check) {
        family.check(check);
    }

    /**
     * A mistake in the user's data as a spec problem: at the data file's line and column, or its
     * byte, or the file as a whole; or at the spec key whose value does not fit the files.
     */
    public static SpecProblem problemOf(LoadedSpec loaded, DataFileException e) {
        if (e.field() != null) {
            return loaded.sources().problem("$.data." + e.field(), e.getMessage(), e.hint());
        }
        dev.edgewise.dsl.spec.DataFileSpec files = loaded.spec().data().file();
        String key = files instanceof dev.edgewise.dsl.spec.IdxFileSpec idx && e.file().equals(idx.labels())
                || files instanceof dev.edgewise.dsl.spec.NpyFileSpec npy && e.file().equals(npy.labels())
                || files instanceof dev.edgewise.dsl.spec.ImageFolderSpec images && e.file().equals(images.labels())
                ? "$.data.file.labels" : "$.data.file.path";
        if (e.line() > 0) {
            return new SpecProblem(new dev.edgewise.dsl.SourcePosition(e.file(), e.line(), e.column()), key, e.getMessage(), e.hint());
        }
        String where = e.offset() >= 0 ? e.file() + ": byte " + e.offset() + ": " : e.file() + ": ";
        return new SpecProblem(null, key, where + e.getMessage(), e.hint());
    }

    private static final Map<String, DataShape> SHAPES = new java.util.concurrent.ConcurrentHashMap<>();

    /** A dataset's item shape and classes, loaded once per JVM (a sweep compiles every point). */
    public static DataShape shape(DatasetRegistry datasets, String name) {
        // Keyed by registry too: tests register their own data under the built-in names.
        return SHAPES.computeIfAbsent(System.identityHashCode(datasets) + "/" + name,
                key -> DataShape.of(datasets.load(name, DataCache.fromEnvironment())));
    }

    /** Builds the graph of {@code size} nodes once; a failure is reported where that size was asked for. */
    private static void build(LoadedSpec loaded, TopologyRegistry topologies, TopologySpec topology, int size, long seed, String path,
            Map<Integer, Graph> graphs, List<SpecProblem> problems) {
        if (graphs.containsKey(size)) {
            return;
        }
        try {
            graphs.put(size, topologies.create(topology.graph(), params(topology, seed).withNodes(size)));
        } catch (IllegalArgumentException e) {
            if (missing(e) != null) {
                String parameter = missing(e).parameter();
                problems.add(loaded.sources().problem("$.topology.graph", "graph '" + topology.graph() + "' needs topology." + parameter
                        + ", which is not given", "add '" + parameter + ": <value>' under topology"));
                return;
            }
            String message = size == topology.nodes() ? e.getMessage() : "a " + topology.graph() + " of " + size + " nodes: " + e.getMessage();
            String hint = size == topology.nodes() ? "change topology's keys so that they agree"
                    : "remove " + size + " from " + path.substring(2) + ", or use a graph of any size (ring, line, star, complete)";
            problems.add(loaded.sources().problem(path, message, hint));
        }
    }

    private static MissingParameterException missing(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MissingParameterException missing) {
                return missing;
            }
        }
        return null;
    }

    private static TopologyParams params(TopologySpec topology, long seed) {
        List<int[]> edges = topology.edges() == null ? null
                : topology.edges().stream().map(e -> new int[] {e.get(0), e.get(1)}).toList();
        return new TopologyParams(topology.nodes(), topology.rows(), topology.cols(), topology.branching(),
                topology.radius(), topology.probability(), seed, edges);
    }
}
