package dev.edgewise.engine.cli;

import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.catalog.Catalog;
import dev.edgewise.engine.run.CompiledExperiment;
import dev.edgewise.catalog.io.AtomicFiles;
import dev.edgewise.dsl.spec.DataSpec;
import dev.edgewise.dsl.spec.TrainingSpec;
import dev.edgewise.engine.family.ArtifactSink;
import dev.edgewise.engine.family.FamilyRegistry;
import dev.edgewise.engine.family.FamilyRun;
import dev.edgewise.engine.train.Seeds;
import dev.edgewise.engine.train.TrainingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bench", mixinStandardHelpOptions = true, description = {
    "Measure end-to-end training throughput of an experiment's model: real MNIST batches through",
    "extractor, R rounds of exchange, loss, backward and optimizer step. Warm-up batches are not",
    "timed; the median batch time gives samples per second. Nothing is recorded."})
final class BenchCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    ScriptOptions scriptOptions;

    @Parameters(paramLabel = "FILE", description = "The experiment file.")
    Path file;

    @Option(names = "--batches", defaultValue = "200", description = "Timed batches (default: ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--warmup", defaultValue = "30", description = "Untimed batches first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws IOException {
        List<CompiledExperiment> experiments = SpecFiles.compile(file, Catalog.shared()).experiments();
        CompiledExperiment experiment = experiments.get(0);
        if (experiments.size() > 1) {
            command.commandLine().getErr().printf("bench: %s holds %d experiments; measuring the first, %s%n", file, experiments.size(),
                    experiment.spec().name());
        }
        ExperimentSpec spec = benchSpec(experiment.spec());
        PrintWriter out = command.commandLine().getOut();
        ImageDataset data = Catalog.shared().datasets().load(spec.data(), DataCache.fromEnvironment());
        int batch = spec.training().batchSize();
        int nodes = spec.topology().nodes();
        out.printf("bench: %s (model kind %s), N = %d, v = %d, R = %d, batch %d: %d warm-up + %d timed batches%n", spec.name(),
                spec.model().kind(), nodes, spec.exchange().messageSize(), spec.exchange().rounds(), batch, warmup, batches);
        BatchClock clock = new BatchClock();
        long started = System.nanoTime();
        Path scratch = Files.createTempDirectory("edgewise-bench-");
        try {
            CompiledExperiment benched = new CompiledExperiment(spec, experiment.specHash(), experiment.graphs());
            FamilyRun run = new FamilyRun(benched, data, new Seeds(spec.seed()), clock, Map::of, Catalog.shared().links(),
                    ArtifactSink.of(scratch, (name, file) -> {}));
            FamilyRegistry.of(spec.model()).run(run);
        } finally {
            AtomicFiles.deleteTree(scratch);
        }
        double wall = (System.nanoTime() - started) / 1e9;
        double[] times = clock.times(warmup);
        Arrays.sort(times);
        double median = times[times.length / 2];
        double mean = Arrays.stream(times).average().orElse(Double.NaN);
        out.printf("  median batch %.2f ms (p10 %.2f, p90 %.2f), mean %.2f ms%n", median * 1e3, times[times.length / 10] * 1e3,
                times[times.length * 9 / 10] * 1e3, mean * 1e3);
        out.printf("  training throughput: %.0f samples/s (median), %.0f samples/s (mean), %.0f node-images/s%n",
                batch / median, batch / mean, batch * nodes / median);
        out.printf("  wall time %.1f s with model setup, any pretraining and the end-of-run evaluation; cores: %d, OMP_NUM_THREADS=%s%n",
                wall, Runtime.getRuntime().availableProcessors(), System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        return 0;
    }

    /** One epoch of end-to-end training over exactly the benchmark's batches, evaluated on one batch. */
    private ExperimentSpec benchSpec(ExperimentSpec spec) {
        TrainingSpec t = spec.training();
        TrainingSpec training = new TrainingSpec(t.optimizer(), t.learningRate(), t.momentum(), 1, t.batchSize(), null);
        DataSpec d = spec.data();
        DataSpec data = new DataSpec(d.source(), (warmup + batches) * t.batchSize(), t.batchSize(), d.holdout(), d.view(), d.patches(), d.file());
        return new ExperimentSpec(spec.name(), spec.description(), spec.seed(), data, spec.topology(), spec.model(),
                spec.exchange(), spec.links(), spec.task(), spec.loss(), training, spec.evaluation(), spec.tracking(), null, null, null);
    }

    /** Times between consecutive batches; the first interval starts when the phase starts. */
    private static final class BatchClock implements TrainingListener {
        /** End-to-end training; a family's pretraining is not what the benchmark measures. */
        private static final String TIMED = "train";

        private final List<Long> stamps = new ArrayList<>();

        @Override
        public void phaseStarted(String phase, int epochs, int batchesPerEpoch) {
            if (phase.equals(TIMED)) {
                stamps.add(System.nanoTime());
            }
        }

        @Override
        public void batchFinished(String phase) {
            if (phase.equals(TIMED)) {
                stamps.add(System.nanoTime());
            }
        }

        @Override
        public void epochFinished(String phase, int epoch, Map<String, Double> metrics) {}

        double[] times(int skip) {
            double[] times = new double[stamps.size() - 1 - skip];
            for (int i = 0; i < times.length; i++) {
                times[i] = (stamps.get(skip + i + 1) - stamps.get(skip + i)) / 1e9;
            }
            return times;
        }
    }
}
