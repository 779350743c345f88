package dev.edgewise.dsl.sweep;

import dev.edgewise.dsl.spec.Default;
import dev.edgewise.dsl.spec.Doc;
import dev.edgewise.dsl.spec.FieldException;
import dev.edgewise.dsl.spec.Range;
import dev.edgewise.dsl.spec.SpecEnum;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code search:} block of an experiment, as written: a budgeted architecture search. Space
 * values stay plain YAML values here, as a sweep's do; {@link ExperimentSource} draws the
 * configurations and binds each like the file itself, so a bad value is an error at its line.
 */
@Doc("Searches a design space under a budget: configurations are drawn from 'space', each is compiled and checked"
        + " against 'device' before anything trains (rejected ones are counted by reason and never trained), and the"
        + " survivors are trained by 'strategy'. Every trained trial is a run nested under the search's parent run, which"
        + " records the ranking, the rejections and the Pareto front (metric against bytes and operations).")
public record SearchSpec(
        @Doc("Spec paths (dotted) and what each may take: a list of choices [1, 4, 16]; a range {from, to} (integers when both"
                + " are; log: true for log-uniform); or a per-layer list {depth: [2, 3, 4], each: <choices or range>} whose length"
                + " is drawn first and whose every element is then drawn from 'each' (e.g. channels per layer for the chosen depth);"
                + " or a conditional path {by: <an earlier path>, values: {<its value>: <choices or range>, ...}} (e.g. the padding"
                + " that suits the drawn patches; a value with no case keeps the file's).")
        Map<String, Object> space,
        @Doc("Configurations drawn from the space (distinct; a finite space no larger than this is taken whole).")
        @Default("20") @Range(min = 1, max = 10_000)
        int configurations,
        @Doc("What the search may spend on training. Absent: no limit beyond the strategy's.") @Default("{}")
        SearchBudget budget,
        @Doc("The device a role of the model must fit, checked at compile time from the family's footprint. Absent: no filter.")
        @Default("~")
        SearchDevice device,
        @Doc("The metric ranking the trials (a final metric of the family, e.g. test_msssim or test_loss).")
        String metric,
        @Doc("Whether a lower (minimize) or higher (maximize) metric is better.") @Default("minimize")
        Direction direction,
        @Doc("How survivors are trained: random (each for training.epochs), halving (successive halving) or curve (the"
                + " Starfish learning-curve predictor).")
        @Default("{kind: random}")
        SearchStrategy strategy,
        @Doc("Seed of the draws from the space (the trials keep the file's seed).") @Default("1") @Range(min = 0)
        long seed) {

    public SearchSpec {
        Objects.requireNonNull(space, "space");
        if (space.isEmpty()) {
            throw new FieldException("space", "a search needs at least one spec path in its space", "e.g. space: {model.patches: [1, 4, 16]}");
        }
        space = Collections.unmodifiableMap(new LinkedHashMap<>(space));
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(strategy, "strategy");
    }

    /** Whether {@code a} is better than {@code b} in this search's direction (NaN is never better). */
    public boolean better(double a, double b) {
        if (Double.isNaN(a)) {
            return false;
        }
        if (Double.isNaN(b)) {
            return true;
        }
        return direction == Direction.MAXIMIZE ? a > b : a < b;
    }

    public enum Direction implements SpecEnum {
        MINIMIZE,
        MAXIMIZE
    }
}
