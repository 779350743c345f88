package dev.edgewise.engine.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.dsl.sweep.ExperimentSource;
import dev.edgewise.engine.repro.MetricDiff;
import dev.edgewise.engine.track.MlflowFileStore;
import dev.edgewise.engine.track.RunStatus;
import dev.edgewise.engine.track.RunFolder;
import dev.edgewise.engine.track.StoredRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real sweep on MNIST, every point in its own JVM as the CLI runs it: both at once, then again
 * (all cached), then again one at a time with --force, which must give the same metrics bit for bit.
 */
class SweepInChildJvmsTest {

    static final String SWEEP = """
            name: childsweep
            seed: 11
            data: {source: mnist, train_samples: 32, test_samples: 16, holdout: 0.9}
            topology: {nodes: 3, graph: line}
            model: {kind: crnn, features: 10, extractor: {pretrain: {epochs: 0}}}
            exchange: {kind: peer, rounds: 2, message_size: 2}
            training: {epochs: 1, batch_size: 16}
            sweep:
              grid:
                topology.nodes: [2, 3]
            """;

    @TempDir
    static Path dir;

    static SweepRunner.Result parallel;
    static SweepRunner.Result cached;
    static SweepRunner.Result serialForced;
    static String parallelOutput;
    static String serialOutput;

    static SweepRunner.Result sweep(int jobs, boolean force, StringWriter text) throws IOException {
        ExperimentSource source = ExperimentSource.read(SWEEP, "childsweep.yaml", List.of());
        SweepRunner runner = new SweepRunner(new SweepRunner.Options(dir.resolve("runs"), dir.resolve("mlruns"), jobs, false, force, "test"),
                () -> List.of(new MlflowFileStore(dir.resolve("mlruns"))), new ChildProcessExecutor(1), new PrintWriter(text, true));
        return runner.run(source, null);
    }

    @BeforeAll
    static void runTheSweepThreeTimes() throws IOException {
        StringWriter text = new StringWriter();
        parallel = sweep(2, false, text);
        parallelOutput = text.toString();
        cached = sweep(2, false, new StringWriter());
        StringWriter serialText = new StringWriter();
        serialForced = sweep(1, true, serialText);
        serialOutput = serialText.toString();
    }

    @Test
    void theParentKeepsEveryPointsLogWhateverTheJobs() throws IOException {
        for (SweepRunner.Result sweep : List.of(parallel, serialForced)) {
            for (String log : List.of("point-0001.log", "point-0002.log")) {
                Path kept = sweep.parentDir().resolve("artifacts/logs/" + log);
                assertTrue(Files.isRegularFile(kept) && Files.size(kept) > 0, () -> kept + " is missing or empty; the parent has "
                        + listing(sweep.parentDir()));
            }
        }
        String log = Files.readString(serialForced.parentDir().resolve("artifacts/logs/point-0001.log"));
        String firstLine = log.lines().filter(line -> !line.isBlank()).findFirst().orElseThrow();
        assertTrue(serialOutput.contains(firstLine), () -> "one job at a time still shows its output:\n" + serialOutput);
    }

    static String listing(Path dir) {
        try (var files = Files.walk(dir)) {
            return files.map(f -> dir.relativize(f) + (Files.isRegularFile(f) ? " (" + f.toFile().length() + " bytes)" : "")).toList().toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void everyPointFinishesAsARunNestedUnderTheParent() throws IOException {
        assertTrue(parallel.failed().isEmpty(), parallelOutput);
        assertEquals(RunStatus.FINISHED, RunFolder.at(parallel.parentDir()).read().status());
        assertTrue(parallelOutput.contains("2 points, 2 at a time, 1 native thread(s) each"), parallelOutput);
        for (SweepRunner.PointOutcome point : parallel.points()) {
            assertFalse(point.cached());
            StoredRun run = RunFolder.at(point.runDir()).read();
            assertEquals(parallel.parentRunId(), run.info().parentRunId());
            assertEquals(point.point().values().get("topology.nodes"), run.params().get("topology.nodes"));
            assertEquals("1", run.tags().get("edgewise.omp_num_threads"), "the child's native threads are pinned and recorded");
            assertEquals("1", run.tags().get("edgewise.cpu_cores"), "and its JVM sees one core");
        }
        try (Stream<Path> files = Files.walk(dir.resolve("mlruns"))) {
            assertEquals(2, files.filter(p -> p.endsWith("tags/mlflow.parentRunId")).map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).filter(parallel.parentRunId()::equals).count());
        }
    }

    @Test
    void aSecondRunOfTheSameSweepIsServedFromTheRunCache() {
        assertTrue(cached.failed().isEmpty());
        for (int i = 0; i < 2; i++) {
            assertTrue(cached.points().get(i).cached(), "point " + i);
            assertEquals(parallel.points().get(i).runId(), cached.points().get(i).runId(), "the cached run is the first one");
            assertEquals(parallel.points().get(i).metrics(), cached.points().get(i).metrics());
        }
    }

    @Test
    void forcedOneAtATimeItComputesAgainAndGetsTheSameBitsAsTwoAtATime() throws IOException {
        assertTrue(serialForced.failed().isEmpty());
        for (int i = 0; i < 2; i++) {
            SweepRunner.PointOutcome before = parallel.points().get(i);
            SweepRunner.PointOutcome again = serialForced.points().get(i);
            assertFalse(again.cached());
            assertNotEquals(before.runId(), again.runId());
            MetricDiff diff = MetricDiff.of(RunFolder.at(before.runDir()).read().metrics(), RunFolder.at(again.runDir()).read().metrics());
            assertTrue(diff.valuesCompared() > 10);
            assertEquals(List.of(), diff.differing(), "point " + i + ": every metric at every step, bit for bit");
        }
        assertNotEquals(parallel.points().get(0).metrics().get("test_rmse"), parallel.points().get(1).metrics().get("test_rmse"),
                "the points really are different runs");
    }
}
