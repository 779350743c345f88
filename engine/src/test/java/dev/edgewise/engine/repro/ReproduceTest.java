package dev.edgewise.engine.repro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.catalog.topology.TopologyRegistry;
import dev.edgewise.dsl.yaml.YamlSpecReader;
import dev.edgewise.engine.run.CompiledExperiment;
import dev.edgewise.engine.run.ExperimentRunner;
import dev.edgewise.engine.run.RunResult;
import dev.edgewise.engine.track.MlflowFileStore;
import dev.edgewise.engine.track.RunEvent;
import dev.edgewise.engine.track.RunFolder;
import dev.edgewise.engine.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run trained here on MNIST is re-run from what it logged, in a child JVM, and matches bit for bit. */
class ReproduceTest {

    static final String SPEC = """
            name: again
            seed: 3
            data: {source: mnist, train_samples: 32, test_samples: 16, holdout: 0.9}
            topology: {nodes: 2}
            model: {kind: crnn, features: 10, extractor: {pretrain: {epochs: 0}}}
            exchange: {kind: peer, rounds: 2}
            training: {epochs: 2, batch_size: 16}
            """;

    @TempDir
    static Path dir;

    static RunResult original;
    static Reproducer.Result fromRunStore;

    @BeforeAll
    static void trainAndReproduce() throws IOException, InterruptedException {
        CompiledExperiment experiment = CompiledExperiment.compile(YamlSpecReader.read(SPEC, "again.yaml"), new TopologyRegistry(),
                new DatasetRegistry());
        ExperimentRunner runner = new ExperimentRunner(dir.resolve("runs"), () -> List.of(new MlflowFileStore(dir.resolve("mlruns"))),
                new DatasetRegistry(), DataCache.fromEnvironment(), TrainingListener.NONE, "test");
        original = runner.run(experiment, null);
        fromRunStore = new Reproducer(dir.resolve("runs"), dir.resolve("mlruns"), false)
                .reproduce(RecordedRun.locate(original.runId().substring(0, 10), dir.resolve("runs"), dir.resolve("mlruns")), "test");
    }

    @Test
    void aFinishedRunReproducesWithZeroDifference() throws IOException {
        assertTrue(fromRunStore.identical(), () -> fromRunStore.diff().table().render(dev.edgewise.engine.compare.Table.Format.TEXT));
        assertTrue(fromRunStore.diff().valuesCompared() > 20);
        assertFalse(fromRunStore.run().cached(), "a reproduction always computes");
        assertEquals(original.runId(), RunFolder.at(fromRunStore.run().runDir()).read().tags().get(Reproducer.TAG_REPRODUCES));
        assertEquals(List.of(), List.copyOf(fromRunStore.provenanceDifferences().keySet()), "same code, data, threads and machine");
    }

    @Test
    void theMlflowFileStoreCopyOfTheRunIsEnoughToReproduceIt() throws IOException {
        Path mlflowRun;
        try (Stream<Path> found = Files.find(dir.resolve("mlruns"), 2, (p, a) -> p.getFileName().toString().equals(original.runId()))) {
            mlflowRun = found.findFirst().orElseThrow();
        }
        RecordedRun recorded = RecordedRun.fromFileStore(mlflowRun);

        assertEquals(YamlSpecReader.read(recorded.specYaml(), "x").spec(), YamlSpecReader.read(SPEC, "y").spec());
        assertEquals(List.of(), MetricDiff.of(RecordedRun.fromRunStore(original.runDir()).metrics(), recorded.metrics()).differing(),
                "the file store holds every value exactly");
    }

    @Test
    void aChangedValueIsReportedAsADifference() throws IOException {
        RecordedRun recorded = RecordedRun.fromRunStore(original.runDir());
        List<RunEvent.Metric> tampered = new ArrayList<>(recorded.metrics());
        int index = 0;
        while (dev.edgewise.engine.compare.Metrics.isTiming(tampered.get(index).key())) {
            index++;
        }
        RunEvent.Metric first = tampered.get(index);
        tampered.set(index, new RunEvent.Metric(first.key(), first.value() + 1e-12, first.step(), first.timestampMs()));

        MetricDiff diff = MetricDiff.of(tampered, RunFolder.at(fromRunStore.run().runDir()).read().metrics());

        assertEquals(List.of(first.key()), diff.differing().stream().map(MetricDiff.Row::key).toList());
    }
}
