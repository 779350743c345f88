package dev.edgewise.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.catalog.topology.TopologyRegistry;
import dev.edgewise.dsl.yaml.YamlSpecReader;
import dev.edgewise.engine.train.TrainingListener;
import dev.edgewise.engine.track.MlflowFileStore;
import dev.edgewise.engine.track.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny experiment on real MNIST digits, trained for real, recorded in the run store and an MLflow file store. */
class EndToEndTest {

    static final Path TINY = Path.of("src/test/resources/tiny.yaml");

    static RunResult first;
    static RunResult second;
    static Path mlruns;

    @BeforeAll
    static void runTinyTwice(@TempDir Path dir) throws IOException {
        mlruns = dir.resolve("mlruns");
        CompiledExperiment experiment = CompiledExperiment.compile(YamlSpecReader.read(TINY), new TopologyRegistry(), new DatasetRegistry());
        ExperimentRunner runner = new ExperimentRunner(dir.resolve("runs"), () -> List.of(new MlflowFileStore(mlruns)),
                new DatasetRegistry(), DataCache.fromEnvironment(), TrainingListener.NONE, "test");
        first = runner.run(experiment, TINY);
        second = runner.run(experiment, TINY);
    }

    @Test
    void sameSpecAndSeedGiveTheSameMetrics() {
        assertEquals(first.metrics(), second.metrics());
        assertFalse(first.runId().equals(second.runId()));
    }

    @Test
    void reportsTheTasksMetrics() {
        Map<String, Double> metrics = first.metrics();
        for (String key : List.of("test_rmse", "test_accuracy", "test_error_pct", "test_sent_fraction", "test_bytes_per_sample", "train_rmse")) {
            assertTrue(metrics.containsKey(key), key);
            assertTrue(Double.isFinite(metrics.get(key)), key);
        }
        assertTrue(metrics.get("test_sent_fraction") >= 0 && metrics.get("test_sent_fraction") <= 1);
        assertEquals(59.0 * (10 + 4) + 458, metrics.get("cell_parameters"));
    }

    @Test
    void runStoreHoldsSpecProvenanceMetricsAndModel() throws IOException {
        Path run = first.runDir();
        assertEquals(RunStatus.FINISHED, first.status());
        for (String file : List.of("events.jsonl", "run.json", "params.json", "tags.json", "metrics.csv",
                "artifacts/spec.yaml", "artifacts/provenance.json", "artifacts/results.json", "artifacts/source/tiny.yaml",
                "artifacts/plots/loss.png", "artifacts/plots/accuracy.png", "artifacts/plots/messages.png", "artifacts/plots/pattern.png")) {
            assertTrue(Files.isRegularFile(run.resolve(file)), file);
        }
        assertTrue(Files.readString(run.resolve("artifacts/provenance.json")).contains("\"data_fingerprint\" : \"sha256:"));
        try (Stream<Path> model = Files.list(run.resolve("artifacts/model"))) {
            assertEquals(1, model.filter(p -> p.toString().endsWith(".params")).count());
        }
        // One metrics row per (metric, epoch) plus the final metrics.
        assertTrue(Files.readAllLines(run.resolve("metrics.csv")).stream().anyMatch(l -> l.startsWith("test_rmse,2,")));
    }

    @Test
    void everyKeyAndStepHoldsOneValueAndTheFinalValueIsTheLastOfItsKey() throws IOException {
        java.util.Map<String, Double> lastOfKey = new java.util.HashMap<>();
        java.util.Map<String, Long> lastStep = new java.util.HashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (dev.edgewise.engine.track.RunEvent.Metric m : dev.edgewise.engine.track.RunFolder.at(first.runDir()).read().metrics()) {
            assertTrue(seen.add(m.key() + "@" + m.step()), "two values of " + m.key() + " at step " + m.step());
            if (m.step() >= lastStep.getOrDefault(m.key(), Long.MIN_VALUE)) {
                lastStep.put(m.key(), m.step());
                lastOfKey.put(m.key(), m.value());
            }
        }
        first.metrics().forEach((key, value) -> assertEquals(value, lastOfKey.get(key), key + ": the final value is its last step's"));
    }

    @Test
    void mlflowFileStoreHasTheRunInMlflowsLayout() throws IOException {
        Path experimentDir = findExperiment("tiny");
        Path run = experimentDir.resolve(first.runId());
        String meta = Files.readString(run.resolve("meta.yaml"));
        assertTrue(meta.contains("status: 3"), meta);
        assertTrue(meta.contains("run_uuid: " + first.runId()), meta);
        assertEquals("3", Files.readString(run.resolve("params/topology.nodes")), "params are raw values, no newline");
        List<String> rmse = Files.readAllLines(run.resolve("metrics/test_rmse"));
        assertTrue(rmse.size() >= 2, "one line per epoch");
        assertTrue(rmse.get(0).matches("\\d+ [0-9.Ee-]+ 1"), rmse.get(0));
        assertTrue(Files.isRegularFile(run.resolve("tags/mlflow.runName")));
        assertTrue(Files.isRegularFile(run.resolve("artifacts/spec.yaml")));
        assertTrue(Files.isRegularFile(mlruns.resolve("0/meta.yaml")), "MLflow's Default experiment exists");
    }

    private static Path findExperiment(String name) throws IOException {
        try (Stream<Path> dirs = Files.list(mlruns)) {
            for (Path dir : dirs.toList()) {
                Path meta = dir.resolve("meta.yaml");
                if (Files.isRegularFile(meta) && Files.readString(meta).contains("name: " + name)) {
                    return dir;
                }
            }
        }
        throw new AssertionError("no MLflow experiment named " + name + " under " + mlruns);
    }
}
