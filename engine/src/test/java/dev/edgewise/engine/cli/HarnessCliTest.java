package dev.edgewise.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.engine.track.RunInfo;
import dev.edgewise.engine.track.RunRecorder;
import dev.edgewise.engine.track.RunStatus;
import dev.edgewise.engine.track.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness commands' user-facing behaviour: overrides, runs, compare, bad input. */
class HarnessCliTest {

    @TempDir
    Path dir;

    @Test
    void aBadOverrideNamesTheOverrideExitsTwoAndRunsNothing() {
        CliTest.Result result = CliTest.execute("run", "../experiments/quickstart.yaml", "topology.nodes=abc", "training.epochs=2",
                "--runs", dir.resolve("runs").toString());

        assertEquals(2, result.code(), result.err());
        assertTrue(result.err().startsWith("override topology.nodes=abc: expected an integer, got the string \"abc\" (at $.topology.nodes)"),
                result.err());
        assertTrue(result.err().contains("1 problem; nothing was run."), result.err());
        assertFalse(Files.exists(dir.resolve("runs")));
    }

    @Test
    void aBadSweepPointIsFoundBeforeAnythingRunsAndNamesThePoint() throws IOException {
        Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, "name: s\ntopology: {nodes: 4, graph: grid, rows: 2, cols: 2}\nmodel: {kind: crnn}\nexchange: {kind: peer}\nsweep:\n  grid:\n    topology.graph: [grid, rign]\n");

        CliTest.Result result = CliTest.execute("validate", file.toString());

        assertEquals(2, result.code(), result.err());
        assertTrue(result.err().startsWith(file + ":7:28: sweep point 2/2 (topology.graph=rign): unknown graph 'rign'"), result.err());
        assertTrue(result.err().contains("did you mean 'ring'?"), result.err());
    }

    @Test
    void validateSaysHowManyPointsASweepHas() {
        CliTest.Result result = CliTest.execute("validate", "../experiments/sweep-nodes.yaml");

        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().contains("sweep-nodes.yaml: ok (sweep-nodes, sweep of 8 points over topology.nodes, exchange.message_size)"),
                result.out());
    }

    @Test
    void jobsMustBePositive() {
        CliTest.Result result = CliTest.execute("run", "../experiments/quickstart.yaml", "--jobs", "0", "--runs", dir.resolve("runs").toString());

        assertEquals(2, result.code());
        assertTrue(result.err().contains("--jobs must be at least 1"), result.err());
    }

    private String record(String name, Map<String, String> params, double finalLoss, RunStatus status) throws IOException {
        String id = RunRecorder.newRunId();
        try (RunRecorder recorder = new RunRecorder(new RunStore(dir.resolve("runs")), List.of())) {
            recorder.start(new RunInfo(id, "exp", name, System.currentTimeMillis(), null, "alice"));
            recorder.params(params);
            recorder.metric("loss", 1.0, 1);
            recorder.metric("loss", finalLoss, 2);
            recorder.metric("train_samples_per_second", 100, 2);
            recorder.finish(status, status == RunStatus.FAILED ? "boom" : null);
        }
        return id;
    }

    @Test
    void compareShowsTheParamsThatDifferAndEveryMetricWithItsDifference() throws IOException {
        String a = record("a", Map.of("lr", "0.1", "nodes", "5"), 0.5, RunStatus.FINISHED);
        String b = record("b", Map.of("lr", "0.2", "nodes", "5"), 0.4, RunStatus.FINISHED);

        CliTest.Result csv = CliTest.execute("compare", a, b.substring(0, 8), "--runs", dir.resolve("runs").toString(), "--format", "csv");

        assertEquals(0, csv.code(), csv.err());
        List<String> lines = csv.out().lines().toList();
        assertEquals("kind,name," + a + "," + b + ",diff,rel_diff", lines.get(0));
        assertEquals("param,lr,0.1,0.2,,", lines.get(1), "only the params that differ");
        assertTrue(lines.contains("metric,loss,0.5,0.4,-0.09999999999999998,-0.19999999999999996"), csv.out());
        assertTrue(lines.contains("timing,train_samples_per_second,100.0,100.0,0.0,0.0"), csv.out());
        CliTest.Result md = CliTest.execute("compare", a, b, "--runs", dir.resolve("runs").toString(), "--format", "md");
        assertTrue(md.out().startsWith("- A = run " + a + "  a (FINISHED)"), md.out());
        assertTrue(md.out().contains("| param | lr | 0.1 | 0.2 |  |  |"), md.out());
    }

    @Test
    void runsListsTheRunStoreWithFilters() throws IOException {
        String ok = record("good", Map.of("lr", "0.1"), 0.5, RunStatus.FINISHED);
        String bad = record("bad", Map.of("lr", "0.1"), 0.5, RunStatus.FAILED);

        CliTest.Result all = CliTest.execute("runs", "--runs", dir.resolve("runs").toString());
        CliTest.Result failed = CliTest.execute("runs", "--runs", dir.resolve("runs").toString(), "--status", "FAILED", "--format", "csv");

        assertEquals(0, all.code(), all.err());
        assertTrue(all.out().contains(ok.substring(0, 12)) && all.out().contains(bad.substring(0, 12)), all.out());
        assertEquals(2, failed.out().lines().count(), failed.out());
        assertTrue(failed.out().contains(bad) && !failed.out().contains(ok), failed.out());
    }

    @Test
    void anUnknownRunIsBadInputWithAHint() {
        CliTest.Result result = CliTest.execute("compare", "abcdef12", "--runs", dir.resolve("runs").toString());

        assertEquals(2, result.code());
        assertTrue(result.err().startsWith("error: no run abcdef12 in the run store"), result.err());
        assertTrue(result.err().contains("hint: `edgewise runs` lists the run store"), result.err());
    }
}
