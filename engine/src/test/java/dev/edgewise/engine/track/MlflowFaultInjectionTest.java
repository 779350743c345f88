package dev.edgewise.engine.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.engine.compare.RunIndex;
import dev.edgewise.engine.sync.Syncer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real run record pushed through a misbehaving MLflow server: errors before and after a request
 * is applied, answers that never come, a server that is down, one that restarts. Whatever happens
 * live, after {@code sync} the server holds every param, every metric value at every step and every
 * artifact exactly once, and a second sync sends nothing.
 */
class MlflowFaultInjectionTest {

    /** Short timeouts and quick retries: the faults, not the waiting, are under test. */
    static final MlflowRestTracker.Resilience FAST = new MlflowRestTracker.Resilience(Duration.ofSeconds(1), Duration.ofMillis(400),
            Duration.ofMillis(400), new Retry(4, Duration.ofMillis(20), Duration.ofMillis(80)));

    private static final List<String> MUTATING = List.of("runs/create", "runs/log-batch", "runs/update", "experiments/create");

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
        return new MlflowRestTracker(server.uri(), MlflowRestTracker.Credentials.NONE, FAST);
    }

    /** Records a run like a real one (params, tags, metrics per epoch, artifacts in folders) with a live tracker. */
    private Path record(RunInfo info, List<RunSink> trackers, Runnable afterSecondEpoch) throws IOException {
        Path model = Files.write(tmp.resolve("net.params"), new byte[20_000]);
        Path spec = Files.writeString(tmp.resolve("spec.yaml"), "name: faulty\ntopology: {nodes: 4}\n");
        Path deep = Files.writeString(tmp.resolve("b.txt"), "deep");
        try (RunRecorder recorder = new RunRecorder(new RunStore(tmp.resolve("runs")), trackers)) {
            recorder.start(info);
            for (int i = 0; i < 30; i++) {
                recorder.param("p" + i, "v" + i);
            }
            recorder.tag("edgewise.spec_hash", "sha256:abc");
            recorder.tag("phase", "train");
            recorder.artifact("spec.yaml", spec);
            for (int epoch = 1; epoch <= 5; epoch++) {
                for (int k = 0; k < 12; k++) {
                    recorder.metric("m" + k, epoch * 0.1 + k, epoch);
                }
                recorder.flush();
                if (epoch == 2 && afterSecondEpoch != null) {
                    recorder.drain(); // the tracker has what the first two epochs logged
                    afterSecondEpoch.run();
                }
            }
            recorder.tag("phase", "done");
            recorder.metric("m0", 0.5, 5); // the same key and step again, a different value: both are kept
            recorder.artifact("model/net.params", model);
            recorder.artifact("plots/a/b.txt", deep);
            recorder.finish(RunStatus.FINISHED, null);
            return recorder.runDir();
        }
    }

    private static RunInfo info(String parent) {
        return new RunInfo(TestRuns.newRunId(), "faults", "faulty-run", 1_700_000_000_000L, parent, "alice");
    }

    /** Every param, tag, metric value and artifact of the stored run on the server, each exactly once, and the final status. */
    private void assertServerHasExactlyTheRun(Path runDir) throws IOException {
        StoredRun stored = RunFolder.at(runDir).read();
        List<String> ids = server.runsTagged(stored.info().runId());
        assertEquals(1, ids.size(), "one server run per run, got " + ids);
        String id = ids.get(0);
        assertEquals(stored.params(), server.params(id));
        Map<String, String> tags = server.tags(id);
        stored.tags().forEach((k, v) -> assertEquals(v, tags.get(k), "tag " + k));
        Map<String, Integer> want = new HashMap<>();
        stored.metrics().forEach(m -> want.merge(m.key() + "@" + m.step() + "@" + m.timestampMs() + "=" + m.value(), 1, Integer::sum));
        Map<String, Integer> have = new HashMap<>();
        server.metrics(id).forEach(m -> have.merge(m.key() + "@" + m.step() + "@" + m.timestamp() + "=" + m.value(), 1, Integer::sum));
        assertEquals(want, have, "every metric value exactly once");
        assertEquals(61, stored.metrics().size());
        Map<String, byte[]> artifacts = server.artifacts(id);
        assertEquals(List.of("model/net.params", "plots/a/b.txt", "spec.yaml"), artifacts.keySet().stream().sorted().toList());
        for (String path : artifacts.keySet()) {
            assertArrayEquals(Files.readAllBytes(runDir.resolve("artifacts").resolve(path)), artifacts.get(path), path);
        }
        assertEquals(stored.status().name(), server.status(id));
    }

    /** Syncs, checks the server, then syncs again and checks that the second sync changed nothing. */
    private SyncReport syncTwiceAndCheck(Path runDir) throws IOException {
        SyncReport first;
        try (MlflowRestTracker tracker = tracker()) {
            first = tracker.sync(RunFolder.at(runDir).events());
        }
        assertServerHasExactlyTheRun(runDir);
        int before = server.requests.size();
        SyncReport second;
        try (MlflowRestTracker tracker = tracker()) {
            second = tracker.sync(RunFolder.at(runDir).events());
        }
        assertTrue(second.upToDate(), second.toString());
        List<FakeMlflowServer.Request> during = server.requests.subList(before, server.requests.size());
        assertTrue(during.stream().noneMatch(r -> MUTATING.contains(r.endpoint()) || r.method().equals("PUT")),
                "a second sync only reads: " + during.stream().map(FakeMlflowServer.Request::endpoint).toList());
        assertServerHasExactlyTheRun(runDir);
        return first;
    }

    private static Function<FakeMlflowServer.Request, FakeMlflowServer.Fault> plan(
            Map<String, Function<Integer, FakeMlflowServer.Fault>> byEndpoint) {
        Map<String, AtomicInteger> counters = new HashMap<>();
        return r -> {
            String endpoint = r.method().equals("PUT") ? "PUT" : r.endpoint();
            Function<Integer, FakeMlflowServer.Fault> rule = byEndpoint.get(endpoint);
            if (rule == null) {
                return null;
            }
            int n;
            synchronized (counters) {
                n = counters.computeIfAbsent(endpoint, e -> new AtomicInteger()).incrementAndGet();
            }
            return rule.apply(n);
        };
    }

    @Test
    void http500sBeforeAndAfterApplyingNeitherLoseNorDuplicateAnything() throws IOException {
        server.faults = plan(Map.of(
                "runs/create", n -> n == 1 ? new FakeMlflowServer.Fault.FailAfter(500) : null,
                "runs/log-batch", n -> n % 4 == 1 ? new FakeMlflowServer.Fault.FailAfter(500)
                        : n % 4 == 3 ? new FakeMlflowServer.Fault.FailBefore(503) : null,
                "PUT", n -> n == 1 ? new FakeMlflowServer.Fault.FailAfter(500) : n == 2 ? new FakeMlflowServer.Fault.FailBefore(502) : null,
                "runs/update", n -> n == 1 ? new FakeMlflowServer.Fault.FailAfter(500) : null));
        Path runDir = record(info(null), List.of(tracker()), null);

        assertTrue(server.calls("runs/log-batch").size() > 6, "faults were hit: " + server.calls("runs/log-batch").size());
        assertServerHasExactlyTheRun(runDir); // the live tracker already delivered everything, once
        server.faults = null;
        assertTrue(syncTwiceAndCheck(runDir).upToDate(), "nothing left for sync");
    }

    @Test
    void answersThatNeverComeAreNeverResentAndSyncReconcilesThem() throws IOException {
        server.faults = plan(Map.of(
                "runs/create", n -> n == 1 ? new FakeMlflowServer.Fault.StallAfter(1200) : null,
                "runs/log-batch", n -> n % 3 == 1 ? new FakeMlflowServer.Fault.StallAfter(1200) : null,
                "PUT", n -> n == 1 ? new FakeMlflowServer.Fault.StallAfter(1200) : null,
                "runs/update", n -> n == 1 ? new FakeMlflowServer.Fault.StallAfter(1200) : null));
        Path runDir = record(info(null), List.of(tracker()), null);

        server.faults = null;
        syncTwiceAndCheck(runDir);
        assertTrue(server.calls("metrics/get-history").size() > 0, "sync checked the server's history before sending");
    }

    @Test
    void aFrozenServerThatAppliesALostRequestLaterStoresNoValueTwice() throws IOException {
        // The first metrics batch is held past the client's timeout and applied only afterwards,
        // whatever the client checked in between: SIGSTOP on a real server, then SIGCONT.
        server.faults = plan(Map.of("runs/log-batch", n -> n == 2 ? new FakeMlflowServer.Fault.StallBefore(2500) : null));
        Path runDir = record(info(null), List.of(tracker()), null);
        sleep(3000); // the held request is applied now
        server.faults = null;

        SyncReport report = syncTwiceAndCheck(runDir);
        assertEquals(0, report.duplicates(), report.notes().toString());
    }

    @Test
    void syncReportsDuplicatesItCannotRemove() throws IOException {
        Path runDir = record(info(null), List.of(tracker()), null);
        String id = server.runsTagged(RunFolder.at(runDir).read().info().runId()).get(0);
        RunEvent.Metric m = RunFolder.at(runDir).read().metrics().get(3);
        server.addMetric(id, m.key(), m.value(), m.timestampMs(), m.step()); // what an older client's blind resend left

        SyncReport report;
        try (MlflowRestTracker tracker = tracker()) {
            report = tracker.sync(RunFolder.at(runDir).events());
        }
        assertEquals(1, report.duplicates());
        assertTrue(report.notes().stream().anyMatch(n -> n.contains(m.key() + " at step " + m.step())), report.notes().toString());
        assertEquals(0, report.metrics(), "nothing resent");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aServerDownForTheWholeRunNeitherStopsNorSlowsItAndSyncUploadsEverything() throws IOException {
        server.stop();
        long start = System.nanoTime();
        MlflowRestTracker live = tracker();
        Path runDir;
        Map<String, String> failures;
        RunInfo info = info(null);
        try (RunRecorder recorder = new RunRecorder(new RunStore(tmp.resolve("runs")), List.of(live))) {
            recorder.start(info);
            recorder.param("p", "1");
            recorder.metric("loss", 0.5, 1);
            recorder.flush();
            recorder.finish(RunStatus.FINISHED, null);
            runDir = recorder.runDir();
            failures = recorder.trackerFailures();
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        assertTrue(seconds < 5, "the run took " + seconds + " s with the server down");
        assertFalse(failures.isEmpty(), "the tracker's failure is known");
        assertEquals(RunStatus.FINISHED, RunFolder.at(runDir).read().status(), "the run store has the whole run");
        server.restart();
        try (MlflowRestTracker tracker = tracker()) {
            SyncReport report = tracker.sync(RunFolder.at(runDir).events());
            assertTrue(report.created());
            assertEquals(1, report.params());
            assertEquals(1, report.metrics());
            assertTrue(report.statusUpdated());
        }
        try (MlflowRestTracker tracker = tracker()) {
            assertTrue(tracker.sync(RunFolder.at(runDir).events()).upToDate());
        }
        assertEquals(1, server.runsTagged(info.runId()).size());
    }

    @Test
    void aServerRestartedMidRunIsCaughtUpBySync() throws IOException {
        Path runDir = record(info(null), List.of(tracker()), server::stop);
        String id = server.runsTagged(RunFolder.at(runDir).read().info().runId()).get(0);
        int before = server.metrics(id).size();
        assertTrue(before > 0 && before < 61, "the live tracker got part of the run: " + before);

        server.restart();
        SyncReport report = syncTwiceAndCheck(runDir);
        assertFalse(report.created(), "the run the live tracker created is reused");
        assertEquals(61 - before, report.metrics(), "exactly the missing metric values are sent");
        assertEquals(2, report.artifacts(), "spec.yaml went up before the stop; the other two did not");
    }

    @Test
    void aRestartWithinTheRetryWindowLosesNothingLive() throws IOException {
        MlflowRestTracker.Resilience patient = new MlflowRestTracker.Resilience(Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), new Retry(8, Duration.ofMillis(100), Duration.ofMillis(400)));
        MlflowRestTracker live = new MlflowRestTracker(server.uri(), MlflowRestTracker.Credentials.NONE, patient);
        List<RunSink> trackers = List.of(live);
        Path runDir = record(info(null), trackers, () -> {
            server.stop();
            Thread restarter = new Thread(() -> {
                try {
                    Thread.sleep(400);
                    server.restart();
                } catch (InterruptedException | IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            restarter.start();
        });

        assertServerHasExactlyTheRun(runDir);
    }

    @Test
    void syncNestsPointsUnderTheirParentWhicheverOrderTheyAreNamed() throws IOException {
        server.stop();
        RunInfo parent = info(null);
        Path parentDir;
        try (RunRecorder recorder = new RunRecorder(new RunStore(tmp.resolve("runs")), List.of(tracker()))) {
            recorder.start(parent);
            parentDir = recorder.runDir();
            recorder.finish(RunStatus.FINISHED, null);
        }
        Path childDir = record(new RunInfo(TestRuns.newRunId(), "faults", "point 1/1", 1_700_000_000_001L, parent.runId(), "alice"),
                List.of(tracker()), null);
        server.restart();

        List<RunSummary> runs = new ArrayList<>(List.of(RunIndex.read(childDir).orElseThrow(), RunIndex.read(parentDir).orElseThrow()));
        try (MlflowRestTracker tracker = tracker()) {
            List<Syncer.Outcome> outcomes = new Syncer(tracker).sync(runs);
            assertEquals(parent.runId(), outcomes.get(0).run().runId(), "the parent goes first");
            outcomes.forEach(o -> assertEquals(null, o.error()));
        }
        String parentServerId = server.runsTagged(parent.runId()).get(0);
        String childServerId = server.runsTagged(RunFolder.at(childDir).read().info().runId()).get(0);
        assertEquals(parentServerId, server.tags(childServerId).get("mlflow.parentRunId"));
        assertServerHasExactlyTheRun(childDir);
    }

    @Test
    void withoutArtifactServingSyncSendsEverythingElseAndSaysWhy() throws IOException {
        server.stop();
        Path runDir = record(info(null), List.of(tracker()), null);
        server.restart();
        server.artifactUriFormat = "s3://bucket/%1$s/%2$s/artifacts";

        IOException e;
        try (MlflowRestTracker tracker = tracker()) {
            e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> tracker.sync(RunFolder.at(runDir).events()));
        }

        assertTrue(e.getMessage().contains("s3://bucket/") && e.getMessage().contains("artifact serving"), e.getMessage());
        assertTrue(e.getMessage().contains("params, tags, metrics and status were synced"), e.getMessage());
        String id = server.runsTagged(RunFolder.at(runDir).read().info().runId()).get(0);
        assertEquals(30, server.params(id).size());
        assertEquals(61, server.metrics(id).size());
        assertEquals("FINISHED", server.status(id));
    }

    @Test
    void aServerRunReadsBackWithEveryMetricValueAndItsSpec() throws IOException {
        Path runDir = record(info(null), List.of(tracker()), null);
        String id = server.runsTagged(RunFolder.at(runDir).read().info().runId()).get(0);

        try (MlflowRestTracker tracker = tracker()) {
            MlflowRestTracker.RemoteRun remote = tracker.fetch(id);
            assertEquals(RunFolder.at(runDir).read().params(), remote.params());
            assertEquals("sha256:abc", remote.tags().get("edgewise.spec_hash"));
            assertEquals(61, remote.metrics().size(), "the full history of every metric, not just the last values");
            assertEquals("name: faulty\ntopology: {nodes: 4}\n", new String(tracker.download(id, "spec.yaml"), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
