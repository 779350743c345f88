package dev.edgewise.engine.ci;

import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.catalog.io.AtomicFiles;
import dev.edgewise.catalog.topology.TopologyRegistry;
import dev.edgewise.dsl.CanonicalSpec;
import dev.edgewise.dsl.sweep.SweepPoint;
import dev.edgewise.engine.compare.Table;
import dev.edgewise.engine.sweep.PointExecutor;
import dev.edgewise.engine.sweep.PointJob;
import dev.edgewise.engine.sweep.PointResult;
import dev.edgewise.engine.sweep.Points;
import dev.edgewise.engine.track.RunRecorder;
import dev.edgewise.engine.track.RunFolder;
import dev.edgewise.engine.track.RunProvenance;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the CI suite: every point of every entry, each in its own JVM with pinned native threads,
 * up to {@code jobs} at once; then either compares each guarded metric with its reference or, with
 * {@code update}, rewrites the references from these runs and says what changed.
 */
public final class CiRunner {

    public static final String TAG_ENTRY = "edgewise.ci.entry";
    public static final String TAG_POINT = "edgewise.ci.point";

    /** Provenance facts kept in a reference: what a later reader needs to judge a drift. */
    static final List<String> RECORDED_WITH = List.of(RunProvenance.GIT_COMMIT, RunProvenance.CODE_FINGERPRINT,
            RunProvenance.EDGEWISE_VERSION, RunProvenance.DJL_VERSION, RunProvenance.ENGINE_VERSION, RunProvenance.NATIVE_LIBRARY,
            RunProvenance.OMP_NUM_THREADS, RunProvenance.CPU, RunProvenance.OS, RunProvenance.JAVA_VERSION,
            RunProvenance.DATA_FINGERPRINT);

    /**
     * @param only entry names to run; empty runs them all
     * @param junit where the JUnit XML report goes; null for none
     */
    public record Options(Path runs, Path mlruns, int jobs, boolean force, boolean update, Path junit, List<String> only, String commandLine) {}

    public enum Verdict {
        PASS, IMPROVED, DRIFT, NO_REFERENCE, NO_METRIC, RUN_FAILED, UNCOVERED;

        public boolean fails() {
            return this != PASS && this != IMPROVED;
        }
    }

    /** One guarded metric of one point, or one failure that has no metric (a run that failed, an uncovered file). */
    public record Check(String entry, String point, String metric, Double reference, Double current, CiEntry.Tolerance tolerance,
            Verdict verdict, String message, double seconds) {}

    public record Report(List<Check> checks, double seconds, List<String> notes) {

        public List<Check> failures() {
            return checks.stream().filter(c -> c.verdict().fails()).toList();
        }
    }

    private record Ran(CiSuite.Entry entry, SweepPoint point, PointResult result, String error, double seconds) {}

    private final Options options;
    private final PointExecutor executor;
    private final DatasetRegistry datasets;
    private final PrintWriter out;

    public CiRunner(Options options, PointExecutor executor, DatasetRegistry datasets, PrintWriter out) {
        this.options = options;
        this.executor = executor;
        this.datasets = datasets;
        this.out = out;
    }

