package dev.edgewise.engine.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.edgewise.catalog.io.AtomicFiles;
import dev.edgewise.dsl.CanonicalSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.ReferenceSpec;
import dev.edgewise.engine.compare.PaperComparison;
import dev.edgewise.engine.family.ArtifactSink;
import dev.edgewise.engine.family.FamilyRegistry;
import dev.edgewise.engine.family.PointSummary;
import dev.edgewise.dsl.sweep.ExperimentSource;
import dev.edgewise.dsl.sweep.SweepPlot;
import dev.edgewise.dsl.sweep.SweepPoint;
import dev.edgewise.engine.plot.RunPlots;
import dev.edgewise.engine.compare.Metrics;
import dev.edgewise.engine.compare.Table;
import dev.edgewise.engine.run.Provenance;
import dev.edgewise.dsl.SpecParams;
import dev.edgewise.engine.track.RunInfo;
import dev.edgewise.engine.track.RunProvenance;
import dev.edgewise.engine.track.RunRecorder;
import dev.edgewise.engine.track.RunSink;
import dev.edgewise.engine.track.RunStatus;
import dev.edgewise.engine.track.RunStore;
import dev.edgewise.engine.track.RunStoreLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every point of a sweep under one parent run: the parent carries the sweep's spec and, at the
 * end, a summary table (CSV and Markdown) and each point's log; every point is a run of its own,
 * nested under the parent in MLflow, its params its resolved values.
 *
 * <p>Up to {@code jobs} points run at once. A point that fails does not stop the others (unless
 * fail-fast); the parent is then FAILED and its error lists which points failed and why.
 */
public final class SweepRunner implements SweepExecutor {

    public static final String TAG_POINT = "edgewise.sweep.point";
    public static final String TAG_VALUES = "edgewise.sweep.values";
    public static final String TAG_POINTS = "edgewise.sweep.points";
    /** On a baseline's run: the baseline's name from the spec's baselines block. */
    public static final String TAG_BASELINE = "edgewise.baseline";
    public static final String SUMMARY_CSV = "summary.csv";

