package dev.edgewise.engine.device;

import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.engine.family.DataShape;
import dev.edgewise.engine.quant.WeightPrecision;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A family whose roles can be placed on devices ({@code devices.roles}): it says what each role's
 * model is made of, at which precision its weights are stored, and which integer keys shrink it,
 * so a model that does not fit is reported with the largest value of each key that would.
 */
public interface Budgeted {

    /** Each role's footprint (e.g. {@code sensor}, {@code base}), for {@code spec} on {@code data}. */
    Map<String, ModelFootprint> footprints(ExperimentSpec spec, DataShape data);

    /** How a role's weights are stored: float32 unless the family's spec says otherwise. */
    default WeightPrecision precision(ExperimentSpec spec, String role) {
        return WeightPrecision.FLOAT32;
    }

    /**
     * The integer keys that size a role's model (spec path, current value, the footprint at another
     * value). None by default: a family sized by lists (layers, channels per layer) has no single key
     * to suggest, and a role that does not fit gets the numbers instead.
     */
    default List<Knob> knobs(ExperimentSpec spec, DataShape data, String role) {
        return List.of();
    }

    /** One key that sizes a model: larger values never need less memory. */
    record Knob(String path, int current, IntFunction<ModelFootprint> footprint) {}
}
