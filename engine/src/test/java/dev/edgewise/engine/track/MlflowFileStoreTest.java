package dev.edgewise.engine.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlflowFileStoreTest {

    private static final long START = 1_700_000_000_000L;

    @TempDir
    Path tmp;

    private Path mlruns() {
        return tmp.resolve("mlruns");
    }

    /** A run with params, tags, metrics at several steps, a nested key, an artifact, then Finished. */
    private RunInfo logFullRun(MlflowFileStore store, String experiment, String parentRunId) throws IOException {
        RunInfo info = new RunInfo(TestRuns.newRunId(), experiment, "fedavg-8", START, parentRunId, "alice");
        Path plot = Files.writeString(tmp.resolve("loss.png"), "PNG bytes");
        store.accept(new RunEvent.Started(info));
        store.accept(new RunEvent.Param("lr", "0.05"));
        store.accept(new RunEvent.Param("model/hidden", "128"));
        store.accept(new RunEvent.Tag("phase", "train"));
        store.accept(new RunEvent.Metric("loss", 2.5, 0, START + 10));
        store.accept(new RunEvent.Metric("loss", 1.25, 1, START + 20));
        store.accept(new RunEvent.Metric("loss", 0.00001, 2, START + 30));
        store.accept(new RunEvent.Metric("a/b", 3.0, 5, START + 40));
        store.accept(new RunEvent.Artifact("plots/loss.png", plot));
        store.accept(new RunEvent.Finished(RunStatus.FINISHED, START + 1000, null));
        return info;
    }

    private Path onlyExperimentDir(String notId) throws IOException {
        try (Stream<Path> dirs = Files.list(mlruns())) {
            List<Path> found = dirs.filter(Files::isDirectory)
                    .filter(d -> !d.getFileName().toString().equals(notId))
                    .filter(d -> !d.getFileName().toString().startsWith("."))
                    .toList();
            assertEquals(1, found.size(), "one experiment besides " + notId + ": " + found);
            return found.get(0);
        }
    }

    @Test
    void writesMlflowFileStoreLayout() throws IOException {
        MlflowFileStore store = new MlflowFileStore(mlruns());
        RunInfo info = logFullRun(store, "mnist-fedavg", null);

        // Experiment 0 "Default" always exists.
        Map<String, Object> defaultMeta = MlflowFileStore.readYaml(mlruns().resolve("0/meta.yaml"));
        assertEquals("Default", defaultMeta.get("name"));
        assertEquals("0", defaultMeta.get("experiment_id"));
        assertTrue(Files.readString(mlruns().resolve("0/meta.yaml")).contains("experiment_id: '0'\n"));
        assertTrue(Files.isDirectory(mlruns().resolve(".trash")));

        // Our experiment: a quoted 18-digit id, as MLflow writes it.
        Path expDir = onlyExperimentDir("0");
        String expId = expDir.getFileName().toString();
        assertTrue(expId.matches("[1-9][0-9]{17}"), expId);
        String expYaml = Files.readString(expDir.resolve("meta.yaml"));
        assertEquals(List.of(
                "artifact_location: " + MlflowFileStore.fileUri(expDir),
                "creation_time: " + MlflowFileStore.readYaml(expDir.resolve("meta.yaml")).get("creation_time"),
                "experiment_id: '" + expId + "'",
                "last_update_time: " + MlflowFileStore.readYaml(expDir.resolve("meta.yaml")).get("last_update_time"),
                "lifecycle_stage: active",
                "name: mnist-fedavg"), expYaml.lines().toList());
        assertTrue(expYaml.startsWith("artifact_location: file:///"), expYaml);

        // The run's meta.yaml: every field MLflow writes, sorted, in MLflow's quoting.
        Path runDir = expDir.resolve(info.runId());
        Map<String, Object> meta = MlflowFileStore.readYaml(runDir.resolve("meta.yaml"));
        assertEquals(3, meta.get("status"));
        assertEquals(info.runId(), meta.get("run_id"));
        assertEquals(info.runId(), meta.get("run_uuid"));
        assertEquals(START, ((Number) meta.get("start_time")).longValue());
        assertEquals(START + 1000, ((Number) meta.get("end_time")).longValue());
        assertEquals(expId, meta.get("experiment_id"));
        assertEquals("fedavg-8", meta.get("run_name"));
        assertEquals("alice", meta.get("user_id"));
        assertEquals("active", meta.get("lifecycle_stage"));
        assertEquals(4, meta.get("source_type"));
        assertEquals(List.of(), meta.get("tags"));
        String artifactUri = (String) meta.get("artifact_uri");
        assertTrue(artifactUri.startsWith("file:///"), artifactUri);
        assertTrue(artifactUri.endsWith("/" + info.runId() + "/artifacts"), artifactUri);
        assertEquals(List.of(
                "artifact_uri: " + artifactUri,
                "end_time: " + (START + 1000),
                "entry_point_name: ''",
                "experiment_id: '" + expId + "'",
                "lifecycle_stage: active",
                "run_id: " + info.runId(),
                "run_name: fedavg-8",
                "run_uuid: " + info.runId(),
                "source_name: ''",
                "source_type: 4",
                "source_version: ''",
                "start_time: " + START,
                "status: 3",
                "tags: []",
                "user_id: alice"), Files.readString(runDir.resolve("meta.yaml")).lines().toList());

        // Metrics: "<ts> <value> <step>" lines in logged order, values as Python prints floats.
        assertEquals(List.of(
                (START + 10) + " 2.5 0",
                (START + 20) + " 1.25 1",
                (START + 30) + " 1e-05 2"), Files.readAllLines(runDir.resolve("metrics/loss")));
        assertEquals(List.of((START + 40) + " 3.0 5"), Files.readAllLines(runDir.resolve("metrics/a/b")));

        // Params and tags: raw values, no trailing newline; '/' in a key is a folder.
        assertEquals("0.05", Files.readString(runDir.resolve("params/lr")));
        assertEquals("128", Files.readString(runDir.resolve("params/model/hidden")));
        assertEquals("train", Files.readString(runDir.resolve("tags/phase")));
        assertEquals("fedavg-8", Files.readString(runDir.resolve("tags/mlflow.runName")));
        assertEquals("alice", Files.readString(runDir.resolve("tags/mlflow.user")));
        assertFalse(Files.exists(runDir.resolve("tags/mlflow.parentRunId")));

        assertEquals("PNG bytes", Files.readString(runDir.resolve("artifacts/plots/loss.png"), StandardCharsets.UTF_8));
    }

    @Test
    void runningRunHasNullEndTimeAndStatusOne() throws IOException {
        MlflowFileStore store = new MlflowFileStore(mlruns());
        RunInfo info = new RunInfo(TestRuns.newRunId(), "exp", "r", START, null, null);
        store.accept(new RunEvent.Started(info));
        String yaml = Files.readString(store.runDir().resolve("meta.yaml"));
        assertTrue(yaml.contains("end_time: null\n"), yaml);
        assertTrue(yaml.contains("status: 1\n"), yaml);
        assertTrue(yaml.contains("user_id: unknown\n"), yaml);
        Path runDir = store.runDir();
        store.accept(new RunEvent.Finished(RunStatus.KILLED, START + 5, "stopped"));
        assertEquals(5, MlflowFileStore.readYaml(runDir.resolve("meta.yaml")).get("status"));
    }

    @Test
    void nestedRunCarriesParentTag() throws IOException {
        MlflowFileStore store = new MlflowFileStore(mlruns());
        RunInfo parent = logFullRun(store, "sweep", null);
        RunInfo child = logFullRun(new MlflowFileStore(mlruns()), "sweep", parent.runId());
        Path expDir = onlyExperimentDir("0");
        assertEquals(parent.runId(), Files.readString(expDir.resolve(child.runId()).resolve("tags/mlflow.parentRunId")));
    }

    @Test
    void runsOfOneExperimentShareItsId() throws IOException {
        MlflowFileStore first = new MlflowFileStore(mlruns());
        RunInfo a = logFullRun(first, "shared", null);
        // A new instance (a later process) must find the experiment by scanning meta.yaml files.
        RunInfo b = logFullRun(new MlflowFileStore(mlruns()), "shared", null);
        Path expDir = onlyExperimentDir("0");
        assertTrue(Files.isDirectory(expDir.resolve(a.runId())));
        assertTrue(Files.isDirectory(expDir.resolve(b.runId())));

        logFullRun(first, "other", null);
        try (Stream<Path> dirs = Files.list(mlruns())) {
            assertEquals(3, dirs.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith(".")).count(),
                    "0, shared and other");
        }
    }

    @Test
    void defaultExperimentNameReusesExperimentZero() throws IOException {
        MlflowFileStore store = new MlflowFileStore(mlruns());
        RunInfo info = logFullRun(store, "Default", null);
        assertTrue(Files.isDirectory(mlruns().resolve("0").resolve(info.runId())));
    }

    @Test
    void invalidKeysAreRejectedClearly() throws IOException {
        MlflowFileStore store = new MlflowFileStore(mlruns());
        store.accept(new RunEvent.Started(new RunInfo(TestRuns.newRunId(), "exp", "r", START, null, null)));
        for (String bad : List.of("../x", "/abs", "a//b", "a/./b", "bad:colon", "", "trailing/", "..hidden")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> store.accept(new RunEvent.Param(bad, "v")), bad);
            assertTrue(e.getMessage().contains("param"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> store.accept(new RunEvent.Metric("a\\b", 1, 0, 0)));
        store.accept(new RunEvent.Param("ok key-1.x/y_z", "v"));
        store.accept(new RunEvent.Tag("größe", "v"));
    }

    @Test
    void paramRepeatWithOtherValueFails() throws IOException {
        MlflowFileStore store = new MlflowFileStore(mlruns());
        store.accept(new RunEvent.Started(new RunInfo(TestRuns.newRunId(), "exp", "r", START, null, null)));
        store.accept(new RunEvent.Param("lr", "0.1"));
        store.accept(new RunEvent.Param("lr", "0.1"));
        assertThrows(IllegalStateException.class, () -> store.accept(new RunEvent.Param("lr", "0.2")));
    }

    @Test
    void runNameTagUpdatesMeta() throws IOException {
        MlflowFileStore store = new MlflowFileStore(mlruns());
        store.accept(new RunEvent.Started(new RunInfo(TestRuns.newRunId(), "exp", "first", START, null, null)));
        store.accept(new RunEvent.Tag("mlflow.runName", "renamed"));
        assertEquals("renamed", MlflowFileStore.readYaml(store.runDir().resolve("meta.yaml")).get("run_name"));
    }

    @Test
    void yamlQuotesLikePyYaml() throws IOException {
        Path file = tmp.resolve("q.yaml");
        MlflowFileStore.writeYaml(file, new TreeMap<>(Map.of(
                "a", "123", "b", "true", "c", "plain name", "d", "x: y", "e", "null")));
        assertEquals(List.of("a: '123'", "b: 'true'", "c: plain name", "d: 'x: y'", "e: 'null'"),
                Files.readString(file).lines().toList());
    }

    @Test
    void floatsArePrintedLikePythonRepr() {
        assertEquals("0.5", MlflowFileStore.pythonFloat(0.5));
        assertEquals("1.0", MlflowFileStore.pythonFloat(1.0));
        assertEquals("100.0", MlflowFileStore.pythonFloat(100));
        assertEquals("0.0001", MlflowFileStore.pythonFloat(0.0001));
        assertEquals("1e-05", MlflowFileStore.pythonFloat(0.00001));
        assertEquals("1.5e-07", MlflowFileStore.pythonFloat(1.5e-7));
        assertEquals("1234567890123456.0", MlflowFileStore.pythonFloat(1234567890123456.0));
        assertEquals("1e+16", MlflowFileStore.pythonFloat(1e16));
        assertEquals("-2.5e+20", MlflowFileStore.pythonFloat(-2.5e20));
        assertEquals("0.1", MlflowFileStore.pythonFloat(0.1));
        assertEquals("-0.0", MlflowFileStore.pythonFloat(-0.0));
        assertEquals("nan", MlflowFileStore.pythonFloat(Double.NaN));
        assertEquals("-inf", MlflowFileStore.pythonFloat(Double.NEGATIVE_INFINITY));
    }

    @Test
    void fileUrisAreEncodedLikePathlib() {
        assertEquals("file:///tmp/a%20b/ml%2Bruns", MlflowFileStore.fileUri(Path.of("/tmp/a b/ml+runs")));
        assertEquals("file:///tmp/x", MlflowFileStore.fileUri(Path.of("/tmp/x/")), "no trailing slash");
    }

    @Test
    void replayingARunReplacesItsFolder() throws IOException {
        RunInfo info = new RunInfo(TestRuns.newRunId(), "exp", "r", START, null, null);
        for (int i = 0; i < 2; i++) {
            MlflowFileStore store = new MlflowFileStore(mlruns());
            store.accept(new RunEvent.Started(info));
            store.accept(new RunEvent.Metric("loss", 1.0, 0, START));
            store.accept(new RunEvent.Finished(RunStatus.FINISHED, START + 1, null));
        }
        Path runDir = onlyExperimentDir("0").resolve(info.runId());
        assertEquals(1, Files.readAllLines(runDir.resolve("metrics/loss")).size(), "not duplicated");
    }
}
