package dev.edgewise.engine.train;

import java.util.Map;

/** What training reports as it goes: progress for people, metrics for the run record. */
public interface TrainingListener {

    void phaseStarted(String phase, int epochs, int batchesPerEpoch);

    void batchFinished(String phase);

    /** {@code epoch} counts from 1; metrics are named as logged (e.g. "test_rmse"). */
    void epochFinished(String phase, int epoch, Map<String, Double> metrics);

    TrainingListener NONE = new TrainingListener() {
        @Override
        public void phaseStarted(String phase, int epochs, int batchesPerEpoch) {}

        @Override
        public void batchFinished(String phase) {}

        @Override
        public void epochFinished(String phase, int epoch, Map<String, Double> metrics) {}
    };
}
