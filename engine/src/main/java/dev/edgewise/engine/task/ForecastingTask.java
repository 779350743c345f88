package dev.edgewise.engine.task;

import ai.djl.ndarray.NDArray;
import dev.edgewise.dsl.spec.ForecastingTaskSpec;
import dev.edgewise.dsl.spec.TaskSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The next value of a time series: one output per sample, MSE against the (scaled) next reading.
 * Its targets are values of the series, not labels; the family that forecasts makes them from the
 * series (see the lstm family), so {@link #target(int)} has nothing to map.
 */
public final class ForecastingTask implements Task {

    private final ForecastingTaskSpec spec;

    public ForecastingTask(ForecastingTaskSpec spec) {
        this.spec = spec;
    }

    public ForecastingTaskSpec settings() {
        return spec;
    }

    @Override
    public Class<? extends TaskSpec> spec() {
        return ForecastingTaskSpec.class;
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
        throw new UnsupportedOperationException("a forecasting target is the next value of the series, not a function of a label");
    }

    @Override
    public NDArray loss(NDArray outputs, NDArray labels) {
        return outputs.reshape(-1).sub(labels.reshape(-1)).square().mean();
    }

    /** MAE, RMSE and MAPE (percent) over the values given; MAPE leaves out zero targets, which have no percentage error. */
    @Override
    public Score score() {
        return new ErrorScore();
    }

    /** Errors of forecasts against actual values, in whatever units they are given. */
    public static final class ErrorScore implements Score {
        private double absolute;
        private double squared;
        private double percent;
        private long count;
        private long nonZero;

        @Override
        public void add(float[] y, int offset, int width, int label, float target) {
            add(y[offset], target);
        }

        public void add(double forecast, double actual) {
            double error = forecast - actual;
            absolute += Math.abs(error);
            squared += error * error;
            if (actual != 0) {
                percent += Math.abs(error / actual);
                nonZero++;
            }
            count++;
        }

        @Override
        public Map<String, Double> metrics() {
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("mae", absolute / count);
            metrics.put("rmse", Math.sqrt(squared / count));
            metrics.put("mape", nonZero == 0 ? Double.NaN : 100 * percent / nonZero);
            return metrics;
        }
    }
}