    private static final Logger log = LoggerFactory.getLogger(SweepRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param jobs points run at once
     * @param failFast stop at the first failed point (the ones running are stopped, the rest skipped)
     * @param force compute every point even when an identical run already finished
     */
    public record Options(Path runs, Path mlruns, int jobs, boolean failFast, boolean force, String commandLine) {}

    /** How one point ended. {@code status} is FINISHED, FAILED, KILLED or SKIPPED; {@code runId} is a cached run's when cached. */
    public record PointOutcome(SweepPoint point, String runId, String status, boolean cached, double seconds, Map<String, Double> metrics,
            String error, Path runDir) {

        public boolean ok() {
            return status.equals("FINISHED");
        }
    }

    /**
     * The parent run and every point's outcome, in point order.
     *
     * @param submitted the points were handed to a scheduler and are not done yet: {@code points} is empty
     */
    public record Result(String parentRunId, Path parentDir, List<PointOutcome> points, boolean submitted) {

        public Result(String parentRunId, Path parentDir, List<PointOutcome> points) {
            this(parentRunId, parentDir, points, false);
        }

        public List<PointOutcome> failed() {
            return points.stream().filter(p -> !p.ok()).toList();
        }
    }

    private final Options options;
    private final Supplier<List<RunSink>> trackers;
    private final PointExecutor executor;
    private final PrintWriter out;
    /** Set by the shutdown hook (Ctrl-C, SIGTERM): no point starts after it. */
    private volatile boolean interrupted;

    public SweepRunner(Options options, Supplier<List<RunSink>> trackers, PointExecutor executor, PrintWriter out) {
        this.options = options;
        this.trackers = trackers;
        this.executor = executor;
        this.out = out;
    }

    @Override
    public Result run(ExperimentSource source, Path sourceFile) throws IOException {
        ExperimentSpec base = source.base().spec();
        List<SweepPoint> points = source.points();
        String parentId = RunRecorder.newRunId();
        RunInfo info = parentInfo(base, parentId, points.size());
        List<RunSink> sinks = base.tracking().mlflow() ? trackers.get() : List.of();
        Path scratch = Files.createTempDirectory("edgewise-sweep-");
        try (RunRecorder recorder = new RunRecorder(new RunStore(options.runs()), sinks)) {
            recorder.start(info);
            Path parentDir = recorder.runDir();
            AtomicBoolean done = new AtomicBoolean();
            // Ctrl-C: stop the points (they record themselves KILLED), then mark the parent KILLED.
            Thread onInterrupt = new Thread(() -> {
                if (!done.get()) {
                    interrupted = true;
                    executor.cancelAll();
                    try {
                        recorder.close();
                    } catch (IOException | RuntimeException e) {
                        log.warn("could not mark the interrupted sweep as KILLED: {}", e.getMessage());
                    }
                }
            }, "edgewise-sweep-killed");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            try {
                recordParent(recorder, source, sourceFile, scratch);
                // The points are other processes: the parent must exist on the tracker before they look it up.
                recorder.drain();
                out.printf("sweep %s: %d points, %d at a time%s; parent run %s%n", base.name(), points.size(), options.jobs(),
                        executor.threadsPerJob() == null ? "" : ", " + executor.threadsPerJob() + " native thread(s) each", parentId);
                List<PointOutcome> outcomes = runPoints(source, sourceFile, parentId, scratch);
                finishParent(recorder, source, outcomes, scratch, 0);
                done.set(true);
                return new Result(parentId, parentDir, outcomes);
            } catch (RuntimeException | IOException | Error e) {
                done.set(true);
                executor.cancelAll();
                recorder.tag("edgewise.error", String.valueOf(e.getMessage()));
                recorder.finish(RunStatus.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
                throw e;
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(onInterrupt);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is running or about to: it checks 'done'.
                }
            }
        } finally {
            try {
                AtomicFiles.deleteTree(scratch);
            } catch (IOException e) {
                log.debug("leaving {}: {}", scratch, e.getMessage());
            }
        }
    }

    /** The parent run of a sweep of {@code points} points. */
    public static RunInfo parentInfo(ExperimentSpec base, String parentId, int points) {
        return new RunInfo(parentId, base.trackingExperiment(), base.name() + " sweep (" + points + " points)",
                System.currentTimeMillis(), null, System.getProperty("user.name", "unknown"));
    }

    public void recordParent(RunRecorder recorder, ExperimentSource source, Path sourceFile, Path scratch) throws IOException {
        ExperimentSpec base = source.base().spec();
        recorder.params(SpecParams.of(base));
        RunProvenance provenance = Provenance.withoutData(CanonicalSpec.hash(base), base.seed(), options.commandLine());
        for (Map.Entry<String, String> tag : provenance.tags().entrySet()) {
            recorder.tag(tag.getKey(), tag.getValue());
        }
        recorder.tag(TAG_POINTS, Integer.toString(source.points().size()));
        recorder.tag("edgewise.sweep.paths", String.join(", ", source.sweptPaths()));
        recorder.tag("mlflow.source.name", sourceFile != null ? sourceFile.toString() : "edgewise");
        recorder.tag("mlflow.source.type", "LOCAL");
        if (provenance.code().gitCommit() != null) {
            recorder.tag("mlflow.source.git.commit", provenance.code().gitCommit());
        }
        if (!base.description().isEmpty()) {
            recorder.tag("mlflow.note.content", base.description());
        }
        recorder.artifact(RunStoreLayout.SPEC_ARTIFACT, write(scratch, RunStoreLayout.SPEC_ARTIFACT, CanonicalSpec.toYaml(base)));
        recorder.artifact(RunStoreLayout.PROVENANCE_ARTIFACT, write(scratch, RunStoreLayout.PROVENANCE_ARTIFACT, provenance.toJson()));
        if (sourceFile != null) {
            recorder.artifact("source/" + sourceFile.getFileName(), sourceFile);
        }
    }

    private List<PointOutcome> runPoints(ExperimentSource source, Path sourceFile, String parentId, Path scratch) throws IOException {
        return runPoints(source.points(), jobs(source, sourceFile, parentId, scratch), scratch);
    }

    /**
     * Runs {@code points} (any list: a search's trials too) as children of {@code parentId}, up to
     * {@code jobs} at once, each with its spec and log in {@code scratch} named by its index.
     */
    public List<PointOutcome> runPoints(ExperimentSpec base, List<SweepPoint> points, Path sourceFile, String parentId, Path scratch)
            throws IOException {
        List<PointJob> jobs = new ArrayList<>();
        for (SweepPoint point : points) {
            Path spec = write(scratch, fileName(point, ".yaml"), CanonicalSpec.toYaml(point.loaded().spec()));
            jobs.add(job(base, point, spec, sourceFile, RunRecorder.newRunId(), parentId, scratch.resolve(fileName(point, ".json"))));
        }
        return runPoints(points, jobs, scratch);
    }

    /** Whether Ctrl-C stopped the runs (no point starts after it). */
    public boolean interrupted() {
        return interrupted;
    }

    /**
     * What Ctrl-C does to a sweep's points, for a caller that owns the parent run (a search): no
     * point starts after it, and the ones running are stopped (they record themselves KILLED).
     */
    public void interrupt() {
        interrupted = true;
        executor.cancelAll();
    }

    private List<PointOutcome> runPoints(List<SweepPoint> points, List<PointJob> jobs, Path scratch) throws IOException {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(options.jobs(), r -> {
            Thread t = new Thread(r, "edgewise-sweep-job");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<PointOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                SweepPoint point = points.get(i);
                PointJob job = jobs.get(i);
                Path logFile = scratch.resolve(fileName(point, ".log"));
                futures.add(pool.submit(() -> runPoint(point, job, logFile, stop)));
            }
            List<PointOutcome> outcomes = new ArrayList<>();
            for (Future<PointOutcome> future : futures) {
                try {
                    outcomes.add(future.get());
                } catch (ExecutionException e) {
                    throw new IOException("a sweep job failed unexpectedly: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    executor.cancelAll();
                    throw new IOException("interrupted while running the sweep", e);
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One job per point, its resolved spec written into {@code dir} beside where its result will be:
     * {@code point-0001.yaml}, {@code point-0001.json} (and its log, {@code point-0001.log}).
     */
    public List<PointJob> jobs(ExperimentSource source, Path sourceFile, String parentId, Path dir) throws IOException {
        ExperimentSpec base = source.base().spec();
        List<PointJob> jobs = new ArrayList<>();
        for (SweepPoint point : source.points()) {
            Path spec = write(dir, fileName(point, ".yaml"), CanonicalSpec.toYaml(point.loaded().spec()));
            jobs.add(job(base, point, spec, sourceFile, RunRecorder.newRunId(), parentId, dir.resolve(fileName(point, ".json"))));
        }
        return jobs;
    }

    /** The job of one point, as a run with id {@code runId} under {@code parentId}. */
    public PointJob job(ExperimentSpec base, SweepPoint point, Path spec, Path sourceFile, String runId, String parentId, Path result) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(TAG_POINT, point.ordinal());
        if (point.baseline() != null) {
            tags.put(TAG_BASELINE, point.baseline());
        }
        tags.put(TAG_VALUES, point.label());
        String runName = base.name() + " " + point.ordinal() + (point.label().isEmpty() ? "" : " " + point.label());
        return new PointJob(spec, sourceFile, runId, runName, parentId, tags, options.runs(), options.mlruns(),
                options.force(), options.commandLine() + " [point " + point.ordinal() + "]", result);
    }

    /** A point's files share this stem: point-0001.yaml, .json, .log (numbered from 1, as the points are). */
    public static String fileName(SweepPoint point, String suffix) {
        return String.format("point-%04d%s", point.index() + 1, suffix);
    }

    /** How a point ended, as its result file says. */
    public static PointOutcome outcome(SweepPoint point, PointResult r) {
        return new PointOutcome(point, r.runId(), r.status(), r.cached(), r.seconds(), r.metrics(), r.error(), r.runDir());
    }

    private PointOutcome runPoint(SweepPoint point, PointJob job, Path logFile, AtomicBoolean stop) throws IOException {
        if (interrupted) {
            return report(new PointOutcome(point, null, "SKIPPED", false, 0, Map.of(), "not run: the sweep was interrupted", null));
        }
        if (stop.get()) {
            return report(new PointOutcome(point, null, "SKIPPED", false, 0, Map.of(), "not run: an earlier point failed (--fail-fast)", null));
        }
        // One job at a time shares the terminal; several would interleave, so they are only logged.
        PrintWriter echo = options.jobs() == 1 ? out : null;
        if (echo != null) {
            synchronized (out) {
                out.printf("%n[%s] %s%n", point.ordinal(), point.label());
                out.flush();
            }
        }
        Optional<PointResult> result;
        try {
            result = executor.execute(job, logFile, echo);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return report(new PointOutcome(point, job.runId(), "KILLED", false, 0, Map.of(), "interrupted", null));
        }
        PointOutcome outcome;
        if (result.isPresent()) {
            outcome = outcome(point, result.get());
        } else if (interrupted) {
            outcome = new PointOutcome(point, job.runId(), "KILLED", false, 0, Map.of(), "stopped: the sweep was interrupted", null);
        } else if (stop.get()) {
            outcome = new PointOutcome(point, job.runId(), "KILLED", false, 0, Map.of(), "stopped: an earlier point failed (--fail-fast)", null);
        } else {
            outcome = new PointOutcome(point, job.runId(), "FAILED", false, 0, Map.of(),
                    "its process ended without a result" + tail(logFile), null);
        }
        if (!outcome.ok() && options.failFast() && stop.compareAndSet(false, true)) {
            executor.cancelAll();
        }
        return report(outcome);
    }

    public PointOutcome report(PointOutcome o) {
        StringBuilder line = new StringBuilder("[" + o.point().ordinal() + "] " + o.point().label() + ": ");
        if (o.cached()) {
            line.append("cached (run ").append(o.runId(), 0, 12).append(")");
        } else if (o.ok()) {
            line.append(String.format("finished in %.1f s (run %s)", o.seconds(), o.runId().substring(0, 12)));
        } else {
            line.append(o.status()).append(": ").append(firstLine(o.error()));
        }
        for (String key : Metrics.headline(o.metrics(), 2)) {
            line.append(String.format("  %s %.4f", key, o.metrics().get(key)));
        }
        synchronized (out) {
            out.println(line);
            out.flush();
        }
        return o;
    }

    /**
     * Ends the parent run: summary, comparison, plots, every point's log found in {@code scratch},
     * counts (at step {@code attempt}: a resumed sweep counts again) and its status.
     */
    public void finishParent(RunRecorder recorder, ExperimentSource source, List<PointOutcome> outcomes, Path scratch, long attempt)
            throws IOException {
        Table table = summary(source, outcomes);
        recorder.artifact(SUMMARY_CSV, write(scratch, SUMMARY_CSV, table.render(Table.Format.CSV)));
        recorder.artifact("summary.md", write(scratch, "summary.md", table.render(Table.Format.MD)));
        ReferenceSpec reference = source.base().spec().reference();
        List<PaperComparison.Outcome> compared = outcomes.stream().filter(PointOutcome::ok)
                .map(o -> new PaperComparison.Outcome(o.point().referenceParams(), o.metrics())).toList();
        if (reference != null) {
            Table comparison = PaperComparison.table(reference, compared);
            recorder.artifact(PaperComparison.MARKDOWN, write(scratch, PaperComparison.MARKDOWN, comparison.render(Table.Format.MD)));
            recorder.artifact(PaperComparison.CSV, write(scratch, PaperComparison.CSV, comparison.render(Table.Format.CSV)));
        }
        var list = JSON.createArrayNode();
        for (PointOutcome o : outcomes) {
            list.addObject().put("point", o.point().ordinal()).put("label", o.point().label()).put("run_id", o.runId())
                    .put("status", o.status()).put("cached", o.cached());
        }
        recorder.artifact(RunStoreLayout.POINTS_ARTIFACT, write(scratch, RunStoreLayout.POINTS_ARTIFACT, JSON.writeValueAsString(list)));
        // A file with baselines and no sweep block is a sweep of its baselines, with no plots of its own.
        List<SweepPlot> plots = source.base().spec().sweep() == null ? List.of() : source.base().spec().sweep().plots();
        for (SweepPlot plot : plots) {
            Path png = Files.createDirectories(scratch.resolve("plots")).resolve(plot.name() + ".png");
            recorder.artifact("plots/" + plot.name() + ".png", RunPlots.lines(png, source.base().spec().name() + ": " + plot.y()
                    + " against " + plot.x(), plot.x(), plot.y(), plotted(source, plot, outcomes), plot.logX()));
        }
        try (var logs = Files.list(scratch)) {
            for (Path logFile : logs.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList()) {
                recorder.artifact("logs/" + logFile.getFileName(), logFile);
            }
        }
        familyFigures(recorder, source, outcomes, scratch);
        long finished = outcomes.stream().filter(PointOutcome::ok).count();
        long cached = outcomes.stream().filter(PointOutcome::cached).count();
        recorder.metric("points_finished", finished, attempt);
        recorder.metric("points_cached", cached, attempt);
        recorder.metric("points_failed", outcomes.size() - finished, attempt);
        out.println();
        out.print(shortSummary(source, outcomes).render(Table.Format.TEXT));
        if (reference != null) {
            out.printf("%nbeside %s (comparison.md in the parent run has the notes):%n", reference.source());
            out.print(PaperComparison.table(reference, compared, false).render(Table.Format.TEXT));
        }
        List<PointOutcome> failed = outcomes.stream().filter(p -> !p.ok()).toList();
        if (failed.isEmpty()) {
            recorder.finish(RunStatus.FINISHED, null);
            out.printf("%nsweep finished: %d points (%d cached)%n", outcomes.size(), cached);
        } else {
            StringBuilder error = new StringBuilder(failed.size() + " of " + outcomes.size() + " points did not finish:");
            for (PointOutcome p : failed) {
                error.append("\n  [").append(p.point().ordinal()).append("] ").append(p.point().label()).append(": ")
                        .append(p.status()).append(" — ").append(firstLine(p.error()));
            }
            recorder.tag("edgewise.error", error.toString());
            recorder.finish(RunStatus.FAILED, error.toString());
            out.printf("%n%s%n", error);
        }
    }

    /** The finished points of a chart, by series; a point without a numeric x or y is left out. */
    static Map<String, List<double[]>> plotted(ExperimentSource source, SweepPlot plot, List<PointOutcome> outcomes) {
        Map<String, List<double[]>> series = new TreeMap<>();
        for (PointOutcome o : outcomes.stream().filter(PointOutcome::ok).toList()) {
            Double x = number(value(source, o, plot.x()));
            Double y = number(value(source, o, plot.y()));
            if (x == null || y == null) {
                continue;
            }
            String line = plot.series() == null ? plot.y() : plot.series() + " = " + Table.show(value(source, o, plot.series()));
            series.computeIfAbsent(line, k -> new ArrayList<>()).add(new double[] {x, y});
        }
        return series;
    }

    private static Object value(ExperimentSource source, PointOutcome o, String key) {
        return source.sweptPaths().contains(key) ? o.point().values().get(key) : o.metrics().get(key);
    }

    private static Double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return value == null ? null : Double.valueOf(value.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The figures the experiment's model family draws over a sweep's finished points, on the parent run. */
    private static void familyFigures(RunRecorder recorder, ExperimentSource source, List<PointOutcome> outcomes, Path scratch)
            throws IOException {
        List<PointSummary> points = new ArrayList<>();
        for (PointOutcome o : outcomes) {
            if (o.ok()) {
                points.add(new PointSummary(o.point().loaded().spec(), o.point().baseline(), o.runId(), o.metrics()));
            }
        }
        if (points.isEmpty()) {
            return;
        }
        FamilyRegistry.of(source.base().spec().model()).sweepFigures(points, ArtifactSink.of(scratch, recorder::artifact));
    }

    /** Every point with its values, status, run and every metric: the parent's summary artifact. */
    static Table summary(ExperimentSource source, List<PointOutcome> outcomes) {
        Set<String> metricKeys = new LinkedHashSet<>();
        outcomes.forEach(o -> metricKeys.addAll(o.metrics().keySet()));
        List<String> headers = new ArrayList<>(List.of("point", "repeat", "seed"));
        headers.addAll(source.sweptPaths());
        headers.addAll(List.of("status", "cached", "seconds", "run_id"));
        headers.addAll(metricKeys);
        headers.add("error");
        Table table = new Table(headers);
        for (PointOutcome o : outcomes) {
            List<Object> row = new ArrayList<>(List.of(o.point().ordinal(), (long) o.point().repeat(), o.point().loaded().spec().seed()));
            for (String path : source.sweptPaths()) {
                row.add(o.point().values().get(path));
            }
            row.addAll(List.of(o.status(), Boolean.toString(o.cached()), o.seconds()));
            row.add(o.runId());
            for (String key : metricKeys) {
                row.add(o.metrics().get(key));
            }
            // The first line says what went wrong; the point's run (error.txt) has the whole trace.
            row.add(o.error() == null ? null : firstLine(o.error()));
            table.add(row);
        }
        return table;
    }

    private static Table shortSummary(ExperimentSource source, List<PointOutcome> outcomes) {
        Map<String, Double> any = new LinkedHashMap<>();
        outcomes.forEach(o -> any.putAll(o.metrics()));
        List<String> shown = Metrics.headline(any, 3);
        List<String> headers = new ArrayList<>(List.of("point"));
        headers.addAll(source.sweptPaths());
        if (source.points().stream().anyMatch(p -> p.repeat() > 0)) {
            headers.add("repeat");
        }
        headers.add("status");
        headers.addAll(shown);
        headers.add("run");
        Table table = new Table(headers);
        for (PointOutcome o : outcomes) {
            List<Object> row = new ArrayList<>(List.of(o.point().ordinal()));
            source.sweptPaths().forEach(path -> row.add(o.point().values().get(path)));
            if (headers.contains("repeat")) {
                row.add((long) o.point().repeat());
            }
            row.add(o.cached() ? "cached" : o.status());
            shown.forEach(key -> row.add(o.metrics().get(key)));
            row.add(o.runId() == null ? "" : o.runId().substring(0, 12));
            table.add(row);
        }
        return table;
    }

    /** "; its log ends: ..." with the last lines of {@code logFile}, or nothing. */
    public static String tail(Path logFile) {
        if (logFile == null || !Files.isRegularFile(logFile)) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            List<String> last = lines.subList(Math.max(0, lines.size() - 5), lines.size());
            return last.isEmpty() ? "" : "; its log ends:\n    " + String.join("\n    ", last);
        } catch (IOException e) {
            return "";
        }
    }

    public static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    public static Path write(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
