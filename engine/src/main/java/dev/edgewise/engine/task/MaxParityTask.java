package dev.edgewise.engine.task;

import dev.edgewise.dsl.spec.MaxParityTaskSpec;
import dev.edgewise.dsl.spec.TaskSpec;

/** Output the parity of the largest digit; right when (y > 0.5) is that parity. */
final class MaxParityTask extends DigitTask {

    @Override
    public Class<? extends TaskSpec> spec() {
        return MaxParityTaskSpec.class;
    }

    @Override
    public float target(int label) {
        return label % 2;
    }

    @Override
    boolean decodes(double y, int label) {
        return (y > 0.5 ? 1 : 0) == label % 2;
    }
}
