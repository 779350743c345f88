package dev.edgewise.engine.compare;

import dev.edgewise.engine.track.RunEvent;
import dev.edgewise.engine.track.StoredRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which metrics matter most in a summary, which are timings, and a run's final values. */
public final class Metrics {

    /** The metrics a one-screen summary shows, in this order, when a run has them. */
    public static final List<String> HEADLINE = List.of("test_rmse", "test_error_pct", "test_accuracy", "test_sent_fraction",
            "test_messages_per_sample", "test_bytes_per_sample", "train_rmse", "pretrain_test_accuracy");

    private Metrics() {}

    /**
     * Whether a metric measures time (samples per second, seconds): it depends on the machine's
     * load, so it is never part of a bit-for-bit comparison.
     */
    public static boolean isTiming(String key) {
        return key.endsWith("_per_second") || key.endsWith("_seconds") || key.endsWith("_ms");
    }

    /** The last value logged for each metric, in the order the metrics first appeared. */
    public static Map<String, Double> finalValues(StoredRun run) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (RunEvent.Metric m : run.metrics()) {
            out.put(m.key(), m.value());
        }
        return out;
    }

    /** The headline metrics {@code values} has, in headline order, at most {@code limit}. */
    public static List<String> headline(Map<String, Double> values, int limit) {
        return HEADLINE.stream().filter(values::containsKey).limit(limit).toList();
    }
}
