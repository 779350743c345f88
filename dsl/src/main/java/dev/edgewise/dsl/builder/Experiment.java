package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.LoadedSpec;
import dev.edgewise.dsl.SpecException;
import dev.edgewise.dsl.spec.ExchangeSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.LinksSpec;
import dev.edgewise.dsl.spec.ModelSpec;
import dev.edgewise.dsl.spec.TaskSpec;
import dev.edgewise.dsl.spec.TopologySpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An experiment described in Java, for what a static YAML file cannot say: loops, computed
 * topologies, shared fragments.
 *
 * <pre>{@code
 * ExperimentSpec spec = Experiment.named("max")
 *         .nodes(8)
 *         .topology(Topology.ring())
 *         .training(t -> t.epochs(20))
 *         .build();
 * }</pre>
 *
 * <p>Building binds the description with the YAML reader's binder: the same keys, types, ranges
 * and defaults, every mistake reported at once with the line that made it. The same experiment
 * in YAML, Java or a Kotlin script gives an equal spec with the same hash.
 */
public final class Experiment extends Section<Experiment> {

    private static final List<String> TOPOLOGY_KEPT = List.of("nodes");

    private Experiment(SpecNode root) {
        super(root, ExperimentSpec.class);
    }

    public static Experiment named(String name) {
        CallSite site = CallSites.capture("named");
        SpecNode root = new SpecNode(site);
        root.put("name", name, site);
        return new Experiment(root);
    }

    /** An independent copy under another name: a base experiment for a sweep. */
    public Experiment copy(String name) {
        CallSite site = CallSites.capture("copy");
        SpecNode root = node().copy(site);
        root.put("name", name, site);
        return new Experiment(root);
    }

    public String name() {
        return (String) get("name");
    }

    public Experiment description(String text) {
        return set("description", text);
    }

    /** Master seed of every random stream. */
    public Experiment seed(long seed) {
        return set("seed", seed);
    }

    /** Number of nodes N ({@code topology.nodes}). */
    public Experiment nodes(int nodes) {
        return set("topology.nodes", nodes);
    }

    /** The nodes set so far; there is no default. */
    public int nodes() {
        SpecNode.Entry topology = node().entry("topology");
        SpecNode.Entry nodes = topology != null && topology.value() instanceof SpecNode t ? t.entry("nodes") : null;
        if (nodes == null || !(nodes.value() instanceof Integer n)) {
            throw new IllegalStateException("nodes has no default: set it before reading it");
        }
        return n;
    }

    /** The graph shape; replaces the whole previous shape (but keeps {@link #nodes(int)}). */
    public Experiment topology(Topology topology) {
        CallSite site = CallSites.capture("topology");
        SpecNode node = node().child("topology", site);
        for (String key : List.copyOf(node.entries().keySet())) {
            if (!TOPOLOGY_KEPT.contains(key)) {
                node.remove(key);
            }
        }
        node.put("graph", topology.graph(), site);
        topology.parameters().forEach((key, value) -> node.put(key, value, site));
        return this;
    }

    /** The shape set so far, or the default graph. */
    public Topology topology() {
        SpecNode.Entry entry = node().entry("topology");
        Map<String, Object> given = new LinkedHashMap<>();
        if (entry != null && entry.value() instanceof SpecNode node) {
            node.entries().forEach((key, value) -> given.put(key, value.value()));
        }
        Object graph = given.containsKey("graph") ? given.get("graph") : Defaults.of(TopologySpec.class, "graph");
        Topology topology = Topology.named((String) graph);
        for (Map.Entry<String, Object> parameter : given.entrySet()) {
            if (!parameter.getKey().equals("graph") && !TOPOLOGY_KEPT.contains(parameter.getKey())) {
                topology = topology.with(parameter.getKey(), parameter.getValue());
            }
        }
        return topology;
    }

    public Experiment data(Consumer<Data> body) {
        return section("data", Data::new, body);
    }

    /** {@code model:} of one kind, e.g. {@code .model(Model.crnn(m -> m.features(25)))}. */
    public Experiment model(Variant<ModelSpec> model) {
        return variant("model", model, false);
    }

    /** {@code exchange:} of one kind, e.g. {@code .exchange(Exchange.peer(x -> x.rounds(5)))}. */
    public Experiment exchange(Variant<ExchangeSpec> exchange) {
        return variant("exchange", exchange, false);
    }

    /** {@code links:} of one kind, e.g. {@code .links(Links.bernoulli(l -> l.failure(0.2)))}. */
    public Experiment links(Variant<LinksSpec> links) {
        return variant("links", links, false);
    }

    /** {@code task:} of one kind, e.g. {@code .task(Task.maxParity())}. */
    public Experiment task(Variant<TaskSpec> task) {
        return variant("task", task, false);
    }

    public Experiment loss(Consumer<Loss> body) {
        return section("loss", Loss::new, body);
    }

    public Experiment training(Consumer<Training> body) {
        return section("training", Training::new, body);
    }

    public Experiment evaluation(Consumer<Evaluation> body) {
        return section("evaluation", Evaluation::new, body);
    }

    public Experiment tracking(Consumer<Tracking> body) {
        return section("tracking", Tracking::new, body);
    }

    /** The devices the roles run on, checked for memory before anything trains. */
    public Experiment devices(Consumer<Devices> body) {
        return section("devices", Devices::new, body);
    }

    public Experiment runtime(Consumer<RuntimeSection> body) {
        return section("runtime", RuntimeSection::new, body);
    }

    /**
     * Named baselines run beside the experiment: each maps dotted spec paths to the values it
     * sets, e.g. {@code Map.of("fdml", Map.of("model.base.layers", List.of(Layers.dense(10))))}.
     */
    public Experiment baselines(Map<String, Map<String, Object>> baselines) {
        return set("baselines", baselines);
    }

    /**
     * The resolved spec, defaults filled in.
     *
     * @throws SpecException listing every mistake, each at the Java line that made it (column 1:
     *     a running program does not know columns)
     */
    public ExperimentSpec build() {
        return load(SourceLocator.LINE_ONLY).spec();
    }

    /** The spec with the position of every key, for front ends that report positions themselves. */
    public LoadedSpec load(SourceLocator locator) {
        return SpecBinding.bind(node(), locator);
    }
}
