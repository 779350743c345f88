package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.TrackingSpec;

/** {@code tracking:} where runs are recorded besides the run store. */
public final class Tracking extends Section<Tracking> {

    Tracking(SpecNode node) {
        super(node, TrackingSpec.class);
    }

    /** MLflow experiment name; unset means the experiment's name. */
    public Tracking experiment(String name) {
        return set("experiment", name);
    }

    public Tracking mlflow(boolean enabled) {
        return set("mlflow", enabled);
    }
}
