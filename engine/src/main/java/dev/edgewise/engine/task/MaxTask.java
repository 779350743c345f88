package dev.edgewise.engine.task;

import dev.edgewise.dsl.spec.MaxTaskSpec;
import dev.edgewise.dsl.spec.TaskSpec;

/** Output (largest digit)/9; exact when round(9y) is that digit. */
final class MaxTask extends DigitTask {

    @Override
    public Class<? extends TaskSpec> spec() {
        return MaxTaskSpec.class;
    }

    @Override
    public float target(int label) {
        return label / 9f;
    }

    @Override
    boolean decodes(double y, int label) {
        return Math.round(y * 9) == label;
    }
}
