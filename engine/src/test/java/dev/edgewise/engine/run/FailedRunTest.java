package dev.edgewise.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.catalog.topology.TopologyRegistry;
import dev.edgewise.dsl.SpecException;
import dev.edgewise.dsl.yaml.YamlSpecReader;
import dev.edgewise.engine.sweep.TestData;
import dev.edgewise.engine.train.TrainingListener;
import dev.edgewise.engine.track.RunStatus;
import dev.edgewise.engine.track.RunFolder;
import dev.edgewise.engine.track.StoredRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailedRunTest {

    /** 8x8 images: the 28x28 extractor cannot take them, so training fails after the run has started. */
    static ImageDataset tinyImages(DataCache cache) {
        int count = 50;
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 10;
        }
        return new ImageDataset("tiny-images", "test", "sha256:0", 8, 8, new float[count * 64], labels);
    }

    private static final String DOOMED = "name: doomed\ntopology: {nodes: 2}\ndata: {source: tiny-images, train_samples: 8, test_samples: 4}\n"
            + "model: {kind: crnn, extractor: {pretrain: {epochs: 0}}}\nexchange: {kind: peer}\ntraining: {epochs: 1}\ntracking: {mlflow: false}\n";

    @Test
    void imagesTheFamilyCannotReadAreRefusedBeforeTheRun() {
        DatasetRegistry datasets = new DatasetRegistry().register("tiny-images", FailedRunTest::tinyImages);
        SpecException e = assertThrows(SpecException.class,
                () -> CompiledExperiment.compile(YamlSpecReader.read(DOOMED, "doomed.yaml"), new TopologyRegistry(), datasets));
        assertEquals("$.data.source", e.problems().get(0).path());
        assertTrue(e.problems().get(0).message().contains("reads 28x28 images; dataset 'tiny-images' has 8x8 items"), e.getMessage());
    }

    @Test
    void aRunThatCrashesIsRecordedAsFailedWithItsError(@TempDir Path dir) throws IOException {
        DatasetRegistry datasets = new DatasetRegistry().register("tiny-images", FailedRunTest::tinyImages);
        // Compiled against 28x28 digits, run on 8x8 images: the data changed under the spec, so training fails once started.
        DatasetRegistry digits = new DatasetRegistry().register("tiny-images", cache -> TestData.noise(cache));
        CompiledExperiment experiment = CompiledExperiment.compile(YamlSpecReader.read(DOOMED, "doomed.yaml"), new TopologyRegistry(), digits);
        ExperimentRunner runner = new ExperimentRunner(dir.resolve("runs"), List::of, datasets, DataCache.at(dir.resolve("cache")),
                TrainingListener.NONE, "test");

        assertThrows(RuntimeException.class, () -> runner.run(experiment, null));

        Path runDir;
        try (Stream<Path> runs = Files.list(dir.resolve("runs/doomed"))) {
            runDir = runs.findFirst().orElseThrow();
        }
        StoredRun stored = RunFolder.at(runDir).read();
        assertEquals(RunStatus.FAILED, stored.status());
        assertTrue(stored.error() != null && !stored.error().isEmpty(), "the error is kept");
        assertTrue(Files.readString(runDir.resolve("artifacts/error.txt")).contains("\tat "), "with its stack trace");
        assertTrue(Files.isRegularFile(runDir.resolve("artifacts/spec.yaml")), "what was recorded before the crash is kept");
    }
}
