package dev.edgewise.engine.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlflowRestTrackerTest {

    private static final long START = 1_700_000_000_000L;

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

    private static RunInfo info(String experiment, String parent) {
        return new RunInfo(TestRuns.newRunId(), experiment, "fedavg-8", START, parent, "alice");
    }

    /** Map of key -> value for the "tags" (or "params") array of a request body. */
    private static Map<String, String> entries(JsonNode array) {
        Map<String, String> out = new HashMap<>();
        array.forEach(e -> assertEquals(null, out.put(e.get("key").asText(), e.get("value").asText()),
                "duplicate key " + e.get("key")));
        return out;
    }

    @Test
    void logsAWholeRunThroughTheRestApi() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3};
        Path plot = Files.write(tmp.resolve("loss.png"), png);
        RunInfo info = info("mnist-fedavg", null);
        try (MlflowRestTracker tracker = new MlflowRestTracker(server.uri() + "/")) {
            tracker.accept(new RunEvent.Started(info));
            for (int i = 0; i < 150; i++) {
                tracker.accept(new RunEvent.Param("p" + i, "v" + i));
            }
            tracker.accept(new RunEvent.Tag("phase", "train"));
            tracker.accept(new RunEvent.Tag("phase", "eval")); // last value wins
            for (int step = 0; step < 2500; step++) {
                tracker.accept(new RunEvent.Metric("loss", 1.0 / (step + 1), step, START + step));
            }
            tracker.accept(new RunEvent.Artifact("plots/loss.png", plot));
            tracker.accept(new RunEvent.Finished(RunStatus.FINISHED, START + 9999, null));

            String serverRunId = tracker.serverRunId(info.runId()).orElseThrow();
            assertNotEquals(info.runId(), serverRunId);

            // Experiment: looked up by name (404), then created once.
            List<FakeMlflowServer.Request> lookups = server.calls("experiments/get-by-name");
            assertEquals(1, lookups.size());
            assertEquals("experiment_name=mnist-fedavg", lookups.get(0).query());
            List<FakeMlflowServer.Request> creates = server.calls("experiments/create");
            assertEquals(1, creates.size());
            assertEquals("mnist-fedavg", creates.get(0).json().get("name").asText());
            String expId = "1";

            // Run: created with our start time, name, user and tags.
            List<FakeMlflowServer.Request> runCreates = server.calls("runs/create");
            assertEquals(1, runCreates.size());
            JsonNode create = runCreates.get(0).json();
            assertEquals(expId, create.get("experiment_id").asText());
            assertEquals(START, create.get("start_time").asLong());
            assertEquals("fedavg-8", create.get("run_name").asText());
            assertEquals("alice", create.get("user_id").asText());
            Map<String, String> createTags = entries(create.get("tags"));
            assertEquals("fedavg-8", createTags.get("mlflow.runName"));
            assertEquals("alice", createTags.get("mlflow.user"));
            assertEquals(info.runId(), createTags.get("edgewise.run_id"));
            assertFalse(createTags.containsKey("mlflow.parentRunId"));

            // Batches: within the server limits, every entity exactly once.
            List<FakeMlflowServer.Request> batches = server.calls("runs/log-batch");
            assertTrue(batches.size() >= 3, "2,500 metrics need at least 3 requests, got " + batches.size());
            Map<String, String> params = new HashMap<>();
            Map<String, String> tags = new HashMap<>();
            Set<Long> steps = new HashSet<>();
            int metricCount = 0;
            for (FakeMlflowServer.Request batch : batches) {
                JsonNode b = batch.json();
                assertEquals(serverRunId, b.get("run_id").asText());
                int m = b.path("metrics").size();
                int pt = b.path("params").size() + b.path("tags").size();
                assertTrue(m <= 1000, "metrics per batch " + m);
                assertTrue(pt <= 100, "params+tags per batch " + pt);
                assertTrue(m + pt <= 1000, "entities per batch " + (m + pt));
                entries(b.path("params")).forEach((k, v) -> assertEquals(null, params.put(k, v), "param twice: " + k));
                entries(b.path("tags")).forEach((k, v) -> assertEquals(null, tags.put(k, v), "tag twice: " + k));
                for (JsonNode metric : b.path("metrics")) {
                    assertEquals("loss", metric.get("key").asText());
                    long step = metric.get("step").asLong();
                    assertTrue(steps.add(step), "metric step twice: " + step);
                    assertEquals(START + step, metric.get("timestamp").asLong());
                    assertEquals(1.0 / (step + 1), metric.get("value").asDouble(), 0.0);
                    metricCount++;
                }
            }
            assertEquals(150, params.size());
            assertEquals("v149", params.get("p149"));
            assertEquals(Map.of("phase", "eval"), tags);
            assertEquals(2500, metricCount);

            // Artifact: the bytes, at the proxy URL for this run.
            String artifactPath = FakeMlflowServer.ARTIFACTS + expId + "/" + serverRunId + "/artifacts/plots/loss.png";
            assertArrayEquals(png, server.uploads.get(artifactPath), "uploads: " + server.uploads.keySet());
            assertEquals(1, server.calls("runs/get").size(), "artifact_uri read once");

            // End: terminated FINISHED with our end time, after all batches.
            List<FakeMlflowServer.Request> updates = server.calls("runs/update");
            assertEquals(1, updates.size());
            JsonNode update = updates.get(0).json();
            assertEquals(serverRunId, update.get("run_id").asText());
            assertEquals("FINISHED", update.get("status").asText());
            assertEquals(START + 9999, update.get("end_time").asLong());
            FakeMlflowServer.Request last = server.requests.get(server.requests.size() - 1);
            assertEquals("runs/update", last.endpoint());
        }
    }

    @Test
    void flushSendsWhatIsBufferedAndNothingTwice() throws IOException {
        try (MlflowRestTracker tracker = new MlflowRestTracker(server.uri())) {
            tracker.accept(new RunEvent.Started(info("exp", null)));
            tracker.accept(new RunEvent.Metric("acc", 0.5, 1, START));
            assertEquals(0, server.calls("runs/log-batch").size(), "buffered until flush");
            tracker.flush();
            assertEquals(1, server.calls("runs/log-batch").size());
            tracker.flush();
            assertEquals(1, server.calls("runs/log-batch").size(), "empty flush sends nothing");
            tracker.accept(new RunEvent.Finished(RunStatus.FAILED, START + 1, "boom"));
            assertEquals("FAILED", server.calls("runs/update").get(0).json().get("status").asText());
        }
    }

    @Test
    void secondRunReusesTheExperimentAndNestsUnderItsParent() throws IOException {
        RunInfo parent = info("sweep", null);
        try (MlflowRestTracker parentTracker = new MlflowRestTracker(server.uri());
             MlflowRestTracker childTracker = new MlflowRestTracker(server.uri())) {
            parentTracker.accept(new RunEvent.Started(parent));
            RunInfo child = info("sweep", parent.runId());
            childTracker.accept(new RunEvent.Started(child));
            childTracker.accept(new RunEvent.Finished(RunStatus.FINISHED, START + 1, null));
            parentTracker.accept(new RunEvent.Finished(RunStatus.FINISHED, START + 2, null));

            assertEquals(1, server.calls("experiments/create").size(), "experiment created once");
            JsonNode childCreate = server.calls("runs/create").get(1).json();
            assertEquals(parentTracker.serverRunId(parent.runId()).orElseThrow(),
                    entries(childCreate.get("tags")).get("mlflow.parentRunId"));
            assertEquals(0, server.calls("runs/search").size(), "parent known in this JVM");
        }
    }

    @Test
    void experimentNamesSurviveTheLookupQuery() throws IOException {
        String name = "fed avg+ü/1";
        for (int i = 0; i < 2; i++) {
            try (MlflowRestTracker tracker = new MlflowRestTracker(server.uri())) {
                tracker.accept(new RunEvent.Started(info(name, null)));
                tracker.accept(new RunEvent.Finished(RunStatus.FINISHED, START + 1, null));
            }
        }
        assertEquals(1, server.calls("experiments/create").size());
        assertEquals(name, server.calls("experiments/create").get(0).json().get("name").asText());
        assertEquals(2, server.calls("experiments/get-by-name").size());
    }

    @Test
    void parentLoggedByAnotherProcessIsFoundByTag() throws IOException {
        String parentOurId = TestRuns.newRunId();
        String parentServerId = server.seedRun("sweep", Map.of("edgewise.run_id", parentOurId));
        try (MlflowRestTracker tracker = new MlflowRestTracker(server.uri())) {
            tracker.accept(new RunEvent.Started(info("sweep", parentOurId)));
            assertEquals(1, server.calls("runs/search").size());
            JsonNode create = server.calls("runs/create").get(0).json();
            assertEquals(parentServerId, entries(create.get("tags")).get("mlflow.parentRunId"));
            assertEquals(parentServerId, tracker.serverRunId(parentOurId).orElseThrow());
        }
    }

    @Test
    void artifactUriWithHostUploadsToThatHost() throws IOException {
        server.artifactUriFormat = "mlflow-artifacts://%3$s/%1$s/%2$s/artifacts";
        Path file = Files.writeString(tmp.resolve("spec.yaml"), "nodes: 8\n");
        RunInfo info = info("exp", null);
        try (MlflowRestTracker tracker = new MlflowRestTracker(server.uri())) {
            tracker.accept(new RunEvent.Started(info));
            tracker.accept(new RunEvent.Artifact("spec.yaml", file));
            String id = tracker.serverRunId(info.runId()).orElseThrow();
            assertEquals("nodes: 8\n", new String(server.uploads.get(FakeMlflowServer.ARTIFACTS + "1/" + id
                    + "/artifacts/spec.yaml")));
        }
    }

    @Test
    void artifactStoreWithoutProxyFailsNamingTheLimitation() throws IOException {
        server.artifactUriFormat = "s3://bucket/%1$s/%2$s/artifacts";
        Path file = Files.writeString(tmp.resolve("spec.yaml"), "x");
        try (MlflowRestTracker tracker = new MlflowRestTracker(server.uri())) {
            tracker.accept(new RunEvent.Started(info("exp", null)));
            IOException e = assertThrows(IOException.class, () -> tracker.accept(new RunEvent.Artifact("spec.yaml", file)));
            assertTrue(e.getMessage().contains("s3://bucket/"), e.getMessage());
            assertTrue(e.getMessage().contains("artifact serving"), e.getMessage());
        }
    }

    @Test
    void serverErrorsSurfaceAsIOException() throws IOException {
        server.failLogBatch = true;
        try (MlflowRestTracker tracker = new MlflowRestTracker(server.uri())) {
            tracker.accept(new RunEvent.Started(info("exp", null)));
            tracker.accept(new RunEvent.Param("lr", "0.1"));
            IOException e = assertThrows(IOException.class, tracker::flush);
            assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
            assertTrue(e.getMessage().contains(server.uri()), e.getMessage());
        }
    }

    @Test
    void unreachableServerSurfacesAsIOException() throws IOException {
        server.close();
        try (MlflowRestTracker tracker = new MlflowRestTracker(server.uri(), MlflowRestTracker.Credentials.NONE,
                MlflowFaultInjectionTest.FAST)) {
            assertThrows(IOException.class, () -> tracker.accept(new RunEvent.Started(info("exp", null))));
        }
    }

    @Test
    void artifactUploadUrls() throws IOException {
        assertEquals(URI.create("http://h:5000/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/plots/loss.png"),
                MlflowArtifacts.artifactUploadUri("http://h:5000", "mlflow-artifacts:/1/abc/artifacts", "plots/loss.png"));
        assertEquals(URI.create("https://other:6000/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/a.txt"),
                MlflowArtifacts.artifactUploadUri("https://h:5000", "mlflow-artifacts://other:6000/1/abc/artifacts", "a.txt"));
        assertEquals(URI.create("http://h/mlflow/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/a%20b.txt"),
                MlflowArtifacts.artifactUploadUri("http://h/mlflow", "mlflow-artifacts:/1/abc/artifacts", "a b.txt"));
        assertThrows(IllegalArgumentException.class,
                () -> MlflowArtifacts.artifactUploadUri("http://h", "mlflow-artifacts:/1/abc/artifacts", "../x"));
        assertThrows(IOException.class,
                () -> MlflowArtifacts.artifactUploadUri("http://h", "file:///srv/mlruns/1/abc/artifacts", "x"));
    }

    @Test
    void credentialsNeverPrintSecrets() {
        MlflowRestTracker.Credentials c = MlflowRestTracker.Credentials.fromEnvironment(
                Map.of("MLFLOW_TRACKING_USERNAME", "u", "MLFLOW_TRACKING_PASSWORD", "hunter2"));
        assertFalse(c.toString().contains("hunter2"));
        assertEquals("Basic dTpodW50ZXIy", c.authorizationHeader().orElseThrow());
        assertEquals("Bearer t", MlflowRestTracker.Credentials.fromEnvironment(Map.of("MLFLOW_TRACKING_TOKEN", "t"))
                .authorizationHeader().orElseThrow());
    }
}
