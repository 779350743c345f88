package dev.edgewise.engine.cli;

import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.catalog.Catalog;
import dev.edgewise.dsl.SpecException;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.sweep.ExperimentSource;
import dev.edgewise.dsl.sweep.SpecOverride;
import dev.edgewise.engine.run.CompiledExperiment;
import dev.edgewise.engine.run.EngineProfiler;
import dev.edgewise.engine.run.Engines;
import dev.edgewise.script.ExperimentFiles;
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
    "timed; the median batch time gives samples per second, and the peak memory of the process",
    "(resident set, native arrays included) is reported. Nothing is recorded.",
    "  edgewise bench experiments/quickstart.yaml topology.nodes=200 --engine pytorch"})
final class BenchCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    ScriptOptions scriptOptions;

    @Parameters(paramLabel = "FILE|KEY.PATH=VALUE", arity = "1..*", description = {
        "The experiment file, then any KEY.PATH=VALUE overrides of a YAML file (as for run):",
        "topology.nodes=40 training.batch_size=32"})
    List<String> arguments;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "Engine to measure: mxnet or pytorch (sets runtime.engine).")
    String engine;

    @Option(names = "--batches", defaultValue = "200", description = "Timed batches (default: ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--warmup", defaultValue = "30", description = "Untimed batches first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--profile", paramLabel = "TRACE", description = {
        "Run the engine's own operator profiler over the timed batches: write its Chrome trace",
        "(chrome://tracing, Perfetto) to TRACE and print the operators taking the most time.",
        "Profiling slows every operator down; measure speed without it."})
    Path profile;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws IOException {
        Path file = null;
        List<String> overrideTexts = new ArrayList<>();
        for (String argument : arguments) {
            if (argument.matches("[A-Za-z_][A-Za-z0-9_.\\[\\]-]*=.*") && !Files.exists(Path.of(argument))) {
                overrideTexts.add(argument);
            } else if (file == null) {
                file = Path.of(argument);
            } else {
                throw new picocli.CommandLine.ParameterException(command.commandLine(), "bench measures one file; got " + file + " and " + argument);
            }
        }
        if (file == null) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(), "no experiment file given, only overrides");
        }
        if (engine != null) {
            overrideTexts.add("runtime.engine=" + engine);
        }
        List<CompiledExperiment> experiments;
        if (ExperimentFiles.isScript(file)) {
            if (!overrideTexts.isEmpty()) {
                throw new SpecException(new SpecProblem(null, "", "overrides (and --engine) apply to YAML files, not to the script " + file,
                        "set the value in the script"));
            }
            experiments = SpecFiles.compile(file, Catalog.shared()).experiments();
        } else {
            experiments = SpecFiles.compileAll(ExperimentSource.read(file, SpecOverride.parseAll(overrideTexts)), Catalog.shared().topologies(),
                    Catalog.shared().datasets());
        }
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
        ai.djl.engine.Engine djl = Engines.use(spec);
        out.printf("bench: %s (model kind %s), N = %d, v = %d, R = %d, batch %d: %d warm-up + %d timed batches; engine %s %s%n",
                spec.name(), spec.model().kind(), nodes, spec.exchange().messageSize(), spec.exchange().rounds(), batch, warmup, batches,
                djl.getEngineName(), djl.getVersion());
        BatchClock clock = new BatchClock(warmup, batches, profile == null ? null : EngineProfiler.forEngine(djl.getEngineName()), profile);
        long started = System.nanoTime();
        Path scratch = Files.createTempDirectory("edgewise-bench-");
        try {
            CompiledExperiment benched = new CompiledExperiment(spec, experiment.specHash(), experiment.graphs());
            FamilyRun run = new FamilyRun(benched, data, new Seeds(spec.seed()), clock, Map::of, Catalog.shared().links(),
                    ArtifactSink.of(scratch, (name, artifact) -> {}));
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
        out.printf("  peak memory: %s resident (the whole process, native arrays included), JVM heap peak %.0f MB%n",
                peakResident().map(kb -> String.format("%.0f MB", kb / 1024.0)).orElse("unknown"), heapPeak() / 1e6);
        if (clock.operators != null) {
            out.printf("  %s's profile of the %d timed batches (trace: %s), self time per batch:%n", djl.getEngineName(), batches, profile);
            double total = clock.operators.stream().mapToDouble(EngineProfiler.Operator::selfMillis).sum();
            clock.operators.stream().limit(12).forEach(op -> out.printf("    %8.3f ms %5.1f %%  %6.1f calls  %s%n",
                    op.selfMillis() / batches, 100 * op.selfMillis() / total, (double) op.calls() / batches, op.name()));
            out.printf("    %8.3f ms in all operators%n", total / batches);
        }
        return 0;
    }

    /**
     * The process's peak resident set in kB ({@code VmHWM} of /proc/self/status, Linux): the native
     * engine allocates its arrays outside the JVM heap, so the heap alone would miss most of it.
     */
    static java.util.Optional<Long> peakResident() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return java.util.Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: the heap peak below still says something.
        }
        return java.util.Optional.empty();
    }

    private static long heapPeak() {
        long peak = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** One epoch of end-to-end training over exactly the benchmark's batches, evaluated on one batch. */
    private ExperimentSpec benchSpec(ExperimentSpec spec) {
        TrainingSpec t = spec.training();
        TrainingSpec training = new TrainingSpec(t.optimizer(), t.learningRate(), t.momentum(), 1, t.batchSize(), null);
        DataSpec d = spec.data();
        DataSpec data = new DataSpec(d.source(), (warmup + batches) * t.batchSize(), t.batchSize(), d.holdout(), d.view(), d.patches(), d.file());
        return new ExperimentSpec(spec.name(), spec.description(), spec.seed(), data, spec.topology(), spec.model(),
                spec.exchange(), spec.links(), spec.task(), spec.loss(), training, spec.evaluation(), spec.tracking(), spec.runtime(), null, null,
                null, spec.devices(), null);
    }

    /** Times between consecutive batches; the first interval starts when the phase starts. */
    private static final class BatchClock implements TrainingListener {
        /** End-to-end training; a family's pretraining is not what the benchmark measures. */
        private static final String TIMED = "train";

        private final List<Long> stamps = new ArrayList<>();
        private final int warmup;
        private final int batches;
        private final EngineProfiler profiler;
        private final Path trace;
        /** The profiled operators, most time first, once the timed batches are done (null without a profiler). */
        List<EngineProfiler.Operator> operators;

        BatchClock(int warmup, int batches, EngineProfiler profiler, Path trace) {
            this.warmup = warmup;
            this.batches = batches;
            this.profiler = profiler;
            this.trace = trace;
        }

        @Override
        public void phaseStarted(String phase, int epochs, int batchesPerEpoch) {
            if (phase.equals(TIMED)) {
                stamps.add(System.nanoTime());
                startProfileAfter(0);
            }
        }

        /** Starts the profiler once {@code finished} batches are done, if that is where the timed ones begin. */
        private void startProfileAfter(int finished) {
            if (profiler != null && finished == warmup) {
                profiler.start(trace.toAbsolutePath());
            }
        }

        @Override
        public void batchFinished(String phase) {
            if (phase.equals(TIMED)) {
                stamps.add(System.nanoTime());
                startProfileAfter(stamps.size() - 1);
                if (profiler != null && stamps.size() == warmup + batches + 1) {
                    try {
                        operators = profiler.stop();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException("reading the profile " + trace, e);
                    }
                }
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
