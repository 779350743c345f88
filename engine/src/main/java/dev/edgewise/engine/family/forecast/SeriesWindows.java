package dev.edgewise.engine.family.forecast;

import dev.edgewise.engine.task.ForecastingTask;
import java.util.Map;

/**
 * One column of a series cut for forecasting, chronologically: the last {@code heldOut} steps are
 * test targets, the steps before them training targets; a sample is the {@code window} readings
 * before its target. Inputs and targets are scaled by the mean and standard deviation of the
 * training part only (the test period stays unseen); forecasts are scaled back to the series' units.
 *
 * @param values the column, in its units
 * @param window readings per input
 * @param trainTargets the steps whose values are training targets, in time order
 * @param testTargets the steps whose values are test targets, in time order
 */
record SeriesWindows(double[] values, int window, int[] trainTargets, int[] testTargets, double mean, double std) {

    /**
     * @param heldOut steps at the end held out for testing (the last {@code heldOut} steps)
     * @param trainSamples training targets: the last ones before the test period
     * @param testSamples test targets: the first ones of the test period
     */
    static SeriesWindows of(double[] values, int window, int heldOut, int trainSamples, int testSamples) {
        int split = values.length - heldOut;
        if (split - window < trainSamples || testSamples > heldOut) {
            throw new IllegalArgumentException("the series cannot give " + trainSamples + " training and " + testSamples + " test windows");
        }
        int[] train = new int[trainSamples];
        for (int i = 0; i < trainSamples; i++) {
            train[i] = split - trainSamples + i;
        }
        int[] test = new int[testSamples];
        for (int i = 0; i < testSamples; i++) {
            test[i] = split + i;
        }
        double sum = 0;
        for (int t = 0; t < split; t++) {
            sum += values[t];
        }
        double mean = sum / split;
        double squares = 0;
        for (int t = 0; t < split; t++) {
            squares += (values[t] - mean) * (values[t] - mean);
        }
        double std = Math.sqrt(squares / split);
        return new SeriesWindows(values, window, train, test, mean, std == 0 ? 1 : std);
    }

    /** Training windows the series gives at most: the steps before the test period, less one window. */
    static int maxTraining(int length, int heldOut, int window) {
        return length - heldOut - window;
    }

    float scaled(int t) {
        return (float) ((values[t] - mean) / std);
    }

    double unscale(float y) {
        return y * std + mean;
    }

    /** The inputs (B, window, 1) of the given targets, scaled, row-major. */
    float[] inputs(int[] targets, int from, int to) {
        float[] x = new float[(to - from) * window];
        for (int i = from; i < to; i++) {
            for (int k = 0; k < window; k++) {
                x[(i - from) * window + k] = scaled(targets[i] - window + k);
            }
        }
        return x;
    }

    float[] targets(int[] targets, int from, int to) {
        float[] y = new float[to - from];
        for (int i = from; i < to; i++) {
            y[i - from] = scaled(targets[i]);
        }
        return y;
    }

    /** Persistence on the test targets: the next value is the last one seen. */
    Map<String, Double> persistence() {
        return lagged(1);
    }

    /** Seasonal naive on the test targets: the value one season earlier. */
    Map<String, Double> seasonal(int season) {
        return lagged(season);
    }

    private Map<String, Double> lagged(int lag) {
        ForecastingTask.ErrorScore score = new ForecastingTask.ErrorScore();
        for (int t : testTargets) {
            score.add(values[t - lag], values[t]);
        }
        return score.metrics();
    }
}
