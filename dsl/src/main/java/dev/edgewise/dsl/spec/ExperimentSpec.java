package dev.edgewise.dsl.spec;

import dev.edgewise.dsl.sweep.SweepSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One experiment: everything needed to run it, and nothing else. */
@Doc("An edgewise experiment: the network, what each node runs, what crosses the links, the task and how to train.")
public record ExperimentSpec(
        @Doc("Name of the experiment: names its run folder and its MLflow experiment. Letters, digits, '.', '_' and '-'.")
        String name,
        @Doc("Free text describing the experiment; logged with every run.") @Default("''")
        String description,
        @Doc("Master seed. Every random stream (data sampling, weight init, link failures) is derived from it.")
        @Default("1") @Range(min = 0)
        long seed,
        @Doc("Where samples come from and how many.") DataSpec data,
        @Doc("The nodes and how they are wired.") TopologySpec topology,
        @Doc("What each node computes: the model family (kind) and its settings.") ModelSpec model,
        @Doc("What crosses the links: rounds of messages between neighbours (peer) or one pass to a base station (upward).")
        ExchangeSpec exchange,
        @Doc("How links and nodes fail, in training and at test.") @Default("{kind: bernoulli}") LinksSpec links,
        @Doc("What the network must learn.") @Default("{kind: max}") TaskSpec task,
        @Doc("The loss: a weighted sum of named terms.") LossSpec loss,
        @Doc("How the model is trained end to end.") TrainingSpec training,
        @Doc("Where and how the trained network is tested.") EvaluationSpec evaluation,
        @Doc("Where runs are recorded besides the local run store.") TrackingSpec tracking,
        @Doc("How the run is computed (the engine). Absent: MXNet.") @Default("~")
        RuntimeSpec runtime,
        @Doc("Run the experiment at many points: a grid and/or random samples over spec paths, each point repeated"
                + " with seeds derived from 'seed'. Absent: one run.")
        @Default("~")
        SweepSpec sweep,
        @Doc("Named baselines run beside every run of this file, on the same data and seed: each maps spec paths (dotted, as"
                + " in a sweep) to the values the baseline sets on top of the run's spec. Each is a sibling run tagged"
                + " edgewise.baseline=<name>; a baseline that comes out the same for several sweep points runs once.")
        @Default("~")
        Map<String, Map<String, Object>> baselines,
        @Doc("Published numbers this experiment reproduces, shown and logged beside the run's own. Absent: none.")
        @Default("~")
        ReferenceSpec reference,
        @Doc("The devices the roles run on, checked for memory before anything trains. Absent: no device check.")
        @Default("~")
        DevicesSpec devices,
        @Doc("Search a design space under a budget and a device constraint instead of running one point: configurations"
                + " drawn, checked against the device at compile time, the survivors trained by a strategy, each a run under"
                + " the search's parent run. Absent: no search.")
        @Default("~")
        dev.edgewise.dsl.sweep.SearchSpec search) {

    public ExperimentSpec {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new FieldException("name",
                    "name '" + name + "' must start with a letter or digit and hold only letters, digits, '.', '_' and '-' (at most 100)",
                    "e.g. name: " + plainName(name));
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(tracking, "tracking");
        if (search != null && (sweep != null || baselines != null)) {
            throw new FieldException("search", "a file has a search or a sweep (or baselines), not both",
                    "move the sweep's paths into search.space, or run the search from a file of its own");
        }
        // The default written out is the default left out: one spec, one hash, so files recorded
        // before the engine could be chosen keep their hashes and their CI references.
        if (RuntimeSpec.DEFAULT.equals(runtime)) {
            runtime = null;
        }
        if (baselines != null) {
            Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
            for (Map.Entry<String, Map<String, Object>> baseline : baselines.entrySet()) {
                if (!baseline.getKey().matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}")) {
                    throw new FieldException("baselines", "baseline name '" + baseline.getKey()
                            + "' must start with a letter or digit and hold only letters, digits, '_' and '-'",
                            "e.g. " + plainName(baseline.getKey()).replace('.', '-'));
                }
                if (baseline.getValue().isEmpty()) {
                    throw new FieldException("baselines", "baseline '" + baseline.getKey() + "' sets no spec path; it would repeat the run",
                            "give it at least one path and value, e.g. {training.epochs: 5}, or remove it");
                }
                copy.put(baseline.getKey(), Collections.unmodifiableMap(new LinkedHashMap<>(baseline.getValue())));
            }
            // File order is kept: it is the order the baselines run in.
            baselines = Collections.unmodifiableMap(copy);
        }
    }

    /** The network sizes training uses, one per mini-batch. */
    public java.util.List<Integer> trainingNodes() {
        return training.nodes() != null ? training.nodes() : java.util.List.of(topology.nodes());
    }

    /** The network sizes tested at the end: topology.nodes first, then evaluation.nodes. */
    public java.util.List<Integer> evaluationNodes() {
        java.util.LinkedHashSet<Integer> sizes = new java.util.LinkedHashSet<>();
        sizes.add(topology.nodes());
        if (evaluation.nodes() != null) {
            sizes.addAll(evaluation.nodes());
        }
        return java.util.List.copyOf(sizes);
    }

    /** The MLflow experiment this spec's runs belong to. */
    public String trackingExperiment() {
        return tracking.experiment() != null ? tracking.experiment() : name;
    }

    /** A valid name close to {@code name}, for hints: runs of other characters become '-'. */
    static String plainName(String name) {
        String plain = name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[^A-Za-z0-9]+", "").replaceAll("-+$", "");
        plain = plain.length() > 64 ? plain.substring(0, 64) : plain;
        return plain.isEmpty() ? "my-experiment" : plain;
    }
}
