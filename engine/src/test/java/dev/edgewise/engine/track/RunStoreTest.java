package dev.edgewise.engine.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static RunInfo info(String experiment) {
        return new RunInfo(TestRuns.newRunId(), experiment, "run-a", 1_700_000_000_000L, null, "alice");
    }

    @Test
    void eventsRoundTripThroughReadEvents() throws IOException {
        RunStore store = new RunStore(tmp.resolve("runs"));
        RunInfo info = new RunInfo(TestRuns.newRunId(), "mnist fedavg", "r1", 1000L, TestRuns.newRunId(), "bob");
        Path source = Files.writeString(tmp.resolve("spec.yaml"), "nodes: 8\n");
        List<RunEvent> sent = List.of(
                new RunEvent.Started(info),
                new RunEvent.Param("lr", "0.1"),
                new RunEvent.Tag("phase", "train"),
                new RunEvent.Metric("loss", 0.25, 1, 1001L),
                new RunEvent.Metric("loss", Double.NaN, 2, 1002L),
                new RunEvent.Metric("acc", Double.POSITIVE_INFINITY, 2, 1003L),
                new RunEvent.Artifact("spec/spec.yaml", source),
                new RunEvent.Finished(RunStatus.FAILED, 2000L, "diverged"));
        for (RunEvent e : sent) {
            store.accept(e);
        }
        Path runDir = tmp.resolve("runs").resolve("mnist_fedavg").resolve(info.runId());
        assertTrue(Files.isDirectory(runDir), "run folder under the sanitized experiment name");

        Files.delete(source); // the store's copy must be what the events point at
        List<RunEvent> read = RunFolder.at(runDir).events();
        assertEquals(sent.size(), read.size());
        for (int i = 0; i < sent.size(); i++) {
            if (sent.get(i) instanceof RunEvent.Artifact a) {
                RunEvent.Artifact back = (RunEvent.Artifact) read.get(i);
                assertEquals(a.path(), back.path());
                assertEquals(runDir.resolve("artifacts/spec/spec.yaml"), back.file());
                assertEquals("nodes: 8\n", Files.readString(back.file()));
            } else {
                assertEquals(sent.get(i), read.get(i));
            }
        }
        assertEquals(sent.size(), Files.readAllLines(runDir.resolve("events.jsonl")).size(), "one line per event");
    }

    @Test
    void runJsonGoesFromRunningToFinished() throws IOException {
        RunStore store = new RunStore(tmp);
        RunInfo info = info("exp");
        store.accept(new RunEvent.Started(info));
        Path runDir = store.runDir();
        JsonNode running = JSON.readTree(runDir.resolve("run.json").toFile());
        assertEquals("RUNNING", running.get("status").asText());
        assertEquals(info.runId(), running.get("runId").asText());
        assertEquals("exp", running.get("experimentName").asText());
        assertEquals(1_700_000_000_000L, running.get("startTimeMs").asLong());
        assertTrue(running.get("endTimeMs").isNull());
        assertEquals(RunStatus.RUNNING, RunFolder.at(runDir).read().status());

        store.accept(new RunEvent.Finished(RunStatus.FINISHED, 1_700_000_005_000L, null));
        JsonNode done = JSON.readTree(runDir.resolve("run.json").toFile());
        assertEquals("FINISHED", done.get("status").asText());
        assertEquals(1_700_000_005_000L, done.get("endTimeMs").asLong());
        assertTrue(done.get("error").isNull());
        try (var files = Files.list(runDir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left");
        }
        StoredRun stored = RunFolder.at(runDir).read();
        assertEquals(RunStatus.FINISHED, stored.status());
        assertEquals(1_700_000_005_000L, stored.endTimeMs());
        assertEquals(info, stored.info());
    }

    @Test
    void failedRunKeepsItsError() throws IOException {
        RunStore store = new RunStore(tmp);
        store.accept(new RunEvent.Started(info("exp")));
        Path runDir = store.runDir();
        store.accept(new RunEvent.Finished(RunStatus.FAILED, 5L, "out of memory"));
        assertEquals("out of memory", JSON.readTree(runDir.resolve("run.json").toFile()).get("error").asText());
        assertEquals("out of memory", RunFolder.at(runDir).read().error());
    }

    @Test
    void paramKeysAreUniquePerRun() throws IOException {
        RunStore store = new RunStore(tmp);
        store.accept(new RunEvent.Started(info("exp")));
        Path runDir = store.runDir();
        assertTrue(store.append(new RunEvent.Param("lr", "0.1")).isPresent());
        assertEquals(Optional.empty(), store.append(new RunEvent.Param("lr", "0.1")), "same value is a no-op");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> store.accept(new RunEvent.Param("lr", "0.2")));
        assertTrue(e.getMessage().contains("'lr'"), e.getMessage());
        store.accept(new RunEvent.Finished(RunStatus.FINISHED, 9L, null));

        long paramLines = Files.readAllLines(runDir.resolve("events.jsonl")).stream()
                .filter(l -> l.contains("\"Param\"")).count();
        assertEquals(1, paramLines, "the repeated param is not recorded twice");
        JsonNode params = JSON.readTree(runDir.resolve("params.json").toFile());
        assertEquals("0.1", params.get("lr").asText());
        assertEquals(1, params.size());
    }

    @Test
    void paramsAndTagsJsonAreSortedMaps() throws IOException {
        RunStore store = new RunStore(tmp);
        store.accept(new RunEvent.Started(info("exp")));
        Path runDir = store.runDir();
        store.accept(new RunEvent.Param("zeta", "1"));
        store.accept(new RunEvent.Param("alpha", "2"));
        store.accept(new RunEvent.Tag("b", "x"));
        store.accept(new RunEvent.Tag("a", "y"));
        store.accept(new RunEvent.Tag("b", "z"));
        store.flush();
        List<String> keys = fieldNames(JSON.readTree(runDir.resolve("params.json").toFile()));
        assertEquals(List.of("alpha", "zeta"), keys);
        JsonNode tags = JSON.readTree(runDir.resolve("tags.json").toFile());
        assertEquals(List.of("a", "b"), fieldNames(tags));
        assertEquals("z", tags.get("b").asText(), "last tag value wins");
    }

    @Test
    void artifactPathTraversalIsRejected() throws IOException {
        RunStore store = new RunStore(tmp.resolve("runs"));
        store.accept(new RunEvent.Started(info("exp")));
        Path file = Files.writeString(tmp.resolve("x.txt"), "x");
        for (String bad : List.of("../escape.txt", "a/../../escape.txt", "/etc/passwd", "", "a//b", "./a", "C:/x", "a\\b")) {
            assertThrows(IllegalArgumentException.class, () -> store.accept(new RunEvent.Artifact(bad, file)),
                    "should reject '" + bad + "'");
        }
        assertFalse(Files.exists(tmp.resolve("runs").resolve("escape.txt")));
        assertFalse(Files.exists(tmp.resolve("escape.txt")));
        store.accept(new RunEvent.Artifact("ok/x.txt", file));
        assertEquals("x", Files.readString(store.runDir().resolve("artifacts/ok/x.txt")));
    }

    @Test
    void metricsCsvHasOneRowPerMetricEvent() throws IOException {
        RunStore store = new RunStore(tmp);
        store.accept(new RunEvent.Started(info("exp")));
        Path runDir = store.runDir();
        store.accept(new RunEvent.Metric("loss", 0.5, 0, 100L));
        store.accept(new RunEvent.Metric("loss", 0.25, 1, 200L));
        store.accept(new RunEvent.Metric("weird,key", 1.0, 1, 300L));
        // Flushed as they arrive: readable before the run ends.
        List<String> lines = Files.readAllLines(runDir.resolve("metrics.csv"), StandardCharsets.UTF_8);
        assertEquals(List.of("key,step,timestamp,value", "loss,0,100,0.5", "loss,1,200,0.25", "\"weird,key\",1,300,1.0"),
                lines);
        store.accept(new RunEvent.Finished(RunStatus.FINISHED, 400L, null));
        StoredRun stored = RunFolder.at(runDir).read();
        assertEquals(3, stored.metrics().size());
        assertEquals(new RunEvent.Metric("loss", 0.25, 1, 200L), stored.metrics().get(1));
    }

    @Test
    void readToleratesALastLineCutShortByACrash() throws IOException {
        RunStore store = new RunStore(tmp);
        store.accept(new RunEvent.Started(info("exp")));
        Path runDir = store.runDir();
        store.accept(new RunEvent.Param("lr", "0.1"));
        store.close(); // process "dies" without Finished
        Files.writeString(runDir.resolve("events.jsonl"), "{\"type\":\"Metric\",\"key\":\"lo",
                StandardOpenOption.APPEND);
        StoredRun stored = RunFolder.at(runDir).read();
        assertEquals(RunStatus.RUNNING, stored.status());
        assertEquals("0.1", stored.params().get("lr"));
    }

    @Test
    void eventsOutOfOrderAreRejected() throws IOException {
        RunStore store = new RunStore(tmp);
        assertThrows(IllegalStateException.class, () -> store.accept(new RunEvent.Param("a", "b")));
        RunInfo info = info("exp");
        store.accept(new RunEvent.Started(info));
        assertThrows(IllegalStateException.class, () -> store.accept(new RunEvent.Started(info("exp"))));
        store.accept(new RunEvent.Finished(RunStatus.FINISHED, 1L, null));
        // The same run id again would overwrite a record: refused.
        assertThrows(IOException.class, () -> store.accept(new RunEvent.Started(info)));
    }

    @Test
    void experimentFolderNamesAreSafe() {
        assertEquals("mnist_fedavg", RunStoreLayout.experimentFolder("mnist fedavg"));
        assertEquals("a_b_c", RunStoreLayout.experimentFolder("a/b\\c"));
        assertEquals("_..", RunStoreLayout.experimentFolder(".."));
        assertEquals("_", RunStoreLayout.experimentFolder(""));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
