package dev.edgewise.engine.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.catalog.topology.TopologyRegistry;
import dev.edgewise.dsl.sweep.ExperimentSource;
import dev.edgewise.engine.sweep.InProcessExecutor;
import dev.edgewise.engine.sweep.SweepRunner;
import dev.edgewise.engine.track.MlflowFileStore;
import dev.edgewise.engine.track.RunFolder;
import dev.edgewise.engine.track.StoredRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searches over a tiny codec space, trials run in this JVM on smooth synthetic images. */
class SearchRunnerTest {

    @TempDir
    Path dir;

    /** 40 smooth 16x16 images (planes a*x + b*y + c): a codec learns them in a few epochs, more values learn them better. */
    static ImageDataset smooth(DataCache cache) {
        int count = 40;
        int side = 16;
        SplittableRandom random = new SplittableRandom(9);
        float[] pixels = new float[count * side * side];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            double a = random.nextDouble() - 0.5;
            double b = random.nextDouble() - 0.5;
            double c = 0.25 + 0.5 * random.nextDouble();
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    pixels[(i * side + y) * side + x] = (float) Math.max(0, Math.min(1, c + a * (x - 7.5) / 8 + b * (y - 7.5) / 8));
                }
            }
            labels[i] = i % 2;
        }
        return new ImageDataset("smooth", "test", "sha256:smooth", side, side, pixels, labels);
    }

    static final String BASE = """
            name: tiny
            seed: 5
            data: {source: smooth, view: whole, train_samples: 16, test_samples: 8, holdout: 0.5}
            topology: {nodes: 1, graph: star}
            model: {kind: codec, channels: [2]}
            exchange: {kind: upward, message_size: 8, quantization: {levels: 16, training: noise}}
            links: {kind: packets, payload: 64, in_training: false}
            task: {kind: reconstruction, msssim_scales: 1, msssim_window: 3}
            loss: {terms: {task: {weight: 1.0}}}
            training: {epochs: 6, batch_size: 8, learning_rate: 0.01}
            """;

    static final String SPACE = "    exchange.message_size: [2, 8, 32]\n    model.channels: {depth: [1], each: [1, 2, 4]}\n";

    private DatasetRegistry datasets() {
        return new DatasetRegistry().register("smooth", SearchRunnerTest::smooth);
    }

    private SweepRunner.Options options(String runs) {
        return new SweepRunner.Options(dir.resolve(runs), dir.resolve("mlruns"), 1, false, false, "test");
    }

    private SearchRunner.Result search(String yaml, String runs, InProcessExecutor executor) throws IOException {
        ExperimentSource source = ExperimentSource.read(yaml, "tiny.yaml", List.of());
        StringWriter text = new StringWriter();
        SweepRunner points = new SweepRunner(options(runs), () -> List.of(new MlflowFileStore(dir.resolve("mlruns"))), executor,
                new PrintWriter(text, true));
        return new SearchRunner(options(runs), points, () -> List.of(new MlflowFileStore(dir.resolve("mlruns"))), new TopologyRegistry(),
                datasets(), new PrintWriter(text, true)).run(source, null);
    }

    private InProcessExecutor executor(DatasetRegistry registry) {
        return new InProcessExecutor(registry, DataCache.at(dir.resolve("cache")), () -> List.of(new MlflowFileStore(dir.resolve("mlruns"))));
    }

    @Test
    void halvingFindsTheExhaustiveSweepsBestWithAtMostHalfItsEpochs() throws IOException {
        // The exhaustive sweep of the same space, each point to the end.
        String sweepYaml = BASE + "sweep:\n  grid:\n" + SPACE.replace("{depth: [1], each: [1, 2, 4]}", "[[1], [2], [4]]");
        ExperimentSource sweepSource = ExperimentSource.read(sweepYaml, "tiny.yaml", List.of());
        SweepRunner sweep = new SweepRunner(options("sweep-runs"), () -> List.of(new MlflowFileStore(dir.resolve("mlruns"))),
                executor(datasets()), new PrintWriter(new StringWriter(), true));
        SweepRunner.Result exhaustive = sweep.run(sweepSource, null);
        SweepRunner.PointOutcome bestPoint = exhaustive.points().stream().min(Comparator.comparingDouble(o -> o.metrics().get("test_loss")))
                .orElseThrow();
        long sweepEpochs = 6L * exhaustive.points().size();

        SearchRunner.Result halving = search(BASE + "search:\n  space:\n" + SPACE
                + "  metric: test_loss\n  strategy: {kind: halving, eta: 3, min_epochs: 1}\n", "search-runs", executor(datasets()));

        assertEquals(9, halving.screened().size());
        assertEquals(bestPoint.point().values().get("exchange.message_size"), halving.best().configuration().values().get("exchange.message_size"));
        assertEquals(bestPoint.point().values().get("model.channels"), halving.best().configuration().values().get("model.channels"));
        assertEquals(bestPoint.metrics().get("test_loss"), halving.metrics().get("best_test_loss"), 1e-9,
                "the last rung is the sweep's own run: same spec, same seed, same result");
        // Rungs of 9 x 1, 3 x 3 and 1 x 6 epochs: 24 of the sweep's 54.
        double epochs = halving.metrics().get("epochs_trained");
        assertEquals(24.0, epochs);
        assertTrue(epochs <= sweepEpochs / 2.0, "halving trained " + epochs + " epochs, the sweep " + sweepEpochs);
        // Each trial is a child of the search's parent run, with its curve (one value per epoch).
        for (SearchRunner.Trial trial : halving.trials()) {
            StoredRun run = RunFolder.at(trial.outcome().runDir()).read();
            assertEquals(halving.parentRunId(), run.info().parentRunId());
            assertEquals(trial.epochs(), trial.curve().size());
        }
        Path artifacts = halving.parentDir().resolve("artifacts/search");
        for (String file : List.of("ranking.md", "ranking.csv", "rejections.md", "pareto.csv", "configurations.csv")) {
            assertTrue(Files.isRegularFile(artifacts.resolve(file)), file);
        }
        assertTrue(Files.readString(artifacts.resolve("ranking.csv")).lines().skip(1).findFirst().orElseThrow()
                .contains(halving.best().configuration().values().get("exchange.message_size")));
    }

    @Test
    void configurationsOverTheDeviceAreNeverTrainedAndTheParentCountsWhy() throws IOException {
        // 2 KiB of float32 flash: the 32-value bottleneck (8x8 maps x 1 channel x 32 = 2,048 weights alone) cannot fit.
        String yaml = BASE + "search:\n  space:\n" + SPACE + "  device: {role: camera, ram_kb: 64, flash_kb: 2}\n  metric: test_loss\n";
        InProcessExecutor executor = executor(datasets());

        SearchRunner.Result result = search(yaml, "runs", executor);

        List<DeviceFilter.Screened> rejected = result.screened().stream().filter(s -> !s.passed()).toList();
        assertFalse(rejected.isEmpty());
        assertTrue(rejected.size() < 9);
        assertTrue(rejected.stream().allMatch(s -> s.reasons().contains("flash") && s.bytes() > 2048), rejected.toString());
        assertEquals((double) rejected.size(), result.metrics().get("rejected"));
        assertEquals((double) rejected.size(), result.metrics().get("rejected_flash"));
        assertEquals(0.0, result.metrics().get("rejected_ram"));
        assertEquals(9 - rejected.size(), executor.executed, "only survivors reach the executor");
        Set<String> rejectedLabels = rejected.stream().map(s -> s.configuration().values().toString()).collect(Collectors.toSet());
        // No run in the store was made from a rejected configuration.
        try (Stream<Path> runs = Files.list(dir.resolve("runs/tiny"))) {
            for (Path run : runs.filter(RunFolder::isRun).toList()) {
                StoredRun stored = RunFolder.at(run).read();
                if (stored.info().parentRunId() == null) {
                    continue;
                }
                String values = "{exchange.message_size=" + stored.params().get("exchange.message_size") + ", model.channels="
                        + stored.params().get("model.channels") + "}";
                assertFalse(rejectedLabels.contains(values), "a rejected configuration ran: " + values);
            }
        }
        String reasons = Files.readString(result.parentDir().resolve("artifacts/search/rejections.md"));
        assertTrue(reasons.contains("| flash | " + rejected.size() + " |"), reasons);
        // Started again, the search continues from the run store: every trial comes from the run cache.
        SearchRunner.Result again = search(yaml, "runs", executor(datasets()));
        assertEquals(again.metrics().get("trials"), again.metrics().get("trials_cached"));
        assertEquals(result.best().configuration().label(), again.best().configuration().label());
    }
}
