package dev.edgewise.engine.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The 14-parameter learning-curve predictor, on synthetic loss curves whose final value follows from their start. */
class CurvePredictorTest {

    /** Exponential decays towards a floor: the floor (and so the final value) shows in how fast the first epochs fall. */
    private static double[] curve(SplittableRandom random, int length) {
        double floor = 0.02 + 0.08 * random.nextDouble();
        double rate = 0.3 + 0.4 * random.nextDouble();
        double[] c = new double[length];
        for (int t = 0; t < length; t++) {
            c[t] = floor + (0.3 - floor) * Math.exp(-rate * (t + 1));
        }
        return c;
    }

    @Test
    void itsGradientIsDjlAutogradsOnTheSameCell() {
        SplittableRandom random = new SplittableRandom(7);
        int n = 5;
        int k = 3;
        float[] p = new float[CurvePredictor.PARAMETERS];
        float[] x = new float[n * k];
        float[] y = new float[n];
        for (int j = 0; j < p.length; j++) {
            p[j] = (float) (random.nextDouble() - 0.5);
        }
        for (int j = 0; j < x.length; j++) {
            x[j] = (float) (random.nextDouble() * 2 - 1);
        }
        for (int j = 0; j < n; j++) {
            y[j] = (float) (random.nextDouble() - 0.5);
        }
        float[] mine = CurvePredictor.gradient(p, x, y, n, k);
        float[] djl = CurvePredictor.djlGradient(p, x, y, n, k);
        for (int j = 0; j < p.length; j++) {
            assertEquals(djl[j], mine[j], 1e-5, "parameter " + j);
        }
    }

    @Test
    void hasFourteenParametersAndPredictsFinalLossesBetterThanTheMean() {
        SplittableRandom random = new SplittableRandom(4);
        List<double[]> fitInputs = new ArrayList<>();
        List<Double> fitFinals = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            double[] c = curve(random, 12);
            fitInputs.add(java.util.Arrays.copyOf(c, 4));
            fitFinals.add(c[11]);
        }
        CurvePredictor predictor = CurvePredictor.fit(fitInputs, fitFinals.stream().mapToDouble(Double::doubleValue).toArray(), 1, 3000);
        assertEquals(14, CurvePredictor.PARAMETERS);
        assertEquals(14, predictor.parameters().length);

        double mean = fitFinals.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double predictorError = 0;
        double meanError = 0;
        for (int i = 0; i < 24; i++) {
            double[] c = curve(random, 12);
            predictorError += Math.pow(predictor.predict(java.util.Arrays.copyOf(c, 4)) - c[11], 2);
            meanError += Math.pow(mean - c[11], 2);
        }
        assertTrue(predictorError < 0.5 * meanError, "predictor " + Math.sqrt(predictorError / 24) + " vs the mean " + Math.sqrt(meanError / 24));
        // Same curves, same seed: the same fit.
        CurvePredictor again = CurvePredictor.fit(fitInputs, fitFinals.stream().mapToDouble(Double::doubleValue).toArray(), 1, 3000);
        assertEquals(predictor.fitRmse(), again.fitRmse(), 1e-12);
    }
}
