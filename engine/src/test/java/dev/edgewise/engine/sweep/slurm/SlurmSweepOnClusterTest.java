package dev.edgewise.engine.sweep.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgewise.catalog.io.AtomicFiles;
import dev.edgewise.engine.repro.MetricDiff;
import dev.edgewise.engine.track.RunFolder;
import dev.edgewise.engine.track.RunHealth;
import dev.edgewise.engine.track.RunStatus;
import dev.edgewise.engine.track.RunStoreLayout;
import dev.edgewise.engine.track.StoredRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Slurm cluster of one node (munged, slurmctld, slurmd started here and stopped by pid): a
 * 4-point sweep through {@code edgewise run --executor slurm --wait} gives every metric of every
 * point bit for bit as the same sweep run locally; a sweep whose points are cancelled with
 * {@code edgewise cancel} mid-run ends FAILED naming the Slurm job and how it ended, and
 * {@code --resume} completes it, with the parent's summary and its MLflow copy right. Skipped where
 * Slurm is not installed (.ci/run installs it).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlurmSweepOnClusterTest {

    static final String SWEEP = """
            name: slurmsweep
            seed: 11
            data: {source: mnist, train_samples: 32, test_samples: 16, holdout: 0.9}
            topology: {nodes: 3, graph: line}
            model: {kind: crnn, features: 10, extractor: {pretrain: {epochs: 0}}}
            exchange: {kind: peer, rounds: 2, message_size: 2}
            training: {epochs: 1, batch_size: 16}
            sweep:
              grid:
                topology.nodes: [2, 3]
                exchange.rounds: [1, 2]
            """;

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static LocalSlurmCluster cluster;

    @BeforeAll
    static void startTheCluster() throws Exception {
        var why = LocalSlurmCluster.unavailable();
        Assumptions.assumeTrue(why.isEmpty(), () -> "skipped: " + why.get());
        cluster = LocalSlurmCluster.start();
        Files.writeString(dir.resolve("sweep.yaml"), SWEEP, StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stopTheCluster() throws IOException {
        if (cluster != null) {
            cluster.close();
            AtomicFiles.deleteTree(cluster.dir());
        }
    }

    /** {@code edgewise ARGS} in a child JVM with the cluster's SLURM_CONF; fails the test on an unexpected exit code. */
    static String edgewise(int expectedExit, String... args) throws IOException, InterruptedException {
        return cluster.edgewise(dir, expectedExit, args);
    }

    @Test
    @Order(1)
    void everyMetricOfASweepOnSlurmEqualsTheSameSweepRunHereBitForBit() throws Exception {
        String local = edgewise(0, "run", dir.resolve("sweep.yaml").toString(), "--runs", dir.resolve("local-runs").toString(),
                "--mlruns", dir.resolve("local-mlruns").toString(), "--jobs", "2");
        // Another run store: the run cache would otherwise hand the local results back.
        String slurm = edgewise(0, "run", dir.resolve("sweep.yaml").toString(), "--executor", "slurm", "--jobs", "2", "--wait",
                "--runs", dir.resolve("slurm-runs").toString(), "--mlruns", dir.resolve("slurm-mlruns").toString());
        assertTrue(slurm.contains("4 points submitted to Slurm as array job"), slurm);
        assertTrue(slurm.contains("sweep finished: 4 points (0 cached)"), slurm);
        List<Path> localPoints = points(parent(dir.resolve("local-runs")));
        List<Path> slurmPoints = points(parent(dir.resolve("slurm-runs")));
        assertEquals(4, slurmPoints.size(), slurm);
        for (int i = 0; i < 4; i++) {
            StoredRun here = RunFolder.at(localPoints.get(i)).read();
            StoredRun there = RunFolder.at(slurmPoints.get(i)).read();
            assertEquals(RunStatus.FINISHED, there.status());
            assertEquals(here.params(), there.params(), "point " + (i + 1));
            MetricDiff diff = MetricDiff.of(here.metrics(), there.metrics());
            assertTrue(diff.valuesCompared() > 10, "point " + (i + 1) + " compared " + diff.valuesCompared() + " values");
            assertEquals(List.of(), diff.differing(), "point " + (i + 1) + ": every metric at every step, bit for bit\n" + local);
            assertEquals(here.tags().get("edgewise.cache_key"), there.tags().get("edgewise.cache_key"),
                    "the same key: either executor serves the other's runs from the cache");
        }
        // The finishing job uploaded the parent and its points: four runs nest under the parent in MLflow.
        String parentId = parent(dir.resolve("slurm-runs")).getFileName().toString();
        assertEquals(4, mlflowChildren(dir.resolve("slurm-mlruns"), parentId));
    }

    @Test
    @Order(2)
    void aSweepCancelledMidRunEndsFailedWithSlurmsReasonAndResumeCompletesIt() throws Exception {
        Path runs = dir.resolve("cancel-runs");
        Path mlruns = dir.resolve("cancel-mlruns");
        // Another seed, so nothing is cached; one task at a time, so some are still queued when cancelled.
        edgewise(0, "run", dir.resolve("sweep.yaml").toString(), "seed=12", "--executor", "slurm", "--jobs", "1",
                "--runs", runs.toString(), "--mlruns", mlruns.toString());
        Path parentDir = parent(runs);
        String parentId = parentDir.getFileName().toString();
        // Mid-run: the first point has started recording.
        LocalSlurmCluster.await(() -> points(parentDir).stream().anyMatch(p -> Files.isRegularFile(p.resolve(RunStoreLayout.RUN_FILE))),
                Duration.ofSeconds(120), "no point started", parentDir.resolve("slurm/point-0001.log"));
        String cancelled = edgewise(0, "cancel", parentId.substring(0, 12), "--runs", runs.toString());
        assertTrue(cancelled.contains("cancelled array job"), cancelled);
        // The finishing job appends the end event before it rewrites the folder's summary files, so wait
        // for the whole record (health OK), not the first sign of an end: on a loaded machine the two are
        // seconds apart.
        LocalSlurmCluster.await(() -> RunFolder.at(parentDir).health().state() == RunHealth.State.OK, Duration.ofSeconds(120),
                "the finishing job did not end the parent with a whole record", parentDir.resolve("slurm/finish.out"));
        assertEquals(RunStatus.FAILED, RunFolder.at(parentDir).read().status());
        String summary = Files.readString(parentDir.resolve("artifacts/summary.csv"));
        assertTrue(summary.contains("CANCELLED") && summary.matches("(?s).*Slurm job [0-9]+_[0-9] ended CANCELLED.*"), summary);

        String resumed = edgewise(0, "run", "--resume", parentId, "--executor", "slurm", "--jobs", "2", "--wait",
                "--runs", runs.toString(), "--mlruns", mlruns.toString());
        assertTrue(resumed.contains("resubmitted to Slurm"), resumed);
        StoredRun parent = RunFolder.at(parentDir).read();
        assertEquals(RunStatus.FINISHED, parent.status(), resumed);
        assertEquals("OK", RunFolder.at(parentDir).health().state().name(), "one end, in every file");
        List<String> rows = Files.readAllLines(parentDir.resolve("artifacts/summary.csv"));
        assertEquals(5, rows.size(), String.join("\n", rows));
        rows.subList(1, 5).forEach(row -> assertTrue(row.contains(",FINISHED,"), row));
        assertEquals(4.0, parent.metrics().stream().filter(m -> m.key().equals("points_finished")).reduce((a, b) -> b).orElseThrow().value());
        JsonNode points = JSON.readTree(parentDir.resolve("artifacts/" + RunStoreLayout.POINTS_ARTIFACT).toFile());
        List<String> ids = new ArrayList<>();
        points.forEach(p -> ids.add(p.path("run_id").asText()));
        for (String id : ids) {
            assertEquals(RunStatus.FINISHED, RunFolder.at(RunStoreLayout.runDir(runs, "slurmsweep", id)).read().status());
        }
        // MLflow's copy of the parent is FINISHED too, with the four finished points under it.
        Path mlflowParent = mlflowRun(mlruns, parentId);
        assertTrue(Files.readString(mlflowParent.resolve("meta.yaml")).contains("status: 3"), "FINISHED in MLflow");
        assertTrue(mlflowChildren(mlruns, parentId) >= 4);
        assertNotEquals(List.of(), ids);
        assertFalse(resumed.contains("did not finish"), resumed);
    }

    static Path parent(Path runs) throws IOException {
        try (Stream<Path> dirs = Files.list(runs.resolve("slurmsweep"))) {
            List<Path> parents = dirs.filter(d -> Files.isDirectory(d.resolve("artifacts")) || Files.isDirectory(d.resolve("slurm")))
                    .filter(d -> {
                        try {
                            return RunFolder.at(d).read().info().parentRunId() == null;
                        } catch (IOException e) {
                            return false;
                        }
                    }).toList();
            assertEquals(1, parents.size(), parents.toString());
            return parents.get(0);
        }
    }

    /** The parent's points' run folders, in point order (as points.json lists them, or the plan while it runs). */
    static List<Path> points(Path parentDir) throws IOException {
        Path listed = parentDir.resolve("artifacts/" + RunStoreLayout.POINTS_ARTIFACT);
        List<Path> out = new ArrayList<>();
        Path runs = parentDir.getParent().getParent();
        if (Files.isRegularFile(listed)) {
            JSON.readTree(listed.toFile()).forEach(p -> out.add(RunStoreLayout.runDir(runs, "slurmsweep", p.path("run_id").asText())));
        } else {
            SlurmPlan.read(parentDir.resolve("slurm/sweep.json")).points()
                    .forEach(p -> out.add(RunStoreLayout.runDir(runs, "slurmsweep", p.runId())));
        }
        return out;
    }

    static Path mlflowRun(Path mlruns, String runId) throws IOException {
        try (Stream<Path> files = Files.walk(mlruns, 2)) {
            return files.filter(p -> p.getFileName().toString().equals(runId)).findFirst().orElseThrow(() -> new AssertionError(
                    "run " + runId + " is not in " + mlruns));
        }
    }

    static long mlflowChildren(Path mlruns, String parentId) throws IOException {
        try (Stream<Path> files = Files.walk(mlruns)) {
            return files.filter(p -> p.endsWith("tags/mlflow.parentRunId")).filter(p -> {
                try {
                    return Files.readString(p).strip().equals(parentId);
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }
}
