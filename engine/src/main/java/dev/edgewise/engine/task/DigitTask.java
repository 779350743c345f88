package dev.edgewise.engine.task;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The max tasks of the C-RNN paper: a regression target derived from the largest digit a sample
 * holds, scored by RMSE, the paper's error % (Eq. 8) and exact decoding.
 */
abstract class DigitTask implements Task {

    @Override
    public boolean classification() {
        return false;
    }

    @Override
    public int outputWidth(int classes) {
        return 1;
    }

    /** Whether output {@code y} decodes to the right answer for a sample whose largest digit is {@code label}. */
    abstract boolean decodes(double y, int label);

    /** Mean over the batch and every unit of (y - target)^2: each unit is scored against its sample's target. */
    @Override
    public NDArray loss(NDArray outputs, NDArray labels) {
        long batch = outputs.getShape().get(0);
        return outputs.reshape(batch, -1).sub(labels.reshape(batch, 1)).square().mean();
    }

    @Override
    public Score score() {
        return new Score() {
            private double squared;
            private double relative;
            private double correct;
            private long relativeCount;
            private long units;

            @Override
            public void add(float[] y, int offset, int width, int label, float target) {
                double out = y[offset];
                double error = out - target;
                squared += error * error;
                if (target != 0f) {
                    relative += Math.abs(error) / Math.abs(target);
                    relativeCount++;
                }
                correct += decodes(out, label) ? 1 : 0;
                units++;
            }

            @Override
            public Map<String, Double> metrics() {
                double count = units;
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put("rmse", Math.sqrt(squared / count));
                // Eq. 8 over units whose target is not zero: a zero target has no relative error.
                metrics.put("error_pct", relativeCount == 0 ? Double.NaN : 100.0 * relative / relativeCount);
                metrics.put("accuracy", correct / count);
                return metrics;
            }
        };
    }
}
