package dev.edgewise.engine.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import dev.edgewise.dsl.spec.ClassificationTaskSpec;
import dev.edgewise.dsl.spec.TaskSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** One score per class; softmax cross-entropy, scored by top-1 accuracy. */
final class ClassificationTask implements Task {

    private final Loss crossEntropy = Loss.softmaxCrossEntropyLoss();

    @Override
    public Class<? extends TaskSpec> spec() {
        return ClassificationTaskSpec.class;
    }

    @Override
    public boolean classification() {
        return true;
    }

    @Override
    public int outputWidth(int classes) {
        return classes;
    }

    @Override
    public float target(int label) {
        return label;
    }

    @Override
    public NDArray loss(NDArray outputs, NDArray labels) {
        return crossEntropy.evaluate(new NDList(labels), new NDList(outputs));
    }

    @Override
    public Score score() {
        return new Score() {
            private double correct;
            private long units;

            @Override
            public void add(float[] y, int offset, int width, int label, float target) {
                int best = 0;
                for (int k = 1; k < width; k++) {
                    if (y[offset + k] > y[offset + best]) {
                        best = k;
                    }
                }
                correct += best == label ? 1 : 0;
                units++;
            }

            @Override
            public Map<String, Double> metrics() {
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put("accuracy", correct / units);
                return metrics;
            }
        };
    }
}
