package dev.edgewise.engine.sweep.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.catalog.io.AtomicFiles;
import dev.edgewise.engine.track.RunFolder;
import dev.edgewise.engine.track.RunStatus;
import dev.edgewise.engine.track.StoredRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search on a real one-node Slurm cluster ({@link LocalSlurmCluster}): {@code edgewise run FILE
 * --executor slurm} with a {@code search:} block keeps the search here and sends every trial to
 * Slurm as a one-task job; asynchronous halving over 2 configurations makes 2 + 1 trials, each a
 * Slurm job, nested under the search's parent, which ends FINISHED with its ranking. Skipped where
 * Slurm is not installed.
 */
class SlurmSearchOnClusterTest {

    static final String SEARCH = """
            name: slurmsearch
            seed: 11
            data: {source: mnist, train_samples: 32, test_samples: 16, holdout: 0.9}
            topology: {nodes: 3, graph: line}
            model: {kind: crnn, features: 10, extractor: {pretrain: {epochs: 0}}}
            exchange: {kind: peer, rounds: 2, message_size: 2}
            training: {epochs: 2, batch_size: 16}
            search:
              space:
                topology.nodes: [2, 3]
              metric: test_accuracy
              direction: maximize
              strategy: {kind: halving, eta: 2, min_epochs: 1, async: true}
            """;

    @TempDir
    static Path dir;

    static LocalSlurmCluster cluster;

    @BeforeAll
    static void startTheCluster() throws Exception {
        var why = LocalSlurmCluster.unavailable();
        Assumptions.assumeTrue(why.isEmpty(), () -> "skipped: " + why.get());
        cluster = LocalSlurmCluster.start();
        Files.writeString(dir.resolve("search.yaml"), SEARCH, StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stopTheCluster() throws IOException {
        if (cluster != null) {
            cluster.close();
            AtomicFiles.deleteTree(cluster.dir());
        }
    }

    @Test
    void everyTrialOfAnAsynchronousHalvingSearchRunsAsASlurmJobUnderTheSearchsParent() throws Exception {
        Path runs = dir.resolve("runs");
        String text = cluster.edgewise(dir, 0, "run", dir.resolve("search.yaml").toString(), "--executor", "slurm", "--jobs", "2",
                "--runs", runs.toString(), "--mlruns", dir.resolve("mlruns").toString());
        assertTrue(text.contains("search trials go to Slurm"), text);
        assertTrue(text.contains("search finished: best"), text);

        List<StoredRun> stored;
        try (Stream<Path> folders = Files.list(runs.resolve("slurmsearch"))) {
            stored = folders.filter(RunFolder::isRun).map(d -> {
                try {
                    return RunFolder.at(d).read();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        List<StoredRun> parents = stored.stream().filter(r -> r.info().parentRunId() == null).toList();
        assertEquals(1, parents.size());
        StoredRun parent = parents.get(0);
        assertEquals(RunStatus.FINISHED, parent.status());
        List<StoredRun> trials = stored.stream().filter(r -> r.info().parentRunId() != null).toList();
        // Rungs of 1 and 2 epochs, eta 2: both configurations, then the better one.
        assertEquals(3, trials.size());
        for (StoredRun trial : trials) {
            assertEquals(parent.info().runId(), trial.info().parentRunId());
            assertEquals(RunStatus.FINISHED, trial.status());
            assertTrue(trial.info().runName().matches("slurmsearch trial \\d+ rung [12]: topology.nodes=.*"), trial.info().runName());
            // Each ran as a Slurm job: its files and task log are in the run store's job folder.
            Path job = runs.toAbsolutePath().normalize().resolve(SlurmPointExecutor.WORK_DIR).resolve(trial.info().runId());
            assertTrue(Files.isRegularFile(job.resolve("point-0001.log")), job.toString());
        }
        assertEquals(List.of((double) trials.size()), parent.metrics().stream().filter(m -> m.key().equals("trials"))
                .map(m -> m.value()).toList());
        Path parentDir = dev.edgewise.engine.track.RunStoreLayout.runDir(runs, parent.info());
        assertTrue(Files.isRegularFile(parentDir.resolve("artifacts/search/ranking.md")), parentDir.toString());
    }
}
