package dev.edgewise.engine.family.autoencoder;

import ai.djl.ndarray.NDArray;
import dev.edgewise.dsl.spec.TaskSpec;
import dev.edgewise.engine.task.Task;
import java.util.LinkedHashMap;
import java.util.Map;

/** The test plug-in's pixel task: every output value is a unit whose target is the input pixel it reproduces. */
final class PixelsTask implements Task {

    @Override
    public Class<? extends TaskSpec> spec() {
        return PixelsTaskSpec.class;
    }

    @Override
    public boolean classification() {
        return false;
    }

    @Override
    public int outputWidth(int classes) {
        return 1;
    }

    @Override
    public float target(int label) {
        throw new UnsupportedOperationException("a reconstruction's target is its input, not a label");
    }

    @Override
    public NDArray loss(NDArray outputs, NDArray labels) {
        return outputs.sub(labels.reshape(outputs.getShape())).square().mean();
    }

    @Override
    public Score score() {
        return new Score() {
            private double squared;
            private long units;

            @Override
            public void add(float[] y, int offset, int width, int label, float target) {
                double error = y[offset] - target;
                squared += error * error;
                units++;
            }

            @Override
            public Map<String, Double> metrics() {
                double mse = squared / units;
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put("mse", mse);
                metrics.put("psnr", 10 * Math.log10(1 / mse));
                return metrics;
            }
        };
    }
}
