package dev.edgewise.engine.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How well a trained network does on a sample set, and what it cost on the air.
 *
 * @param rmse root mean squared error of every node's output against the target
 * @param errorPercent the paper's Eq. 8, 100 * mean |y - t| / t over (sample, node) pairs whose
 *     target is not zero (a zero target has no relative error; those pairs are left out and counted
 *     in {@code zeroTargets})
 * @param accuracy fraction of (sample, node) outputs that decode to the right answer: round(9y)
 *     equals the max digit, or (y > 0.5) equals the parity
 * @param sentFraction fraction of (node, round) slots in which a node transmitted
 * @param messagesPerSample transmissions per sample (one broadcast per transmitting node per round)
 * @param bytesPerSample messagesPerSample * v values * bits / 8
 */
public record Evaluation(
        double loss,
        double rmse,
        double errorPercent,
        double accuracy,
        double sentFraction,
        double messagesPerSample,
        double bytesPerSample,
        long zeroTargets) {

    /** Metric names as logged, prefixed (e.g. "test_"). */
    public Map<String, Double> metrics(String prefix) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(prefix + "loss", loss);
        metrics.put(prefix + "rmse", rmse);
        metrics.put(prefix + "error_pct", errorPercent);
        metrics.put(prefix + "accuracy", accuracy);
        metrics.put(prefix + "sent_fraction", sentFraction);
        metrics.put(prefix + "messages_per_sample", messagesPerSample);
        metrics.put(prefix + "bytes_per_sample", bytesPerSample);
        return metrics;
    }
}
