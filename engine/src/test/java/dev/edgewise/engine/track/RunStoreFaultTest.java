package dev.edgewise.engine.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgewise.engine.compare.RunIndex;
import dev.edgewise.engine.sync.Syncer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite for the run store: a record cut short after the fact, a process killed mid-run,
 * a disk that fills up or turns read-only. Each ends with a true record (one status in every file,
 * damage reported with its file and line) and nothing lost on the tracker.
 */
class RunStoreFaultTest {

    @TempDir
    Path tmp;

    private FakeMlflowServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new FakeMlflowServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private MlflowRestTracker tracker() {
        return new MlflowRestTracker(server.uri(), MlflowRestTracker.Credentials.NONE, MlflowFaultInjectionTest.FAST);
    }

    private Path runs() {
        return tmp.resolve("runs");
    }

    private Path recordFinishedRun(RunStore store, List<RunSink> trackers) throws IOException {
        Path artifact = Files.writeString(tmp.resolve("spec.yaml"), "name: x\n");
        try (RunRecorder recorder = new RunRecorder(store, trackers)) {
            recorder.start(new RunInfo(TestRuns.newRunId(), "faults", "run", 1_700_000_000_000L, null, "alice"));
            for (int i = 0; i < 20; i++) {
                recorder.param("p" + i, "v" + i);
            }
            recorder.artifact("spec.yaml", artifact);
            for (int epoch = 1; epoch <= 5; epoch++) {
                for (int k = 0; k < 8; k++) {
                    recorder.metric("m" + k, epoch + k * 0.5, epoch);
                }
                recorder.flush();
            }
            recorder.finish(RunStatus.FINISHED, null);
            return recorder.runDir();
        }
    }

