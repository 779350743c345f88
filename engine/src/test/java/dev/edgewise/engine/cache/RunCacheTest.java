package dev.edgewise.engine.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.catalog.topology.TopologyRegistry;
import dev.edgewise.dsl.yaml.YamlSpecReader;
import dev.edgewise.engine.run.CompiledExperiment;
import dev.edgewise.engine.run.ExperimentRunner;
import dev.edgewise.engine.run.RunContext;
import dev.edgewise.engine.run.RunResult;
import dev.edgewise.engine.sweep.TestData;
import dev.edgewise.engine.track.RunProvenance;
import dev.edgewise.engine.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCacheTest {

    @TempDir
    Path dir;

    private final DatasetRegistry datasets = TestData.registry();

    private RunResult run(String yaml, boolean useCache) throws IOException {
        CompiledExperiment experiment = CompiledExperiment.compile(YamlSpecReader.read(yaml, "cached.yaml"), new TopologyRegistry(), datasets);
        ExperimentRunner runner = new ExperimentRunner(dir.resolve("runs"), List::of, datasets, DataCache.at(dir.resolve("cache")),
                TrainingListener.NONE, "test");
        return runner.run(experiment, null, useCache ? RunContext.DEFAULT.withCache(new RunCache(dir.resolve("runs"))) : RunContext.DEFAULT);
    }

    private long runFolders(String experiment) throws IOException {
        try (Stream<Path> runs = Files.list(dir.resolve("runs").resolve(experiment))) {
            return runs.count();
        }
    }

    @Test
    void anIdenticalFinishedRunIsNotComputedAgainUnlessForced() throws IOException {
        String yaml = TestData.spec("cached", "noise");
        RunResult first = run(yaml, true);
        RunResult again = run(yaml, true);
        RunResult forced = run(yaml, false);
        RunResult otherSeed = run(yaml.replace("seed: 5", "seed: 6"), true);

        assertFalse(first.cached());
        assertTrue(again.cached());
        assertEquals(first.runId(), again.runId(), "the cached result names the run that computed it");
        assertEquals(first.runDir(), again.runDir());
        assertEquals(first.metrics(), again.metrics());
        assertFalse(forced.cached());
        assertNotEquals(first.runId(), forced.runId());
        assertEquals(first.metrics(), forced.metrics(), "computed again: the same metrics, bit for bit");
        assertFalse(otherSeed.cached(), "another seed is another spec");
        assertEquals(3, runFolders("cached"), "the cached run made no run folder");
    }

    @Test
    void aFailedRunIsNeverAHit() throws IOException {
        String yaml = TestData.spec("doomed", "broken");
        assertThrows(RuntimeException.class, () -> run(yaml, true));
        assertThrows(RuntimeException.class, () -> run(yaml, true));

        assertEquals(2, runFolders("doomed"));
    }

    @Test
    void theKeyIsWhatDecidesTheMetricsAndNothingElse() {
        Map<String, String> facts = new HashMap<>();
        for (String fact : RunCache.KEY_FACTS) {
            facts.put(fact, "v-" + fact);
        }
        facts.put("git_commit", "abc");
        facts.put("command_line", "edgewise run x.yaml");
        String key = RunCache.key(RunProvenance.fromFacts(facts));

        for (String fact : RunCache.KEY_FACTS) {
            Map<String, String> changed = new HashMap<>(facts);
            changed.put(fact, "other");
            assertNotEquals(key, RunCache.key(RunProvenance.fromFacts(changed)), fact + " is part of the key");
        }
        Map<String, String> elsewhere = new HashMap<>(facts);
        elsewhere.put("git_commit", "def");
        elsewhere.put("command_line", "edgewise run ./x.yaml --jobs 2");
        assertEquals(key, RunCache.key(RunProvenance.fromFacts(elsewhere)), "commit and command line do not change what a run computes");
        assertTrue(RunCache.KEY_FACTS.containsAll(List.of("spec_hash", "code_fingerprint", "data_fingerprint", "omp_num_threads", "engine",
                "engine_version", "engine_threads")), "the engine, its version and its own thread pools decide the bits too");
    }

    @Test
    void theCodeFingerprintIsStableAndCoversEdgewiseClassesOnly() {
        String once = CodeFingerprint.current();
        assertTrue(once.matches("sha256:[0-9a-f]{64}"), once);
        assertEquals(once, CodeFingerprint.compute(List.of(dev.edgewise.dsl.spec.ExperimentSpec.class,
                dev.edgewise.catalog.data.ImageDataset.class, CodeFingerprint.class)));
        assertNotEquals(once, CodeFingerprint.compute(List.of(CodeFingerprint.class)), "every module's classes count");
    }
}
