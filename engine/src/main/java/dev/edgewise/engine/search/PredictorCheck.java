package dev.edgewise.engine.search;

import dev.edgewise.dsl.sweep.SearchSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fitting the learning-curve predictor on trials and scoring it as the Starfish paper's Table 4
 * does: RMSE of the predicted final metric, and top-q selection accuracy (of the configurations
 * the predictor puts in the best q, the share that truly are; random selection scores q).
 */
final class PredictorCheck {

    /** Splits scored; the paper gives a mean and a deviation. */
    static final int SPLITS = 5;
    static final int STEPS = 3000;
    static final double[] TOPS = {0.05, 0.10, 0.20};

    private PredictorCheck() {}

    static double[] first(List<Double> curve, int k) {
        double[] x = new double[k];
        for (int i = 0; i < k; i++) {
            x[i] = curve.get(i);
        }
        return x;
    }

    static CurvePredictor fit(List<SearchRunner.Trial> trials, int k, SearchSpec spec) {
        List<double[]> inputs = new ArrayList<>();
        double[] finals = new double[trials.size()];
        for (int i = 0; i < trials.size(); i++) {
            inputs.add(first(trials.get(i).curve(), k));
            finals[i] = trials.get(i).metric(spec.metric());
        }
        return CurvePredictor.fit(inputs, finals, spec.seed(), STEPS);
    }

    /**
     * Scores the predictor from the first {@code k} epochs over {@link #SPLITS} seeded halvings of
     * the trials (fit on one half, score on the other): metrics {@code predictor_k<k>_rmse_mean},
     * {@code _rmse_std}, {@code _top5|10|20} and {@code random_top5|10|20}.
     */
    static void score(List<SearchRunner.Trial> all, SearchSpec spec, int k, Map<String, Double> metrics, List<String> notes) {
        List<SearchRunner.Trial> trials = all.stream().filter(t -> t.outcome().ok() && t.curve().size() > k
                && Double.isFinite(t.metric(spec.metric()))).toList();
        if (trials.size() < 4) {
            notes.add("Predictor from " + k + " epochs: not scored, " + trials.size() + " finished curves longer than " + k + " epochs (4 needed).");
            return;
        }
        String prefix = "predictor_k" + k + "_";
        double[] rmse = new double[SPLITS];
        double[] tops = new double[TOPS.length];
        double[] random = new double[TOPS.length];
        for (int split = 0; split < SPLITS; split++) {
            int[] order = SearchRunner.permutation(trials.size(), spec.seed() * 31 + split);
            List<SearchRunner.Trial> fit = new ArrayList<>();
            List<SearchRunner.Trial> test = new ArrayList<>();
            for (int i = 0; i < order.length; i++) {
                (i < order.length / 2 ? fit : test).add(trials.get(order[i]));
            }
            CurvePredictor predictor = fit(fit, k, spec);
            double[] predicted = new double[test.size()];
            double[] actual = new double[test.size()];
            double error = 0;
            for (int i = 0; i < test.size(); i++) {
                predicted[i] = predictor.predict(first(test.get(i).curve(), k));
                actual[i] = test.get(i).metric(spec.metric());
                error += Math.pow(predicted[i] - actual[i], 2);
            }
            rmse[split] = Math.sqrt(error / test.size());
            for (int q = 0; q < TOPS.length; q++) {
                int m = Math.max(1, (int) Math.round(TOPS[q] * test.size()));
                Set<Integer> truly = best(actual, m, spec);
                Set<Integer> chosen = best(predicted, m, spec);
                chosen.retainAll(truly);
                tops[q] += chosen.size() / (double) m / SPLITS;
                random[q] += m / (double) test.size() / SPLITS;
            }
        }
        double mean = 0;
        for (double r : rmse) {
            mean += r / SPLITS;
        }
        double var = 0;
        for (double r : rmse) {
            var += (r - mean) * (r - mean) / SPLITS;
        }
        metrics.put(prefix + "rmse_mean", mean);
        metrics.put(prefix + "rmse_std", Math.sqrt(var));
        String[] names = {"top5", "top10", "top20"};
        StringBuilder note = new StringBuilder(String.format("Predictor from the first %d epochs (%d curves, %d splits into fit/score halves): RMSE %.4g +- %.4g",
                k, trials.size(), SPLITS, mean, Math.sqrt(var)));
        for (int q = 0; q < TOPS.length; q++) {
            metrics.put(prefix + names[q], tops[q]);
            metrics.put("random_" + names[q], random[q]);
            note.append(String.format("; %s %.1f %% (random %.1f %%)", names[q], 100 * tops[q], 100 * random[q]));
        }
        notes.add(note.append('.').toString());
    }

    /** Indices of the m best values in the search's direction. */
    private static Set<Integer> best(double[] values, int m, SearchSpec spec) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            idx.add(i);
        }
        idx.sort((a, b) -> spec.better(values[a], values[b]) ? -1 : spec.better(values[b], values[a]) ? 1 : Integer.compare(a, b));
        return new HashSet<>(idx.subList(0, Math.min(m, idx.size())));
    }
}
