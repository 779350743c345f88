package dev.edgewise.engine.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecorderTest {

    @TempDir
    Path tmp;

    /** Records what it is given; throws on the n-th event (1-based), or never if n is 0. */
    private static class FlakySink implements RunSink {
        final List<RunEvent> received = new CopyOnWriteArrayList<>();
        final int failOn;
        volatile int calls;
        volatile boolean closed;

        FlakySink(int failOn) {
            this.failOn = failOn;
        }

        @Override
        public String name() {
            return "flaky tracker";
        }

        @Override
        public void accept(RunEvent event) throws IOException {
            calls++;
            if (calls == failOn) {
                throw new IOException("connection reset");
            }
            received.add(event);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static RunInfo info() {
        return new RunInfo(RunRecorder.newRunId(), "exp", "r", System.currentTimeMillis(), null, "alice");
    }

    @Test
    void failingTrackerIsDisabledAndTheRunCompletes() throws IOException {
        FlakySink flaky = new FlakySink(3);
        FlakySink healthy = new FlakySink(0);
        RunInfo info = info();
        Path runDir;
        try (RunRecorder recorder = new RunRecorder(new RunStore(tmp.resolve("runs")), List.of(flaky, healthy))) {
            recorder.start(info);
            runDir = recorder.runDir();
            recorder.param("lr", "0.1");
            recorder.metric("loss", 1.0, 0); // the flaky tracker's 3rd event: it throws
            for (int step = 1; step <= 20; step++) {
                recorder.metric("loss", 1.0 / step, step);
            }
            recorder.tag("phase", "done");
            recorder.finish(RunStatus.FINISHED, null);

            assertEquals(Map.of("flaky tracker", "connection reset"), recorder.trackerFailures());
        }
        assertEquals(3, flaky.calls, "disabled after its failure: no more calls");
        assertEquals(2, flaky.received.size());
        assertEquals(25, healthy.received.size(), "the other tracker got everything");
        assertInstanceOf(RunEvent.Finished.class, healthy.received.get(24));
        assertTrue(flaky.closed && healthy.closed, "trackers closed with the recorder");

        StoredRun stored = RunFolder.at(runDir).read();
        assertEquals(RunStatus.FINISHED, stored.status());
        assertEquals(21, stored.metrics().size());
        assertEquals("0.1", stored.params().get("lr"));
        assertEquals("done", stored.tags().get("phase"));
        assertEquals(25, RunFolder.at(runDir).events().size(), "the store has every event");
    }

    @Test
    void aTrackerThatCannotStoreArtifactsStillGetsParamsAndMetrics() throws IOException {
        FlakySink noArtifacts = new FlakySink(0) {
            @Override
            public void accept(RunEvent event) throws IOException {
                if (event instanceof RunEvent.Artifact) {
                    throw new IOException("server has no artifact serving");
                }
                super.accept(event);
            }
        };
        Path file = Files.writeString(tmp.resolve("spec.yaml"), "name: x\n");
        try (RunRecorder recorder = new RunRecorder(new RunStore(tmp.resolve("runs")), List.of(noArtifacts))) {
            recorder.start(info());
            recorder.artifact("spec.yaml", file);
            recorder.param("lr", "0.1");
            recorder.metric("loss", 0.5, 1);
            recorder.finish(RunStatus.FINISHED, null);

            assertEquals(Map.of(), recorder.trackerFailures(), "not dropped for an artifact");
        }
        assertEquals(4, noArtifacts.received.size(), "started, param, metric, finished");
        assertInstanceOf(RunEvent.Finished.class, noArtifacts.received.get(3));
    }

    @Test
    void aHangingTrackerDoesNotSlowTheRun() throws IOException, InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        RunSink hanging = new RunSink() {
            @Override
            public String name() {
                return "hanging tracker";
            }

            @Override
            public void accept(RunEvent event) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        long t0 = System.nanoTime();
        try (RunRecorder recorder = new RunRecorder(new RunStore(tmp), List.of(hanging), Duration.ofMillis(200), 1000)) {
            recorder.start(info());
            for (int i = 0; i < 500; i++) {
                recorder.metric("loss", i, i);
            }
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "emits never wait for the tracker");
            recorder.finish(RunStatus.FINISHED, null);
            assertTrue(recorder.trackerFailures().get("hanging tracker").contains("did not catch up"),
                    recorder.trackerFailures().toString());
        } finally {
            release.countDown();
        }
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void aTrackerThatFallsTooFarBehindIsDropped() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        RunSink slow = new RunSink() {
            @Override
            public String name() {
                return "slow tracker";
            }

            @Override
            public void accept(RunEvent event) throws IOException {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
        };
        try (RunRecorder recorder = new RunRecorder(new RunStore(tmp), List.of(slow), Duration.ofSeconds(5), 10)) {
            recorder.start(info());
            for (int i = 0; i < 50; i++) {
                recorder.metric("loss", i, i);
            }
            assertTrue(recorder.trackerFailures().get("slow tracker").contains("fell behind"));
            release.countDown();
            recorder.finish(RunStatus.FINISHED, null);
        }
    }

    @Test
    void storeFailureReachesTheEngineAndTrackersSeeNothingOfIt() throws IOException {
        FlakySink tracker = new FlakySink(0);
        try (RunRecorder recorder = new RunRecorder(new RunStore(tmp), List.of(tracker))) {
            recorder.start(info());
            recorder.param("lr", "0.1");
            recorder.param("lr", "0.1"); // no-op, not forwarded
            assertThrows(IllegalStateException.class, () -> recorder.param("lr", "0.2"));
            assertThrows(IllegalArgumentException.class, () -> recorder.artifact("../x", tmp.resolve("x")));
            recorder.finish(RunStatus.FINISHED, null);
        }
        assertEquals(3, tracker.received.size(), "Started, one Param, Finished");
    }

    @Test
    void trackersGetTheStoredCopyOfArtifacts() throws IOException {
        FlakySink tracker = new FlakySink(0);
        Path source = Files.writeString(tmp.resolve("plot.png"), "png");
        try (RunRecorder recorder = new RunRecorder(new RunStore(tmp.resolve("runs")), List.of(tracker))) {
            recorder.start(info());
            recorder.artifact("plots/plot.png", source);
            Files.delete(source); // allowed once artifact() returns
            recorder.finish(RunStatus.FINISHED, null);
            RunEvent.Artifact a = (RunEvent.Artifact) tracker.received.get(1);
            assertEquals(recorder.runDir().resolve("artifacts/plots/plot.png"), a.file());
            assertEquals("png", Files.readString(a.file()));
        }
    }

    @Test
    void closingAnUnfinishedRunMarksItKilled() throws IOException {
        Path runDir;
        try (RunRecorder recorder = new RunRecorder(new RunStore(tmp), List.of())) {
            recorder.start(info());
            runDir = recorder.runDir();
            recorder.params(Map.of("b", 2, "a", 1.5));
        }
        StoredRun stored = RunFolder.at(runDir).read();
        assertEquals(RunStatus.KILLED, stored.status());
        assertEquals(Map.of("a", "1.5", "b", "2"), stored.params());
    }

    @Test
    void endToEndIntoTheRunStoreAFileStoreAndAServer() throws IOException {
        try (FakeMlflowServer server = new FakeMlflowServer()) {
            RunInfo info = info();
            MlflowFileStore fileStore = new MlflowFileStore(tmp.resolve("mlruns"));
            MlflowRestTracker rest = new MlflowRestTracker(server.uri());
            try (RunRecorder recorder = new RunRecorder(new RunStore(tmp.resolve("runs")), List.of(fileStore, rest))) {
                recorder.start(info);
                recorder.params(Map.of("lr", 0.1, "nodes", 8));
                for (int epoch = 0; epoch < 3; epoch++) {
                    recorder.metric("loss", 1.0 / (epoch + 1), epoch);
                    recorder.flush();
                }
                recorder.finish(RunStatus.FINISHED, null);
                assertTrue(recorder.trackerFailures().isEmpty(), recorder.trackerFailures().toString());
            }
            assertEquals("FINISHED", server.calls("runs/update").get(0).json().get("status").asText());
            int metrics = server.calls("runs/log-batch").stream().mapToInt(r -> r.json().path("metrics").size()).sum();
            assertEquals(3, metrics);
            try (var dirs = Files.find(tmp.resolve("mlruns"), 3, (p, a) -> p.getFileName().toString().equals(info.runId()))) {
                Path runDir = dirs.findFirst().orElseThrow();
                assertEquals(3, Files.readAllLines(runDir.resolve("metrics/loss")).size());
                assertEquals("8", Files.readString(runDir.resolve("params/nodes")));
            }
            assertEquals(7, RunFolder.at(tmp.resolve("runs").resolve("exp").resolve(info.runId())).events().size());
        }
    }

    @Test
    void newRunIdsAreMlflowShaped() {
        String id = RunRecorder.newRunId();
        assertTrue(id.matches("[0-9a-f]{32}"), id);
        assertFalse(id.equals(RunRecorder.newRunId()));
    }
}
