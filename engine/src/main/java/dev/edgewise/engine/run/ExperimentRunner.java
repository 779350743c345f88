package dev.edgewise.engine.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.edgewise.catalog.Catalog;
import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.links.LinkModelRegistry;
import dev.edgewise.engine.family.ArtifactSink;
import dev.edgewise.engine.family.FamilyRegistry;
import dev.edgewise.engine.family.FamilyRun;
import dev.edgewise.catalog.io.AtomicFiles;
import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.dsl.CanonicalSpec;
import dev.edgewise.dsl.SpecParams;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.engine.compare.PaperComparison;
import dev.edgewise.engine.compare.Table;
import dev.edgewise.engine.cache.RunCache;
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
    private final LinkModelRegistry links;
    private final DataCache cache;
    private final TrainingListener progress;
    private final String commandLine;

    public ExperimentRunner(Path runsRoot, Supplier<List<RunSink>> trackers, DatasetRegistry datasets, DataCache cache,
            TrainingListener progress, String commandLine) {
        this(runsRoot, trackers, datasets, Catalog.shared().links(), cache, progress, commandLine);
    }

    /** A runner whose link models resolve in {@code links} (a catalog of the caller's own). */
    public ExperimentRunner(Path runsRoot, Supplier<List<RunSink>> trackers, DatasetRegistry datasets, LinkModelRegistry links,
            DataCache cache, TrainingListener progress, String commandLine) {
        this.links = links;
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
        ImageDataset data = datasets.load(spec.data(), cache);
        // Before provenance (which names the engine) and before any block exists.
        Engines.use(spec);
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
        Path scratch = Scratch.create();
        try (RunRecorder recorder = new RunRecorder(store, sinks)) {
            recorder.start(info);
            Path runDir = recorder.runDir();
            // Ctrl-C runs shutdown hooks, not finally blocks: closing an unfinished recorder marks the run KILLED.
            Thread onInterrupt = new Thread(() -> {
                closeQuietly(recorder);
                deleteQuietly(scratch);
            }, "edgewise-mark-killed");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            Map<String, Double> finalMetrics = new LinkedHashMap<>();
            try {
                record(recorder, experiment, sourceFile, scratch, provenance);
                recorder.tag(RunCache.TAG, cacheKey);
                for (Map.Entry<String, String> tag : context.tags().entrySet()) {
                    recorder.tag(tag.getKey(), tag.getValue());
                }
                ImageDataset testData = spec.data().testSource() != null ? datasets.load(spec.data().testSource(), cache) : data;
                if (testData != data) {
                    // The spec hash names the test dataset; its fingerprint pins the content, as the training data's does.
                    recorder.tag("edgewise.data.test_fingerprint", testData.fingerprint());
                }
                finalMetrics.putAll(train(experiment, data, testData, recorder, scratch));
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
        recorder.artifact(RunStoreLayout.SPEC_ARTIFACT, write(scratch, RunStoreLayout.SPEC_ARTIFACT, CanonicalSpec.toYaml(spec)));
        recorder.artifact(RunStoreLayout.PROVENANCE_ARTIFACT, write(scratch, RunStoreLayout.PROVENANCE_ARTIFACT, provenance.toJson()));
        if (sourceFile != null) {
            recorder.artifact("source/" + sourceFile.getFileName(), sourceFile);
        }
    }

    /** The family trains and evaluates; the core records its final metrics, results.json and the reference comparison. */
    private Map<String, Double> train(CompiledExperiment experiment, ImageDataset data, ImageDataset testData, RunRecorder recorder,
            Path scratch) throws IOException {
        ExperimentSpec spec = experiment.spec();
        RecordingListener listener = new RecordingListener(recorder, progress, new TreeMap<>());
        ArtifactSink artifacts = ArtifactSink.of(scratch, recorder::artifact);
        FamilyRun run = new FamilyRun(experiment, data, new Seeds(spec.seed()), listener, listener::history, links, artifacts, testData);
        Map<String, Double> results = FamilyRegistry.of(spec.model()).run(run);
        recordFinalValues(recorder, results, listener.history(), spec.training().epochs());
        recorder.artifact(RunStoreLayout.RESULTS_ARTIFACT, write(scratch, RunStoreLayout.RESULTS_ARTIFACT, JSON.writeValueAsString(results)));
        if (spec.reference() != null) {
            Table comparison = PaperComparison.table(spec.reference(), List.of(new PaperComparison.Outcome(SpecParams.of(spec), results)));
            recorder.artifact(PaperComparison.MARKDOWN, write(scratch, PaperComparison.MARKDOWN, comparison.render(Table.Format.MD)));
            recorder.artifact(PaperComparison.CSV, write(scratch, PaperComparison.CSV, comparison.render(Table.Format.CSV)));
        }
        return results;
    }

    /**
     * Logs each final value so that every (key, step) holds one value and the final value is the
     * last of its key: a key without a per-epoch series gets it at {@code step}; a key with one gets
     * nothing when its last epoch already holds that value, else the value one step after its last
     * epoch (its own series' steps may be pretraining epochs, unrelated to {@code step}).
     */
    static void recordFinalValues(RunRecorder recorder, Map<String, Double> results, Map<String, SortedMap<Long, Double>> history,
            long step) throws IOException {
        for (Map.Entry<String, Double> result : results.entrySet()) {
            SortedMap<Long, Double> series = history.get(result.getKey());
            if (series == null || series.isEmpty()) {
                recorder.metric(result.getKey(), result.getValue(), step);
                continue;
            }
            long last = series.lastKey();
            if (Double.doubleToLongBits(series.get(last)) != Double.doubleToLongBits(result.getValue())) {
                recorder.metric(result.getKey(), result.getValue(), last + 1);
            }
        }
    }

    /**
     * Each step on its own: on a full or read-only disk the tag or the trace may not fit, and the
     * run must still end FAILED with its reason rather than be closed as KILLED.
     */
    private static void recordFailure(RunRecorder recorder, Throwable error, Path scratch) {
        try {
            recorder.tag("edgewise.error", String.valueOf(error.getMessage()));
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            recorder.artifact(RunStoreLayout.ERROR_ARTIFACT, write(scratch, RunStoreLayout.ERROR_ARTIFACT, trace.toString()));
        } catch (IOException | RuntimeException e) {
            error.addSuppressed(e);
            LOG.debug("could not record the error's details: {}", e.getMessage());
        }
        try {
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
