package dev.edgewise.engine.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.io.AtomicFiles;
import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.dsl.CanonicalSpec;
import dev.edgewise.dsl.SpecParams;
import dev.edgewise.dsl.spec.ExchangeSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.engine.compare.PaperComparison;
import dev.edgewise.engine.compare.Table;
import dev.edgewise.engine.plot.RunPlots;
import dev.edgewise.engine.cache.RunCache;
import dev.edgewise.engine.train.CrnnTrainer;
import dev.edgewise.engine.train.NodeSamples;
import dev.edgewise.engine.train.Seeds;
import dev.edgewise.engine.train.TrainingListener;
import dev.edgewise.engine.track.RunInfo;
import dev.edgewise.engine.track.RunProvenance;
import dev.edgewise.engine.track.RunRecorder;
import dev.edgewise.engine.track.RunSink;
import dev.edgewise.engine.track.RunStatus;
import dev.edgewise.engine.track.RunStore;
import dev.edgewise.engine.track.RunStoreLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one compiled experiment: data, training, evaluation, and the run record. Every event goes
 * to the local run store first and then to the trackers; a run that throws is recorded as FAILED
 * with its error before the exception leaves.
 */
public final class ExperimentRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path runsRoot;
    private final Supplier<List<RunSink>> trackers;
    private final DatasetRegistry datasets;
    private final DataCache cache;
    private final TrainingListener progress;
    private final String commandLine;

    public ExperimentRunner(Path runsRoot, Supplier<List<RunSink>> trackers, DatasetRegistry datasets, DataCache cache,
            TrainingListener progress, String commandLine) {
        this.runsRoot = runsRoot;
        this.trackers = trackers;
        this.datasets = datasets;
        this.cache = cache;
        this.progress = progress;
        this.commandLine = commandLine;
    }

    /** Runs {@code experiment}; {@code sourceFile} (may be null) is kept as an artifact beside the resolved spec. */
    public RunResult run(CompiledExperiment experiment, Path sourceFile) throws IOException {
        return run(experiment, sourceFile, RunContext.DEFAULT);
    }

    /**
     * Runs {@code experiment} as {@code context} says: with a chosen id, name, parent and extra tags,
     * and, when the context has a run cache, not at all if an identical run already finished (the
     * result then says {@code cached} and names that run).
     */
    public RunResult run(CompiledExperiment experiment, Path sourceFile, RunContext context) throws IOException {
        ExperimentSpec spec = experiment.spec();
        ImageDataset data = datasets.load(spec.data().source(), cache);
        RunProvenance provenance = Provenance.collect(experiment, data, commandLine);
        String cacheKey = RunCache.key(provenance);
        if (context.cache() != null) {
            Optional<RunResult> done = context.cache().lookup(spec.trackingExperiment(), cacheKey);
            if (done.isPresent()) {
                return done.get();
            }
        }
        long start = System.currentTimeMillis();
        String runId = context.runId() != null ? context.runId() : RunRecorder.newRunId();
        String runName = context.runName() != null ? context.runName() : spec.name() + "-" + runId.substring(0, 8);
        RunInfo info = new RunInfo(runId, spec.trackingExperiment(), runName, start, context.parentRunId(),
                System.getProperty("user.name", "unknown"));
        List<RunSink> sinks = spec.tracking().mlflow() ? trackers.get() : List.of();
        RunStore store = new RunStore(runsRoot);
        Path scratch = Files.createTempDirectory("edgewise-run-");
        try (RunRecorder recorder = new RunRecorder(store, sinks)) {
            recorder.start(info);
            Path runDir = recorder.runDir();
            // Ctrl-C runs shutdown hooks, not finally blocks: closing an unfinished recorder marks the run KILLED.
            Thread onInterrupt = new Thread(() -> closeQuietly(recorder), "edgewise-mark-killed");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            Map<String, Double> finalMetrics = new LinkedHashMap<>();
            try {
                record(recorder, experiment, sourceFile, scratch, provenance);
                recorder.tag(RunCache.TAG, cacheKey);
                for (Map.Entry<String, String> tag : context.tags().entrySet()) {
                    recorder.tag(tag.getKey(), tag.getValue());
                }
                finalMetrics.putAll(train(experiment, data, recorder, scratch));
                recorder.finish(RunStatus.FINISHED, null);
            } catch (RuntimeException | IOException | Error e) {
                recordFailure(recorder, e, scratch);
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
                throw e;
            }
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
            double seconds = (System.currentTimeMillis() - start) / 1000.0;
            return new RunResult(runId, spec.trackingExperiment(), RunStatus.FINISHED, runDir, finalMetrics, seconds);
        } finally {
            deleteQuietly(scratch);
        }
    }

    private void record(RunRecorder recorder, CompiledExperiment experiment, Path sourceFile, Path scratch, RunProvenance provenance)
            throws IOException {
        ExperimentSpec spec = experiment.spec();
        recorder.params(SpecParams.of(spec));
        for (Map.Entry<String, String> fact : provenance.tags().entrySet()) {
            recorder.tag(fact.getKey(), fact.getValue());
        }
        // MLflow's own system tags, so its UI shows source and commit in their usual places.
        recorder.tag("mlflow.source.name", sourceFile != null ? sourceFile.toString() : "edgewise");
        recorder.tag("mlflow.source.type", "LOCAL");
        if (provenance.code().gitCommit() != null) {
            recorder.tag("mlflow.source.git.commit", provenance.code().gitCommit());
        }
        if (!spec.description().isEmpty()) {
            recorder.tag("mlflow.note.content", spec.description());
        }
        recorder.artifact("spec.yaml", write(scratch, "spec.yaml", CanonicalSpec.toYaml(spec)));
        recorder.artifact(RunStoreLayout.PROVENANCE_ARTIFACT, write(scratch, RunStoreLayout.PROVENANCE_ARTIFACT, provenance.toJson()));
        if (sourceFile != null) {
            recorder.artifact("source/" + sourceFile.getFileName(), sourceFile);
        }
    }

    private Map<String, Double> train(CompiledExperiment experiment, ImageDataset data, RunRecorder recorder, Path scratch)
            throws IOException {
        if (experiment.spec().exchange().kindOrPeer() == ExchangeSpec.Kind.UPWARD) {
            return new SplitRun(recorder, progress).train(experiment, data, scratch);
        }
        ExperimentSpec spec = experiment.spec();
        Seeds seeds = new Seeds(spec.seed());
        int[][] pools = NodeSamples.split(data.size(), spec.data().holdout(), seeds.stream("data.split"));
        Map<Integer, NodeSamples> train = new LinkedHashMap<>();
        for (int size : spec.trainingNodes()) {
            // One stream per size, named so the quickstart's single size keeps the stream it always had.
            String stream = spec.trainingNodes().size() == 1 ? "data.train" : "data.train.n" + size;
            train.put(size, NodeSamples.draw(spec.data().trainSamples(), size, pools[0], data.labels(), spec.task().kind(),
                    seeds.stream(stream)));
        }
        Map<Integer, NodeSamples> test = new LinkedHashMap<>();
        for (int size : spec.evaluationNodes()) {
            String stream = size == spec.topology().nodes() ? "data.test" : "data.test.n" + size;
            test.put(size, NodeSamples.draw(spec.data().testSamples(), size, pools[1], data.labels(), spec.task().kind(),
                    seeds.stream(stream)));
        }
        NodeSamples mainTest = test.get(spec.topology().nodes());
        RecordingListener listener = new RecordingListener(recorder, progress, new TreeMap<>());
        try (CrnnTrainer trainer = new CrnnTrainer(spec, data, experiment.adjacency(), seeds)) {
            Map<String, Double> results = new LinkedHashMap<>();
            if (spec.model().extractor().pretrain().epochs() > 0) {
                results.put("pretrain_test_accuracy", trainer.pretrain(pools[0], pools[1], listener));
            }
            trainer.train(train, mainTest, listener);
            results.putAll(trainer.evaluate(mainTest).metrics("test_"));
            for (Map.Entry<Integer, NodeSamples> size : test.entrySet()) {
                if (size.getKey() != spec.topology().nodes()) {
                    results.putAll(trainer.evaluate(size.getValue()).metrics("n" + size.getKey() + "/test_"));
                }
            }
            NodeSamples mainTrain = train.getOrDefault(spec.topology().nodes(), train.values().iterator().next());
            results.putAll(trainer.evaluate(mainTrain).metrics("train_"));
            results.putAll(Accounting.of(experiment).metrics());
            // What DJL allocated, not what the accounting says it should: the two agree (CrnnAccountingTest).
            results.put("cell_parameters", (double) parameters(trainer.network().cell()));
            results.put("extractor_parameters", (double) parameters(trainer.network().extractor()));
            long step = spec.training().epochs();
            for (Map.Entry<String, Double> result : results.entrySet()) {
                recorder.metric(result.getKey(), result.getValue(), step);
            }
            recorder.artifact("results.json", write(scratch, "results.json", JSON.writeValueAsString(results)));
            if (spec.reference() != null) {
                Table comparison = PaperComparison.table(spec.reference(), List.of(new PaperComparison.Outcome(SpecParams.of(spec), results)));
                recorder.artifact(PaperComparison.MARKDOWN, write(scratch, PaperComparison.MARKDOWN, comparison.render(Table.Format.MD)));
                recorder.artifact(PaperComparison.CSV, write(scratch, PaperComparison.CSV, comparison.render(Table.Format.CSV)));
            }
            plot(recorder, scratch, spec, listener.history(), trainer.pattern(mainTest, 0));
            Path model = trainer.saveParameters(scratch.resolve("model"));
            recorder.artifact("model/" + model.getFileName(), model);
            return results;
        }
    }

    /** Training curves, messages over training (the paper's Figure 8) and one sample's communication pattern (Figure 6). */
    private static void plot(RunRecorder recorder, Path scratch, ExperimentSpec spec, Map<String, SortedMap<Long, Double>> history,
            float[][] pattern) throws IOException {
        Path plots = Files.createDirectories(scratch.resolve("plots"));
        recorder.artifact("plots/loss.png", RunPlots.curves(plots.resolve("loss.png"), spec.name() + ": loss and RMSE", "value",
                select(history, "train_loss", "test_rmse")));
        recorder.artifact("plots/accuracy.png", RunPlots.curves(plots.resolve("accuracy.png"), spec.name() + ": test accuracy",
                "exact accuracy", select(history, "test_accuracy")));
        recorder.artifact("plots/messages.png", RunPlots.curves(plots.resolve("messages.png"),
                spec.name() + ": messages per test sample (of " + spec.topology().nodes() * spec.exchange().rounds() + ")", "messages",
                select(history, "test_messages_per_sample")));
        recorder.artifact("plots/pattern.png", RunPlots.communicationPattern(plots.resolve("pattern.png"),
                spec.name() + ": who transmits (green), test sample 0", pattern));
    }

    static Map<String, SortedMap<Long, Double>> select(Map<String, SortedMap<Long, Double>> history, String... keys) {
        Map<String, SortedMap<Long, Double>> chosen = new LinkedHashMap<>();
        for (String key : keys) {
            chosen.put(key, history.getOrDefault(key, new TreeMap<>()));
        }
        return chosen;
    }

    private static long parameters(ai.djl.nn.Block block) {
        return block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    private static void recordFailure(RunRecorder recorder, Throwable error, Path scratch) {
        try {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            recorder.tag("edgewise.error", String.valueOf(error.getMessage()));
            recorder.artifact("error.txt", write(scratch, "error.txt", trace.toString()));
            recorder.finish(RunStatus.FAILED, error.getClass().getSimpleName() + ": " + error.getMessage());
        } catch (IOException | RuntimeException e) {
            error.addSuppressed(e);
            LOG.error("could not record the failure of the run: {}", e.getMessage());
        }
    }

    private static void closeQuietly(RunRecorder recorder) {
        try {
            recorder.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not mark the interrupted run as KILLED: {}", e.getMessage());
        }
    }

    static Path write(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static void deleteQuietly(Path dir) {
        try {
            AtomicFiles.deleteTree(dir);
        } catch (IOException e) {
            LOG.debug("leaving temporary folder {}: {}", dir, e.getMessage());
        }
    }

    /** Logs every epoch's metrics at step = epoch, keeps their history for plots, and passes progress on. */
    record RecordingListener(RunRecorder recorder, TrainingListener progress, Map<String, SortedMap<Long, Double>> history)
            implements TrainingListener {

        @Override
        public void phaseStarted(String phase, int epochs, int batchesPerEpoch) {
            progress.phaseStarted(phase, epochs, batchesPerEpoch);
        }

        @Override
        public void batchFinished(String phase) {
            progress.batchFinished(phase);
        }

        @Override
        public void epochFinished(String phase, int epoch, Map<String, Double> metrics) {
            try {
                for (Map.Entry<String, Double> metric : metrics.entrySet()) {
                    recorder.metric(metric.getKey(), metric.getValue(), epoch);
                }
                recorder.flush();
            } catch (IOException e) {
                // The run store is the record of the run: without it the run must not go on.
                throw new UncheckedIOException("cannot write the run store", e);
            }
            metrics.forEach((key, value) -> history.computeIfAbsent(key, k -> new TreeMap<>()).put((long) epoch, value));
            progress.epochFinished(phase, epoch, metrics);
        }
    }
}
