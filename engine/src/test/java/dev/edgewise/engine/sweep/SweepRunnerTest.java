package dev.edgewise.engine.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.dsl.sweep.ExperimentSource;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep's bookkeeping, with points run in this JVM on in-memory data: failures, fail-fast, the parent's record. */
class SweepRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private SweepRunner.Result sweep(String yaml, boolean failFast, InProcessExecutor executor, StringWriter text) throws IOException {
        ExperimentSource source = ExperimentSource.read(yaml, "flaky.yaml", List.of());
        SweepRunner runner = new SweepRunner(new SweepRunner.Options(dir.resolve("runs"), dir.resolve("mlruns"), 1, failFast, false, "test"),
                () -> List.of(new MlflowFileStore(dir.resolve("mlruns"))), executor, new PrintWriter(text, true));
        return runner.run(source, null);
    }

    private InProcessExecutor executor() {
        return new InProcessExecutor(TestData.registry(), DataCache.at(dir.resolve("cache")), () -> List.of(new MlflowFileStore(dir.resolve("mlruns"))));
    }

    @Test
    void aFailingPointDoesNotStopTheOthersAndTheParentSaysWhichFailedAndWhy() throws IOException {
        String yaml = TestData.spec("flaky", "noise") + "sweep:\n  grid:\n    data.source: [noise, broken]\n  repeats: 2\n";
        StringWriter text = new StringWriter();

        SweepRunner.Result result = sweep(yaml, false, executor(), text);

        assertEquals(List.of("FINISHED", "FINISHED", "FAILED", "FAILED"), result.points().stream().map(SweepRunner.PointOutcome::status).toList());
        assertTrue(result.points().get(2).error() != null && !result.points().get(2).error().isBlank());
        StoredRun parent = RunFolder.at(result.parentDir()).read();
        assertEquals(RunStatus.FAILED, parent.status());
        assertTrue(parent.error().startsWith("2 of 4 points did not finish:"), parent.error());
        assertTrue(parent.error().contains("[3/4] data.source=broken, repeat 0: FAILED"), parent.error());
        assertTrue(text.toString().contains("[4/4] data.source=broken, repeat 1: FAILED"), text.toString());
        // Every point, failed ones too, is a run of its own under the parent, its params its resolved values.
        for (SweepRunner.PointOutcome point : result.points()) {
            StoredRun run = RunFolder.at(dir.resolve("runs/flaky").resolve(point.runId())).read();
            assertEquals(result.parentRunId(), run.info().parentRunId());
            assertEquals(point.point().values().get("data.source"), run.params().get("data.source"));
            assertEquals(point.status(), run.status().name());
            assertEquals(point.point().ordinal(), run.tags().get(SweepRunner.TAG_POINT));
        }
        assertEquals(Long.toString(result.points().get(1).point().loaded().spec().seed()), RunFolder.at(
                dir.resolve("runs/flaky").resolve(result.points().get(1).runId())).read().params().get("seed"), "repeat 1 has its derived seed");
        List<String> csv = Files.readAllLines(result.parentDir().resolve("artifacts/summary.csv"));
        assertEquals(5, csv.size());
        assertTrue(csv.get(0).startsWith("point,repeat,seed,data.source,status,cached,seconds,run_id,"), csv.get(0));
        JsonNode points = JSON.readTree(result.parentDir().resolve("artifacts/points.json").toFile());
        assertEquals(result.points().get(3).runId(), points.get(3).get("run_id").asText());
        // MLflow nests the points under the parent.
        try (Stream<Path> files = Files.walk(dir.resolve("mlruns"))) {
            List<Path> parentTags = files.filter(p -> p.endsWith("tags/mlflow.parentRunId")).toList();
            assertEquals(4, parentTags.size());
            for (Path tag : parentTags) {
                assertEquals(result.parentRunId(), Files.readString(tag));
            }
        }
    }

    @Test
    void theParentDrawsTheSweepsChartsAndSetsItsRunsBesideThePublishedNumbers() throws IOException {
        String yaml = TestData.spec("charted", "noise") + """
                sweep:
                  grid: {exchange.message_size: [1, 2, 3]}
                  plots: [{name: rmse-vs-v, x: exchange.message_size, y: test_rmse}]
                reference:
                  source: a paper
                  rows: [{where: {exchange.message_size: 2}, values: {test_rmse: 0.25}, note: its Table 9}]
                """;
        StringWriter text = new StringWriter();

        SweepRunner.Result result = sweep(yaml, false, executor(), text);

        Path artifacts = result.parentDir().resolve("artifacts");
        assertTrue(Files.size(artifacts.resolve("plots/rmse-vs-v.png")) > 1000);
        var points = SweepRunner.plotted(ExperimentSource.read(yaml, "charted.yaml", List.of()),
                ExperimentSource.read(yaml, "charted.yaml", List.of()).base().spec().sweep().plots().get(0), result.points());
        assertEquals(List.of(1.0, 2.0, 3.0), points.get("test_rmse").stream().map(p -> p[0]).sorted().toList());
        double ours = result.points().get(1).metrics().get("test_rmse");
        List<String> csv = Files.readAllLines(artifacts.resolve("comparison.csv"));
        assertEquals("exchange.message_size,metric,paper,ours,difference,runs,note", csv.get(0));
        assertTrue(csv.get(1).startsWith("2,test_rmse,0.25," + ours + ","), csv.get(1));
        assertTrue(csv.get(1).endsWith(",1,its Table 9"), csv.get(1));
        assertTrue(text.toString().contains("beside a paper"), text.toString());
        assertTrue(text.toString().contains(String.format("%.4f", ours)), text.toString());
    }

    @Test
    void failFastSkipsThePointsNotYetStarted() throws IOException {
        String yaml = TestData.spec("flaky", "noise") + "sweep: {grid: {data.source: [broken, noise]}}\n";
        InProcessExecutor executor = executor();

        SweepRunner.Result result = sweep(yaml, true, executor, new StringWriter());

        assertEquals(List.of("FAILED", "SKIPPED"), result.points().stream().map(SweepRunner.PointOutcome::status).toList());
        assertEquals(1, executor.executed, "the second point never ran");
        assertTrue(result.points().get(1).error().contains("--fail-fast"));
        assertEquals(RunStatus.FAILED, RunFolder.at(result.parentDir()).read().status());
    }

    @Test
    void baselinesRunAsSiblingsUnderTheSweepsParentTaggedWithTheirName() throws IOException {
        // Family-agnostic: a C-RNN (peer) spec whose baseline changes its loss terms (as Table 8's energy-unaware one does).
        String yaml = TestData.spec("withbase", "noise") + "loss: {terms: {task: {weight: 1.0}, communication: {weight: 0.5}}}\n"
                + "sweep: {grid: {training.learning_rate: [0.01, 0.02]}}\n"
                + "baselines:\n  energy-unaware:\n    loss.terms.communication.weight: 0.0\n";

        SweepRunner.Result result = sweep(yaml, false, executor(), new StringWriter());

        assertEquals(4, result.points().size());
        for (SweepRunner.PointOutcome point : result.points()) {
            StoredRun run = RunFolder.at(dir.resolve("runs/withbase").resolve(point.runId())).read();
            assertEquals(RunStatus.FINISHED, run.status());
            assertEquals(result.parentRunId(), run.info().parentRunId(), "a baseline is a sibling of its run");
            assertEquals(point.point().baseline(), run.tags().get(SweepRunner.TAG_BASELINE));
        }
        assertEquals("energy-unaware", result.points().get(1).point().baseline());
        assertEquals(result.points().get(0).point().loaded().spec().seed(), result.points().get(1).point().loaded().spec().seed());
        List<String> csv = Files.readAllLines(result.parentDir().resolve("artifacts/summary.csv"));
        assertTrue(csv.get(0).startsWith("point,repeat,seed,training.learning_rate,baseline,status,"), csv.get(0));
        assertTrue(csv.get(2).contains(",energy-unaware,"), csv.get(2));
    }

    /** A file with baselines and no sweep block (Table 1 style) is a sweep of its baselines; its parent ends FINISHED. */
    @Test
    void baselinesWithoutASweepBlockFinishTheParent() throws IOException {
        String yaml = TestData.spec("onlybase", "noise") + "baselines:\n  slower:\n    training.learning_rate: 0.001\n";

        SweepRunner.Result result = sweep(yaml, false, executor(), new StringWriter());

        assertEquals(2, result.points().size());
        assertEquals(RunStatus.FINISHED, RunFolder.at(result.parentDir()).read().status());
    }
}