    public Report run(CiSuite suite) throws IOException {
        long start = System.nanoTime();
        List<CiSuite.Entry> entries = suite.entries().stream()
                .filter(e -> options.only().isEmpty() || options.only().contains(e.name())).toList();
        List<String> unknown = options.only().stream().filter(n -> suite.entries().stream().noneMatch(e -> e.name().equals(n))).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no CI entry " + String.join(", ", unknown) + " in " + suite.ciDir() + "; entries: "
                    + String.join(", ", suite.entries().stream().map(CiSuite.Entry::name).toList()));
        }
        TopologyRegistry topologies = new TopologyRegistry();
        for (CiSuite.Entry entry : entries) {
            Points.compileAll(entry.source(), topologies, datasets);
        }
        int points = entries.stream().mapToInt(e -> e.source().points().size()).sum();
        out.printf("CI suite %s: %d entr%s, %d run(s), %d at a time%s%n", CiSuite.relative(suite.root(), suite.ciDir()), entries.size(),
                entries.size() == 1 ? "y" : "ies", points, options.jobs(), options.update() ? ", updating references" : "");
        List<Ran> ran = runAll(entries);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> notes = new ArrayList<>();
        if (seconds > suite.settings().timeBudgetSeconds()) {
            notes.add(String.format("the suite took %.0f s, over its budget of %d s (ci/suite.yaml): shrink an entry's budget",
                    seconds, suite.settings().timeBudgetSeconds()));
        }
        List<Check> checks = new ArrayList<>();
        if (options.update()) {
            update(suite, entries, ran, checks);
        } else {
            compare(suite, entries, ran, checks, notes);
        }
        if (options.only().isEmpty()) {
            for (String file : suite.uncovered()) {
                checks.add(new Check("(coverage)", "", file, null, null, null, Verdict.UNCOVERED,
                        file + " is not in the CI suite: add ci/<name>.yaml for it (ci/README.md), or list it under not_covered"
                                + " in ci/suite.yaml with the reason", 0));
            }
        }
        Report report = new Report(checks, seconds, notes);
        if (options.junit() != null) {
            JUnitReport.write(report, options.junit());
        }
        return report;
    }

    private List<Ran> runAll(List<CiSuite.Entry> entries) throws IOException {
        Path scratch = Files.createTempDirectory("edgewise-ci-");
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.jobs()), r -> {
            Thread t = new Thread(r, "edgewise-ci-job");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Ran>> futures = new ArrayList<>();
            int n = 0;
            for (CiSuite.Entry entry : entries) {
                if (entry.source().isSearch()) {
                    // A search is one check: its parent's metrics (counts, rejections, the best trial's metric), its trials run inside it.
                    SweepPoint whole = new SweepPoint(0, 1, 0, Map.of(), "", entry.source().base());
                    Path searchScratch = Files.createDirectories(scratch.resolve(String.format("%03d-%s", ++n, entry.name())));
                    futures.add(pool.submit(() -> runSearch(entry, whole, searchScratch)));
                    continue;
                }
                for (SweepPoint point : entry.source().points()) {
                    String stem = String.format("%03d-%s", ++n, entry.name());
                    Path spec = scratch.resolve(stem + ".yaml");
                    Files.writeString(spec, CanonicalSpec.toYaml(point.loaded().spec()), StandardCharsets.UTF_8);
                    Map<String, String> tags = new LinkedHashMap<>();
                    tags.put(TAG_ENTRY, entry.name());
                    tags.put(TAG_POINT, label(point));
                    if (point.baseline() != null) {
                        tags.put(dev.edgewise.engine.sweep.SweepRunner.TAG_BASELINE, point.baseline());
                    }
                    PointJob job = new PointJob(spec, entry.source().fileName() == null ? null : Path.of(entry.source().fileName()),
                            RunRecorder.newRunId(), "ci " + entry.name() + (point.label().isEmpty() ? "" : " " + point.label()), null, tags,
                            options.runs(), options.mlruns(), options.force(), options.commandLine() + " [" + entry.name() + " " + label(point) + "]",
                            scratch.resolve(stem + ".json"));
                    Path log = scratch.resolve(stem + ".log");
                    futures.add(pool.submit(() -> runOne(entry, point, job, log)));
                }
            }
            List<Ran> out = new ArrayList<>();
            for (Future<Ran> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    throw new IOException("a CI job failed unexpectedly: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    executor.cancelAll();
                    throw new IOException("interrupted while running the CI suite", e);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
            AtomicFiles.deleteTree(scratch);
        }
    }

    private Ran runSearch(CiSuite.Entry entry, SweepPoint whole, Path scratch) {
        long start = System.nanoTime();
        java.io.StringWriter log = new java.io.StringWriter();
        dev.edgewise.engine.sweep.SweepRunner.Options sweepOptions = new dev.edgewise.engine.sweep.SweepRunner.Options(options.runs(),
                options.mlruns(), 1, false, options.force(), options.commandLine() + " [" + entry.name() + "]");
        PrintWriter text = new PrintWriter(log, true);
        dev.edgewise.engine.sweep.SweepRunner trials = new dev.edgewise.engine.sweep.SweepRunner(sweepOptions, List::of, executor, text);
        String error = null;
        PointResult result = null;
        try {
            dev.edgewise.engine.search.SearchRunner.Result r = new dev.edgewise.engine.search.SearchRunner(sweepOptions, trials, List::of,
                    new TopologyRegistry(), datasets, text).run(entry.source(), entry.source().fileName() == null ? null : Path.of(entry.source().fileName()));
            double seconds = (System.nanoTime() - start) / 1e9;
            if (r.best() == null) {
                error = "the search trained no configuration to the end";
            }
            result = new PointResult(r.parentRunId(), error == null ? "FINISHED" : "FAILED", false, seconds, r.parentDir(), r.metrics(), error);
        } catch (IOException | RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        synchronized (out) {
            out.printf("  %s (search): %s%n", entry.name(), error != null ? String.format("FAILED after %.1f s: %s", seconds, error)
                    : String.format("%.1f s (run %s)", seconds, result.runId().substring(0, 12)));
            out.flush();
        }
        return new Ran(entry, whole, result, error, seconds);
    }

    private Ran runOne(CiSuite.Entry entry, SweepPoint point, PointJob job, Path log) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Optional<PointResult> result = executor.execute(job, log);
        double seconds = (System.nanoTime() - start) / 1e9;
        String error = null;
        if (result.isEmpty()) {
            error = "its process ended without a result" + tail(log);
        } else if (!result.get().status().equals("FINISHED")) {
            error = result.get().error() + tail(log);
        }
        synchronized (out) {
            String what = entry.name() + (point.label().isEmpty() ? "" : " [" + point.label() + "]");
            if (error != null) {
                out.printf("  %s: FAILED after %.1f s: %s%n", what, seconds, error.lines().findFirst().orElse(""));
            } else {
                PointResult r = result.get();
                out.printf("  %s: %s (run %s)%n", what, r.cached() ? "cached" : String.format("%.1f s", seconds), r.runId().substring(0, 12));
            }
            out.flush();
        }
        return new Ran(entry, point, result.orElse(null), error, seconds);
    }

    private void compare(CiSuite suite, List<CiSuite.Entry> entries, List<Ran> ran, List<Check> checks, List<String> notes) throws IOException {
        for (CiSuite.Entry entry : entries) {
            Optional<Reference> reference = Reference.read(entry.reference(suite.resultsDir()));
            for (Ran r : ran.stream().filter(x -> x.entry() == entry).toList()) {
                String point = label(r.point());
                if (r.error() != null) {
                    checks.add(new Check(entry.name(), point, "", null, null, null, Verdict.RUN_FAILED, "the run failed: " + r.error(), r.seconds()));
                    continue;
                }
                Reference.Point ref = reference.map(x -> x.points().get(point)).orElse(null);
                String specHash = CanonicalSpec.hash(r.point().loaded().spec());
                if (ref != null && ref.specHash() != null && !ref.specHash().equals(specHash)) {
                    notes.add(entry.name() + " " + point + ": the reference was recorded for spec " + abbreviate(ref.specHash())
                            + " and this run is spec " + abbreviate(specHash) + " (the experiment or its CI overrides changed);"
                            + " if the change is meant, run `edgewise ci --update` and commit results/");
                }
                for (Map.Entry<String, CiEntry.Tolerance> guarded : entry.spec().metrics().entrySet()) {
                    checks.add(check(entry.name(), point, guarded.getKey(), guarded.getValue(), ref, r));
                }
            }
        }
    }

    private static Check check(String entry, String point, String metric, CiEntry.Tolerance tolerance, Reference.Point ref, Ran r) {
        Double current = r.result().metrics().get(metric);
        Double reference = ref == null ? null : ref.metrics().get(metric);
        if (current == null) {
            return new Check(entry, point, metric, reference, null, tolerance, Verdict.NO_METRIC,
                    "the run has no metric '" + metric + "'; it has " + String.join(", ", r.result().metrics().keySet()), r.seconds());
        }
        if (reference == null) {
            return new Check(entry, point, metric, null, current, tolerance, Verdict.NO_REFERENCE,
                    "no reference for " + metric + (ref == null ? " at this point" : "") + ": run `edgewise ci --update` and commit results/",
                    r.seconds());
        }
        double diff = current - reference;
        double allowed = tolerance.allowed(reference);
        double worse = switch (tolerance.better()) {
            case LOWER -> diff;
            case HIGHER -> -diff;
            case EITHER -> Math.abs(diff);
        };
        if (!(worse <= allowed)) {
            return new Check(entry, point, metric, reference, current, tolerance, Verdict.DRIFT, String.format(
                    "%s drifted from %s to %s (%+.4g, %s); allowed: %s%s", metric, Table.show(reference), Table.show(current), diff,
                    reference == 0 ? "n/a" : String.format("%+.2f%%", 100 * diff / Math.abs(reference)), tolerance,
                    tolerance.better() == CiEntry.Better.EITHER ? "" : " (" + tolerance.better().yamlName() + " is better)"), r.seconds());
        }
        if (tolerance.better() != CiEntry.Better.EITHER && -worse > allowed) {
            return new Check(entry, point, metric, reference, current, tolerance, Verdict.IMPROVED, String.format(
                    "%s improved beyond its tolerance (%s -> %s): consider `edgewise ci --update`", metric, Table.show(reference),
                    Table.show(current)), r.seconds());
        }
        return new Check(entry, point, metric, reference, current, tolerance, Verdict.PASS, "", r.seconds());
    }

    private void update(CiSuite suite, List<CiSuite.Entry> entries, List<Ran> ran, List<Check> checks) throws IOException {
        for (CiSuite.Entry entry : entries) {
            List<Ran> mine = ran.stream().filter(x -> x.entry() == entry).toList();
            List<Ran> failed = mine.stream().filter(x -> x.error() != null).toList();
            if (!failed.isEmpty()) {
                for (Ran r : failed) {
                    checks.add(new Check(entry.name(), label(r.point()), "", null, null, null, Verdict.RUN_FAILED,
                            "the run failed, so " + CiSuite.relative(suite.root(), entry.reference(suite.resultsDir())) + " was left as it was: "
                                    + r.error(), r.seconds()));
                }
                continue;
            }
            Path file = entry.reference(suite.resultsDir());
            Optional<Reference> old = Reference.read(file);
            Map<String, Reference.Point> points = new LinkedHashMap<>();
            Map<String, String> recordedWith = new LinkedHashMap<>();
            for (Ran r : mine) {
                Map<String, Double> values = new LinkedHashMap<>();
                for (String metric : entry.spec().metrics().keySet()) {
                    Double value = r.result().metrics().get(metric);
                    if (value == null) {
                        checks.add(new Check(entry.name(), label(r.point()), metric, null, null, null, Verdict.NO_METRIC,
                                "the run has no metric '" + metric + "'", r.seconds()));
                    } else {
                        values.put(metric, value);
                    }
                }
                points.put(label(r.point()), new Reference.Point(CanonicalSpec.hash(r.point().loaded().spec()), r.result().runId(), values));
                if (recordedWith.isEmpty()) {
                    recordedWith.putAll(provenance(r.result().runDir()));
                }
            }
            Reference reference = new Reference(entry.name(), entry.spec().experiment(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                    recordedWith, points);
            reference.write(file);
            out.printf("%s:%n", CiSuite.relative(suite.root(), file));
            describeChanges(old.orElse(null), reference);
            for (Ran r : mine) {
                for (String metric : entry.spec().metrics().keySet()) {
                    Double value = r.result().metrics().get(metric);
                    if (value != null) {
                        checks.add(new Check(entry.name(), label(r.point()), metric, value, value, entry.spec().metrics().get(metric),
                                Verdict.PASS, "reference updated", r.seconds()));
                    }
                }
            }
        }
    }

    private void describeChanges(Reference old, Reference now) {
        boolean any = false;
        for (Map.Entry<String, Reference.Point> p : now.points().entrySet()) {
            Reference.Point before = old == null ? null : old.points().get(p.getKey());
            for (Map.Entry<String, Double> m : p.getValue().metrics().entrySet()) {
                Double was = before == null ? null : before.metrics().get(m.getKey());
                String where = (p.getKey().equals(Reference.SINGLE) ? "" : p.getKey() + " ") + m.getKey();
                if (was == null) {
                    out.printf("  %-40s new: %s%n", where, Table.show(m.getValue()));
                    any = true;
                } else if (Double.doubleToLongBits(was) != Double.doubleToLongBits(m.getValue())) {
                    out.printf("  %-40s %s -> %s (%+.4g)%n", where, Table.show(was), Table.show(m.getValue()), m.getValue() - was);
                    any = true;
                }
            }
            if (before != null) {
                for (String gone : before.metrics().keySet()) {
                    if (!p.getValue().metrics().containsKey(gone)) {
                        out.printf("  %-40s removed (was %s)%n", p.getKey() + " " + gone, Table.show(before.metrics().get(gone)));
                        any = true;
                    }
                }
            }
        }
        if (old != null) {
            for (String gone : old.points().keySet()) {
                if (!now.points().containsKey(gone)) {
                    out.printf("  point %s removed%n", gone);
                    any = true;
                }
            }
        }
        if (!any) {
            out.println("  unchanged: every value is the same, bit for bit");
        }
    }

    /** The table people read: one row per check. */
    public static Table table(Report report) {
        Table table = new Table("entry", "point", "metric", "reference", "current", "diff", "tolerance", "result");
        for (Check c : report.checks()) {
            Double diff = c.reference() != null && c.current() != null ? c.current() - c.reference() : null;
            table.add(c.entry(), c.point().equals(Reference.SINGLE) ? "" : c.point(), c.metric(), c.reference(), c.current(), diff,
                    c.tolerance() == null ? "" : c.tolerance().toString(), c.verdict() == Verdict.PASS ? "ok" : c.verdict().name());
        }
        return table;
    }

    private static Map<String, String> provenance(Path runDir) {
        Map<String, String> out = new LinkedHashMap<>();
        if (runDir == null) {
            return out;
        }
        try {
            Map<String, String> facts = RunFolder.at(runDir).provenance().facts();
            for (String fact : RECORDED_WITH) {
                String value = facts.get(fact);
                if (value != null) {
                    out.put(fact, value);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The reference is still useful without its provenance.
        }
        return out;
    }

    static String label(SweepPoint point) {
        return point.label().isEmpty() ? Reference.SINGLE : point.label();
    }

    private static String abbreviate(String hash) {
        return hash.length() > 19 ? hash.substring(0, 19) : hash;
    }

    private static String tail(Path log) {
        if (log == null || !Files.isRegularFile(log)) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> last = lines.subList(Math.max(0, lines.size() - 5), lines.size());
            return last.isEmpty() ? "" : "\n    " + String.join("\n    ", last);
        } catch (IOException e) {
            return "";
        }
    }
}
