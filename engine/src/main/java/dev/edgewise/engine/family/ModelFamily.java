package dev.edgewise.engine.family;

import dev.edgewise.dsl.spec.ExchangeSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.ModelSpec;
import dev.edgewise.dsl.spec.SpecVariants;
import dev.edgewise.engine.run.CompiledExperiment;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A kind of network: the one place that knows how a model family is checked, built, trained,
 * evaluated, inspected and drawn. The core (runner, sweeps, inspect, bench, CI) talks to families
 * only through this interface, so adding a family is its package and one
 * {@link FamilyRegistry#register} call.
 *
 * <p>Status: public SPI, experimental (it may still change between minor versions).
 *
 * @param <M> the family's spec variant under {@code model:}
 */
public interface ModelFamily<M extends ModelSpec> {

    /** The spec record of {@code model: {kind: ...}} this family reads; its {@code @Variant} name is the family's kind. */
    Class<M> spec();

    /** The family's kind, as written after {@code model: {kind:}}. */
    default String kind() {
        return SpecVariants.kindOf(spec());
    }

    /** The exchange kinds the family runs (e.g. rounds between peers, or one pass upward). */
    Set<Class<? extends ExchangeSpec>> exchanges();

    /**
     * Whether runs read samples from {@code data:}. A family that reads none (a radio or network
     * study) runs on {@code data.source: none}, and the holdout checks do not apply to it.
     */
    default boolean readsData() {
        return true;
    }

    /**
     * Whether runs can test on another dataset than they train on ({@code data.test_source}): the
     * family then draws its test samples from {@link FamilyRun#testData()}. A family that does not
     * is refused the key before anything runs, rather than silently testing on its training data.
     */
    default boolean testsOnOtherData() {
        return false;
    }

    /**
     * Whether runs take colour images (items of 3 channels, {@link DataShape#channels()}). A family
     * that does not reads every item as one plane, so it is refused a colour dataset before
     * anything runs rather than reading a third of each image.
     */
    default boolean takesColour() {
        return false;
    }

    /** Names of the loss terms the family's forward pass supports, {@code task} among them. */
    Set<String> lossTerms();

    /**
     * Checks what the binder cannot: the spec against the dataset's shape and the graph, keys of
     * other sections that this family does not read. Problems go to {@code check} at the key that
     * has to change; the exchange kind, task support and loss terms are checked by the core first.
     */
    void check(FamilyCheck<M> check);

    /**
     * Every metric a run of {@code spec} logs, final or per epoch, by name (e.g. {@code test_rmse}):
     * what reference rows, sweep plots and CI entries may name.
     */
    Set<String> metrics(ExperimentSpec spec);

    /** What can be counted without training (parameters, FLOPs, bits of one inference), as metrics a run also logs. */
    Map<String, Double> counts(CompiledExperiment experiment, DataShape data);

    /** Prints the compiled model layer by layer and what one inference costs the network ({@code edgewise inspect}). */
    void inspect(CompiledExperiment experiment, DataShape data, PrintWriter out);

    /**
     * Trains and evaluates one run through the shared loops, writing its plots and parameters
     * through {@code run}; returns the final metrics, which the core records.
     */
    Map<String, Double> run(FamilyRun run) throws IOException;

    /** Figures over a finished sweep's points, on its parent run (e.g. accuracy against message size). None by default. */
    default void sweepFigures(List<PointSummary> points, ArtifactSink sink) throws IOException {}
}