    private static void truncate(Path file, long bytes) throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(bytes);
        }
    }

    private List<Syncer.Outcome> sync(Path runDir) throws IOException {
        try (MlflowRestTracker tracker = tracker()) {
            return new Syncer(tracker).sync(List.of(RunIndex.read(runDir).orElseThrow()));
        }
    }

    @Test
    void aFinishedRunIsHealthy() throws IOException {
        Path run = recordFinishedRun(new RunStore(runs()), List.of());
        assertEquals(RunHealth.State.OK, RunFolder.at(run).health().state());
        assertFalse(Files.exists(run.resolve(RunStore.RESERVE_FILE)), "the reserved room is given back at the end");
    }

    @Test
    void aTruncatedEventsFileIsReportedWithItsLineAndSyncLeavesTheTrackerAlone() throws IOException {
        Path run = recordFinishedRun(new RunStore(runs()), List.of(tracker()));
        String serverId = server.runsTagged(run.getFileName().toString()).get(0);
        assertEquals(40, server.metrics(serverId).size());
        truncate(run.resolve(RunStoreLayout.EVENTS_FILE), 3000);

        RunHealth health = RunFolder.at(run).health();
        assertTrue(health.damaged(), health.describe());
        assertTrue(health.problem().matches("events\\.jsonl:\\d+: .*FINISHED.*"), health.problem());

        Syncer.Outcome outcome = sync(run).get(0);
        assertNotNull(outcome.damage(), "a damaged run is reported");
        assertTrue(outcome.skipped());
        assertEquals(40, server.metrics(serverId).size(), "nothing removed from the tracker");
        assertEquals("FINISHED", server.status(serverId), "nor its status downgraded");
        assertEquals(1, server.artifacts(serverId).size());
    }

    @Test
    void aTruncatedMetricsFileIsReported() throws IOException {
        Path run = recordFinishedRun(new RunStore(runs()), List.of());
        Path csv = run.resolve(RunStoreLayout.METRICS_FILE);
        truncate(csv, Files.size(csv) / 2);

        RunHealth health = RunFolder.at(run).health();
        assertTrue(health.damaged(), health.describe());
        assertTrue(health.problem().startsWith("metrics.csv:"), health.problem());
        assertThrows(DamagedRunException.class, () -> RunFolder.at(run).requireIntact());
    }

    @Test
    void theFileStoreIsNeverReplacedByLessThanItHas() throws IOException {
        Path mlruns = tmp.resolve("mlruns");
        Path run = recordFinishedRun(new RunStore(runs()), List.of(new MlflowFileStore(mlruns)));
        truncate(run.resolve(RunStoreLayout.EVENTS_FILE), 3000);
        List<RunEvent> left = new ArrayList<>(RunFolder.at(run).events());

        try (MlflowFileStore store = new MlflowFileStore(mlruns)) {
            IOException e = assertThrows(IOException.class, () -> store.sync(left));
            assertTrue(e.getMessage().contains("not replacing it"), e.getMessage());
        }
    }

    private Process startRecordingChild(String runId) throws IOException {
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), RecordUntilKilled.class.getName(), runs().toString(), runId)
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.contains("recording")) {
            // wait for the run to be under way
        }
        return child;
    }

    @Test
    void aRunStoppedWithSigtermEndsKilledInEveryFile() throws Exception {
        String runId = TestRuns.newRunId();
        Process child = startRecordingChild(runId);
        child.destroy(); // SIGTERM: shutdown hooks run
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));

        Path run = RunStoreLayout.runDir(runs(), "killed", runId);
        RunFolder folder = RunFolder.at(run);
        assertEquals(RunHealth.State.OK, folder.health().state(), folder.health().describe());
        assertEquals(RunStatus.KILLED, folder.read().status());
        assertEquals(RunStatus.KILLED, folder.summary().orElseThrow().status());
        assertEquals(3, folder.read().metrics().size());
    }

    @Test
    void aRunWhoseProcessWasKilledIsCrashedAndSyncMarksItFailed() throws Exception {
        String runId = TestRuns.newRunId();
        Process child = startRecordingChild(runId);
        Path run = RunStoreLayout.runDir(runs(), "killed", runId);
        assertEquals(RunHealth.State.IN_PROGRESS, RunFolder.at(run).health().state(), "alive: in progress");
        child.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));

        RunHealth health = RunFolder.at(run).health();
        assertEquals(RunHealth.State.CRASHED, health.state(), health.describe());
        assertTrue(health.problem().contains("process " + child.pid()), health.problem());

        Syncer.Outcome outcome = sync(run).get(0);
        assertNotNull(outcome.markedFailed());
        assertEquals(null, outcome.error());
        StoredRun stored = RunFolder.at(run).read();
        assertEquals(RunStatus.FAILED, stored.status());
        assertTrue(stored.error().contains("crashed"), stored.error());
        assertEquals(RunStatus.FAILED, RunIndex.read(run).orElseThrow().status(), "run.json says the same");
        assertEquals(RunHealth.State.OK, RunFolder.at(run).health().state());
        assertEquals(3, stored.metrics().size(), "every value it logged is kept");
        String serverId = server.runsTagged(runId).get(0);
        assertEquals("FAILED", server.status(serverId));
        assertEquals(3, server.metrics(serverId).size());
    }

    @Test
    void aCrashMidLineLosesOnlyThatLineAndMetricsCsvIsCompleted() throws Exception {
        Path run;
        RunOwner gone = new RunOwner(deadPid(), RunOwner.current().host(), 1L);
        RunRecorder recorder = new RunRecorder(new RunStore(runs(), gone), List.of());
        recorder.start(new RunInfo(TestRuns.newRunId(), "faults", "run", 1_700_000_000_000L, null, "alice"));
        recorder.metric("a", 1, 1);
        recorder.metric("a", 2, 2);
        recorder.flush();
        run = recorder.runDir();
        // The crash: no close. The last metrics.csv row never got written, the events file has half a line more.
        Path csv = run.resolve(RunStoreLayout.METRICS_FILE);
        List<String> rows = Files.readAllLines(csv);
        Files.write(csv, rows.subList(0, rows.size() - 1));
        Files.writeString(run.resolve(RunStoreLayout.EVENTS_FILE), "{\"type\":\"Metric\",\"ke", StandardOpenOption.APPEND);

        assertEquals(RunHealth.State.CRASHED, RunFolder.at(run).health().state(), RunFolder.at(run).health().describe());
        RunStore.markFailed(RunFolder.at(run), 5L, "crashed");

        assertEquals(RunHealth.State.OK, RunFolder.at(run).health().state(), RunFolder.at(run).health().describe());
        assertEquals(3, Files.readAllLines(csv).size(), "header and both values");
        assertEquals(RunStatus.FAILED, RunFolder.at(run).read().status());
    }

    @Test
    void aFullDiskEndsTheRunFailedInEveryFile() throws IOException {
        AtomicBoolean full = new AtomicBoolean();
        Path[] dir = new Path[1];
        // Full means full: nothing fits until the store gives its reserved room back.
        RunStore.Disk disk = file -> {
            if (full.get() && Files.exists(file.getParent().resolve(RunStore.RESERVE_FILE))) {
                throw new IOException("No space left on device");
            }
        };
        RunRecorder recorder = new RunRecorder(new RunStore(runs(), RunOwner.current(), disk), List.of());
        recorder.start(new RunInfo(TestRuns.newRunId(), "faults", "run", 1_700_000_000_000L, null, "alice"));
        dir[0] = recorder.runDir();
        recorder.metric("a", 1, 1);
        full.set(true);
        IOException e = assertThrows(IOException.class, () -> recorder.metric("a", 2, 2));
        recorder.finish(RunStatus.FAILED, "IOException: " + e.getMessage());
        recorder.close();

        RunFolder folder = RunFolder.at(dir[0]);
        assertEquals(RunHealth.State.OK, folder.health().state(), folder.health().describe());
        assertEquals(RunStatus.FAILED, folder.read().status());
        assertEquals(RunStatus.FAILED, folder.summary().orElseThrow().status());
        assertTrue(folder.read().error().contains("No space left"));
    }

    @Test
    void aRunClosedOnAFullDiskSaysOneStatusEverywhere() throws IOException {
        AtomicBoolean full = new AtomicBoolean();
        RunStore.Disk disk = file -> {
            // The run.json rename needs a new block; the events file still had room in its last one.
            if (full.get() && file.getFileName().toString().equals(RunStoreLayout.RUN_FILE)) {
                throw new IOException("No space left on device");
            }
        };
        Path run;
        try (RunRecorder recorder = new RunRecorder(new RunStore(runs(), RunOwner.current(), disk), List.of())) {
            recorder.start(new RunInfo(TestRuns.newRunId(), "faults", "run", 1_700_000_000_000L, null, "alice"));
            run = recorder.runDir();
            recorder.metric("a", 1, 1);
            full.set(true);
            // close() ends the unfinished run KILLED; writing run.json fails
        } catch (IOException expected) {
            run = null;
        }
        run = run != null ? run : RunStoreLayout.runDir(runs(), "faults", onlyRun());
        RunFolder folder = RunFolder.at(run);
        assertEquals(folder.read().status(), folder.summary().orElseThrow().status(), "events.jsonl and run.json agree");
        assertFalse(folder.health().damaged(), folder.health().describe());
    }

    @Test
    void aReadOnlyStoreNeverClaimsTheRunFinished() throws IOException {
        AtomicBoolean readOnly = new AtomicBoolean();
        RunStore.Disk disk = file -> {
            if (readOnly.get()) {
                throw new java.nio.file.AccessDeniedException(file.toString(), null, "Read-only file system");
            }
        };
        RunRecorder recorder = new RunRecorder(new RunStore(runs(), RunOwner.current(), disk), List.of());
        recorder.start(new RunInfo(TestRuns.newRunId(), "faults", "run", 1_700_000_000_000L, null, "alice"));
        Path run = recorder.runDir();
        recorder.metric("a", 1, 1);
        readOnly.set(true);
        assertThrows(IOException.class, () -> recorder.metric("a", 2, 2));
        assertThrows(IOException.class, () -> recorder.finish(RunStatus.FINISHED, null));
        recorder.close(); // quietly: the end was already attempted
        RunFolder folder = RunFolder.at(run);
        assertFalse(folder.health().damaged(), folder.health().describe());
        assertEquals(folder.read().status(), folder.summary().orElseThrow().status());
        assertTrue(folder.read().status() != RunStatus.FINISHED);
    }

    private String onlyRun() throws IOException {
        try (var runs = Files.list(runs().resolve("faults"))) {
            return runs.findFirst().orElseThrow().getFileName().toString();
        }
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }
}
