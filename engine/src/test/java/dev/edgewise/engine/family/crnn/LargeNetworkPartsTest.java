package dev.edgewise.engine.family.crnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.engine.run.ExperimentRunner;
import dev.edgewise.engine.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Large networks run their batches in parts; every network a recorded result used runs them whole. */
class LargeNetworkPartsTest {

    @Test
    void onlyNetworksAboveTheAllPairsSizeAreSplitAndAPartHoldsAtLeastOneSample() {
        for (int nodes : new int[] {2, 5, 8, 12, 16, 40, 64}) {
            assertEquals(64, CrnnTraining.samplesPerPart(nodes, 64), "N = " + nodes + " runs its batch whole, as recorded");
        }
        assertEquals(31, CrnnTraining.samplesPerPart(65, 64));
        assertEquals(2, CrnnTraining.samplesPerPart(1000, 64));
        assertEquals(1, CrnnTraining.samplesPerPart(10_000, 64));
        assertEquals(3, CrnnTraining.samplesPerPart(200, 3), "never more than the batch");
    }

    @Test
    void aNetworkOfOverTwoThousandImagesASampleTrainsOneSampleAtATime(@TempDir Path dir) throws IOException {
        String text = Files.readString(LearnedSendRunTest.TINY)
                .replace("topology: {nodes: 3, graph: line}", "topology: {nodes: 1100, graph: ring}")
                .replace("train_samples: 128, test_samples: 64", "train_samples: 2, test_samples: 1")
                .replace("pretrain: {epochs: 1, batch_size: 64}", "pretrain: {epochs: 0}")
                .replace("training: {epochs: 2, batch_size: 32}", "training: {epochs: 1, batch_size: 2}");
        ExperimentRunner runner = new ExperimentRunner(dir.resolve("runs"), List::of, new DatasetRegistry(), DataCache.fromEnvironment(),
                TrainingListener.NONE, "test");

        Map<String, Double> metrics = runner.run(LearnedSendRunTest.compile(text), LearnedSendRunTest.TINY).metrics();

        assertTrue(Double.isFinite(metrics.get("test_rmse")), metrics.toString());
        // Every node of the ring speaks in every round (nothing fails, the ReLU gate opens at the start).
        assertTrue(metrics.get("test_messages_per_sample") > 0, metrics.toString());
    }
}
