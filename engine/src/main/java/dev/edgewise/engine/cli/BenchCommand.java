package dev.edgewise.engine.cli;

import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.catalog.Catalog;
import dev.edgewise.engine.run.CompiledExperiment;
import dev.edgewise.engine.train.CrnnTrainer;
import dev.edgewise.engine.train.NodeSamples;
import dev.edgewise.engine.train.Seeds;
import dev.edgewise.engine.train.TrainingListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
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

    @Parameters(paramLabel = "FILE", description = "The experiment file.")
    Path file;

    @Option(names = "--batches", defaultValue = "200", description = "Timed batches (default: ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--warmup", defaultValue = "30", description = "Untimed batches first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        List<CompiledExperiment> experiments = SpecFiles.compile(file, Catalog.shared()).experiments();
        CompiledExperiment experiment = experiments.get(0);
        if (experiments.size() > 1) {
            command.commandLine().getErr().printf("bench: %s holds %d experiments; measuring the first, %s%n", file, experiments.size(),
                    experiment.spec().name());
        }
        ExperimentSpec spec = experiment.spec();
        PrintWriter out = command.commandLine().getOut();
        ImageDataset data = Catalog.shared().datasets().load(spec.data().source(), DataCache.fromEnvironment());
        Seeds seeds = new Seeds(spec.seed());
        int batch = spec.training().batchSize();
        int nodes = spec.topology().nodes();
        int[][] pools = NodeSamples.split(data.size(), spec.data().holdout(), seeds.stream("data.split"));
        NodeSamples train = NodeSamples.draw((warmup + batches) * batch, nodes, pools[0], data.labels(), spec.task().kind(),
                seeds.stream("data.train"));
        NodeSamples test = NodeSamples.draw(batch, nodes, pools[1], data.labels(), spec.task().kind(), seeds.stream("data.test"));
        BatchClock clock = new BatchClock();
        out.printf("bench: %s, N = %d, f_in = %d, v = %d, R = %d, batch %d: %d warm-up + %d timed batches%n", spec.name(), nodes,
                spec.model().features(), spec.exchange().messageSize(), spec.exchange().rounds(), batch, warmup, batches);
        long started = System.nanoTime();
        try (CrnnTrainer trainer = new CrnnTrainer(benchSpec(spec), data, experiment.adjacency(), seeds)) {
            trainer.train(Map.of(nodes, train), test, clock);
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
        out.printf("  wall time %.1f s with model setup; cores: %d, OMP_NUM_THREADS=%s%n", wall, Runtime.getRuntime().availableProcessors(),
                System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        return 0;
    }

    /** One epoch over exactly the benchmark's batches. */
    private ExperimentSpec benchSpec(ExperimentSpec spec) {
        var t = spec.training();
        var training = new dev.edgewise.dsl.spec.TrainingSpec(t.optimizer(), t.learningRate(), t.momentum(), 1, t.batchSize(), null);
        return new ExperimentSpec(spec.name(), spec.description(), spec.seed(), spec.data(), spec.topology(), spec.model(),
                spec.exchange(), spec.links(), spec.task(), spec.loss(), training, spec.evaluation(), spec.tracking(), null, null, null);
    }

    /** Times between consecutive batches; the first interval starts when the phase starts. */
    private static final class BatchClock implements TrainingListener {
        private final List<Long> stamps = new ArrayList<>();

        @Override
        public void phaseStarted(String phase, int epochs, int batchesPerEpoch) {
            stamps.add(System.nanoTime());
        }

        @Override
        public void batchFinished(String phase) {
            stamps.add(System.nanoTime());
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
