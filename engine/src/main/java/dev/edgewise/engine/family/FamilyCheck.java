package dev.edgewise.engine.family;

import dev.edgewise.catalog.topology.Graph;
import dev.edgewise.dsl.LoadedSpec;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.ModelSpec;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a family checks a spec with: the spec and where each key was written, the dataset's shape
 * (loaded only when asked for), the graph of topology.nodes, and where to put problems.
 */
public final class FamilyCheck<M extends ModelSpec> {

    private final LoadedSpec loaded;
    private final Supplier<DataShape> data;
    private final Graph graph;
    private final List<SpecProblem> problems;

    public FamilyCheck(LoadedSpec loaded, Supplier<DataShape> data, Graph graph, List<SpecProblem> problems) {
        this.loaded = loaded;
        this.data = data;
        this.graph = graph;
        this.problems = problems;
    }

    public ExperimentSpec spec() {
        return loaded.spec();
    }

    /** The family's own section, {@code model:}. */
    @SuppressWarnings("unchecked")
    public M model() {
        return (M) loaded.spec().model();
    }

    /** The dataset's shape; loads the dataset (once per JVM) the first time. */
    public DataShape data() {
        return data.get();
    }

    /** The graph of topology.nodes. */
    public Graph graph() {
        return graph;
    }

    /** Reports a problem at {@code path} (e.g. {@code $.data.view}), with a hint or null. */
    public void problem(String path, String message, String hint) {
        problems.add(loaded.sources().problem(path, message, hint));
    }

    /** Whether any problem has been reported so far (later checks may rely on earlier ones). */
    public boolean failed() {
        return !problems.isEmpty();
    }
}
