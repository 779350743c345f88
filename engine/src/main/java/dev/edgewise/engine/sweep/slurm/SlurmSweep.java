package dev.edgewise.engine.sweep.slurm;

import dev.edgewise.dsl.CanonicalSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.sweep.ExperimentSource;
import dev.edgewise.dsl.sweep.SpecOverride;
import dev.edgewise.dsl.sweep.SweepPoint;
import dev.edgewise.engine.compare.RunIndex;
import dev.edgewise.engine.sweep.ChildJvm;
import dev.edgewise.engine.sweep.PointJob;
import dev.edgewise.engine.sweep.PointResult;
import dev.edgewise.engine.sweep.SweepExecutor;
import dev.edgewise.engine.sweep.SweepRunner;
import dev.edgewise.engine.sweep.SweepRunner.PointOutcome;
import dev.edgewise.engine.sync.Syncer;
import dev.edgewise.engine.track.RunEvent;
import dev.edgewise.engine.track.RunFolder;
import dev.edgewise.engine.track.RunOwner;
import dev.edgewise.engine.track.RunRecorder;
import dev.edgewise.engine.track.RunSink;
import dev.edgewise.engine.track.RunStatus;
import dev.edgewise.engine.track.RunStore;
import dev.edgewise.engine.track.RunStoreLayout;
import dev.edgewise.engine.track.RunSummary;
import dev.edgewise.engine.track.Syncable;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A sweep on Slurm. {@link #run} records the parent run, writes every point's spec and child-JVM
 * command line into {@code slurm/} in the parent run folder, submits one array job (task N is point
 * N) and a job that runs after it however it ended ({@code afterany}); then it hands the parent
 * run to that job and returns (or, with {@code wait}, watches the queue until it is done). The
 * finishing job ({@link #finish}) reads the points' results, marks the ones Slurm lost FAILED with
 * the job id and Slurm's reason, writes the summary, plots and comparison exactly as a local sweep
 * does, and uploads the parent and its points to MLflow (points do not talk to MLflow: compute
 * nodes often have no network).
 */
public final class SlurmSweep implements SweepExecutor {

    public static final String TAG_EXECUTOR = "edgewise.executor";
    public static final String TAG_JOBS = "edgewise.slurm.jobs";
    public static final String TAG_RESUMED = "edgewise.slurm.resumed";
    public static final String FINISH_COMMAND = "sweep-finish";

    /** Filesystems every node of a cluster can see the same files on. */
    static final Set<String> SHARED_FILESYSTEMS = Set.of("nfs", "nfs4", "lustre", "gpfs", "beegfs", "cifs", "smb3", "smbfs", "ceph",
            "cephfs", "glusterfs", "fuse.glusterfs", "fuse.sshfs", "panfs", "wekafs", "fuse.cephfs", "9p", "orangefs", "pvfs2",
            "fuse.beegfs", "nfsd", "virtiofs");

    /**
     * @param slurmArgs passed to sbatch for both jobs (partition, account, time limit...)
     * @param maxAtOnce tasks of the array running at once ({@code --array=...%K})
     * @param waitForEnd stay until the finishing job is done, showing progress; Ctrl-C cancels the points
     * @param poll how often the queue is asked while waiting
     */
    public record Settings(List<String> slurmArgs, int maxAtOnce, boolean waitForEnd, Duration poll) {

        public Settings {
            slurmArgs = List.copyOf(slurmArgs);
        }
    }

    private final SweepRunner.Options options;
    private final Slurm slurm;
    private final int threads;
    private final Settings settings;
    private final Map<String, String> environment;
    private final PrintWriter out;

    /**
     * @param options where runs go (made absolute: the nodes resolve them from elsewhere)
     * @param threads native threads per point, as a local child JVM gets them; also cpus per task
     * @param environment this process's environment, of which the variables that decide the bits reach every task
     */
    public SlurmSweep(SweepRunner.Options options, Slurm slurm, int threads, Settings settings, Map<String, String> environment,
            PrintWriter out) {
        this.options = new SweepRunner.Options(options.runs().toAbsolutePath().normalize(), options.mlruns().toAbsolutePath().normalize(),
                options.jobs(), options.failFast(), options.force(), options.commandLine());
        this.slurm = slurm;
        this.threads = threads;
        this.settings = settings;
        this.environment = Map.copyOf(environment);
        this.out = out;
    }

    private SweepRunner runner() {
        // Only its recording and summing-up are used here: the points do not run in this process.
        return new SweepRunner(options, List::of, null, out);
    }

    @Override
    public SweepRunner.Result run(ExperimentSource source, Path sourceFile) throws IOException {
        checkSharedFilesystem(options.runs());
        ExperimentSpec base = source.base().spec();
        List<SweepPoint> points = source.points();
        String parentId = RunRecorder.newRunId();
        SweepRunner runner = runner();
        SlurmPlan plan;
        Path parentDir;
        try (RunRecorder recorder = new RunRecorder(new RunStore(options.runs()), List.of())) {
            recorder.start(SweepRunner.parentInfo(base, parentId, points.size()));
            parentDir = recorder.runDir();
            try {
                Path dir = Files.createDirectories(parentDir.resolve(SlurmPlan.DIR));
                runner.recordParent(recorder, source, sourceFile, dir);
                recorder.tag(TAG_EXECUTOR, "slurm");
                // The points keep the experiment file as an artifact: a copy here is one the nodes can read.
                Path shared = sourceFile == null ? null
                        : Files.copy(sourceFile, Files.createDirectories(dir.resolve("source")).resolve(sourceFile.getFileName()));
                List<PointJob> jobs = runner.jobs(source, shared, parentId, dir);
                List<SlurmPlan.Point> planned = new ArrayList<>();
                for (int i = 0; i < jobs.size(); i++) {
                    PointJob job = jobs.get(i);
                    writeCommand(dir, points.get(i), job);
                    planned.add(new SlurmPlan.Point(points.get(i).index() + 1, job.runId(), job.specFile(), job.result()));
                }
                plan = new SlurmPlan(parentId, base.trackingExperiment(), options.runs(), options.mlruns(), source.text(), source.fileName(),
                        shared,
                        source.overrides().stream().map(SpecOverride::text).toList(), threads, options.commandLine(), planned, List.of());
                writeScripts(dir, base.name(), plan);
                plan = submit(plan, dir, planned.stream().map(SlurmPlan.Point::task).toList());
                recorder.tag(TAG_JOBS, jobsTag(plan));
                // The finishing job ends the run: until then it is not crashed because this process is gone.
                recorder.handOff(RunOwner.elsewhere("slurm job " + plan.last().finishJob()));
            } catch (IOException | RuntimeException | Error e) {
                recorder.tag("edgewise.error", String.valueOf(e.getMessage()));
                recorder.finish(RunStatus.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
                throw e;
            }
        }
        SlurmPlan.Attempt attempt = plan.last();
        out.printf("sweep %s: %d points submitted to Slurm as array job %s (at most %d at a time, %d cpu(s) each), finished by job %s;"
                + " parent run %s%n", base.name(), points.size(), attempt.arrayJob(), settings.maxAtOnce(), threads, attempt.finishJob(),
                parentId);
        out.printf("  progress: edgewise runs    cancel: edgewise cancel %s    files: %s%n", parentId.substring(0, 12),
                parentDir.resolve(SlurmPlan.DIR));
        out.flush();
        if (settings.waitForEnd()) {
            return await(plan, source, parentDir);
        }
        return new SweepRunner.Result(parentId, parentDir, List.of(), true);
    }

    /**
     * Submits what is missing of the sweep in {@code parentDir} (points without a finished result)
     * as a new array job with a new finishing job, which ends the same parent run again.
     */
    public SweepRunner.Result resume(Path parentDir) throws IOException {
        SlurmPlan plan = SlurmPlan.of(parentDir).orElseThrow(() -> new SlurmException("run " + parentDir.getFileName()
                + " is not a sweep submitted to Slurm", "run its file again instead: the points that finished are served from the run cache",
                true));
        checkSharedFilesystem(options.runs());
        Map<String, String> queued = slurm.queue(plan.jobs());
        if (!queued.isEmpty()) {
            throw new SlurmException("sweep " + plan.parentRunId().substring(0, 12) + " still has jobs in the queue: "
                    + String.join(", ", queued.keySet()), "wait for them, or `edgewise cancel " + plan.parentRunId().substring(0, 12)
                    + "` first", true);
        }
        ExperimentSource source = source(plan);
        List<Integer> missing = new ArrayList<>();
        List<SlurmPlan.Point> points = new ArrayList<>();
        Path dir = parentDir.resolve(SlurmPlan.DIR);
        SweepRunner runner = runner();
        for (SlurmPlan.Point p : plan.points()) {
            Optional<PointResult> result = PointResult.read(p.result());
            if (result.isPresent() && result.get().status().equals("FINISHED")) {
                points.add(p);
                continue;
            }
            missing.add(p.task());
            SweepPoint point = source.points().get(p.task() - 1);
            // A new run: the lost one keeps its record (FAILED or KILLED) as it happened.
            PointJob job = runner.job(source.base().spec(), point, p.spec(), plan.sourceFile(), RunRecorder.newRunId(), plan.parentRunId(),
                    p.result());
            Files.deleteIfExists(p.result());
            Path log = dir.resolve(SweepRunner.fileName(point, ".log"));
            if (Files.exists(log)) {
                Files.move(log, dir.resolve(SweepRunner.fileName(point, "-attempt" + plan.attempts().size() + ".log")),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            writeCommand(dir, point, job);
            points.add(new SlurmPlan.Point(p.task(), job.runId(), p.spec(), p.result()));
        }
        if (missing.isEmpty()) {
            out.printf("sweep %s: every point finished; nothing to resume%n", plan.parentRunId());
            return new SweepRunner.Result(plan.parentRunId(), parentDir, List.of(), false);
        }
        SlurmPlan resumed = plan.withPoints(points);
        int attempt = plan.attempts().size();
        try (RunRecorder recorder = new RunRecorder(new RunStore(options.runs()), List.of())) {
            Optional<RunEvent.Finished> end = recorder.resume(parentDir);
            recorder.tag(TAG_RESUMED, Integer.toString(attempt));
            end.ifPresent(e -> tagQuietly(recorder, "edgewise.slurm.attempt" + attempt + ".end",
                    e.status() + (e.error() == null ? "" : ": " + SweepRunner.firstLine(e.error()))));
            try {
                writeScripts(dir, source.base().spec().name(), resumed);
                SlurmPlan submitted = submit(resumed, dir, missing);
                recorder.tag(TAG_JOBS, jobsTag(submitted));
                recorder.handOff(RunOwner.elsewhere("slurm job " + submitted.last().finishJob()));
                out.printf("sweep %s: %d of %d points resubmitted to Slurm as array job %s, finished by job %s%n", resumed.parentRunId(),
                        missing.size(), points.size(), submitted.last().arrayJob(), submitted.last().finishJob());
                out.flush();
                if (settings.waitForEnd()) {
                    return await(submitted, source, parentDir);
                }
                return new SweepRunner.Result(resumed.parentRunId(), parentDir, List.of(), true);
            } catch (IOException | RuntimeException | Error e) {
                recorder.finish(RunStatus.FAILED, "resuming on Slurm failed: " + e.getMessage());
                throw e;
            }
        }
    }

    private static void tagQuietly(RunRecorder recorder, String key, String value) {
        try {
            recorder.tag(key, value);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Writes point N's command line: the child JVM a local sweep would start, without trackers (the finishing job uploads). */
    private void writeCommand(Path dir, SweepPoint point, PointJob job) throws IOException {
        List<String> args = new ArrayList<>(job.arguments(false));
        args.add("--no-tracking");
        Files.write(dir.resolve(SweepRunner.fileName(point, ".cmd")), SlurmScripts.nulSeparated(ChildJvm.command(args, threads)));
    }

    private void writeScripts(Path dir, String name, SlurmPlan plan) throws IOException {
        Map<String, String> env = SlurmScripts.environment(threads, environment);
        Files.writeString(dir.resolve("points.sh"), SlurmScripts.points(name, dir, threads, env), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("finish.sh"), SlurmScripts.finish(name, dir, SlurmScripts.environment(1, environment)),
                StandardCharsets.UTF_8);
        Files.write(dir.resolve("finish.cmd"), SlurmScripts.nulSeparated(ChildJvm.command(List.of(FINISH_COMMAND, "--plan",
                dir.resolve(SlurmPlan.FILE).toString()), 1)));
        plan.write(dir.resolve(SlurmPlan.FILE));
    }

    /** Submits the array of {@code tasks} and its finishing job; the plan, saved, then names both. */
    private SlurmPlan submit(SlurmPlan plan, Path dir, List<Integer> tasks) throws IOException {
        List<String> arrayArgs = new ArrayList<>(List.of("--array=" + SlurmScripts.array(tasks, settings.maxAtOnce()),
                "--output=" + dir.resolve("point-%4a.log")));
        arrayArgs.addAll(settings.slurmArgs());
        String arrayJob = slurm.submit(arrayArgs, dir.resolve("points.sh"));
        String finishJob;
        try {
            List<String> finishArgs = new ArrayList<>(List.of("--dependency=afterany:" + arrayJob, "--kill-on-invalid-dep=no",
                    "--output=" + dir.resolve("finish.out")));
            finishArgs.addAll(settings.slurmArgs());
            finishJob = slurm.submit(finishArgs, dir.resolve("finish.sh"));
        } catch (IOException | RuntimeException e) {
            // Points nobody would sum up: take them back.
            slurm.cancel(List.of(arrayJob));
            throw e;
        }
        SlurmPlan submitted = plan.withAttempt(new SlurmPlan.Attempt(arrayJob, finishJob, tasks, System.currentTimeMillis()));
        submitted.write(dir.resolve(SlurmPlan.FILE));
        return submitted;
    }

    private static String jobsTag(SlurmPlan plan) {
        List<String> parts = new ArrayList<>();
        for (SlurmPlan.Attempt a : plan.attempts()) {
            parts.add(a.arrayJob() + " (points " + SlurmScripts.array(a.tasks(), 1).replace("%1", "") + "), " + a.finishJob() + " (finishing)");
        }
        return String.join("; ", parts);
    }

    /**
     * With nodes other than this machine, the run store must be on a filesystem they share: a
     * point would otherwise write where nobody reads. One machine is its own cluster.
     */
    void checkSharedFilesystem(Path runs) throws IOException {
        checkSharedFilesystem(slurm, runs);
    }

    /** The check of {@link #checkSharedFilesystem(Path)} for any caller that submits to {@code slurm} (a search's trials). */
    public static void checkSharedFilesystem(Slurm slurm, Path runs) throws IOException {
        Files.createDirectories(runs);
        List<String> nodes = slurm.nodes();
        String here = shortHostName();
        List<String> others = nodes.stream().filter(n -> !n.equalsIgnoreCase(here) && !n.equalsIgnoreCase("localhost")).toList();
        if (others.isEmpty()) {
            return;
        }
        String type = Files.getFileStore(runs).type().toLowerCase(Locale.ROOT);
        if (!SHARED_FILESYSTEMS.contains(type)) {
            throw new SlurmException("the run store " + runs + " is on " + type + ", a filesystem of this machine only, and the cluster's nodes ("
                    + String.join(", ", others.subList(0, Math.min(5, others.size()))) + (others.size() > 5 ? ", ..." : "")
                    + ") are other machines: the points could not write their runs there",
                    "put the run store on a filesystem the nodes share (NFS, Lustre, GPFS, BeeGFS...): --runs /shared/path/runs", true);
        }
    }

    /** This host as Slurm names nodes: {@code hostname -s}. */
    static String shortHostName() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            name = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** Waits for the finishing job, printing the queue's counts when they change; Ctrl-C cancels the points. */
    private SweepRunner.Result await(SlurmPlan plan, ExperimentSource source, Path parentDir) throws IOException {
        Path finishOut = parentDir.resolve(SlurmPlan.DIR).resolve("finish.out");
        // The file is appended to by every attempt; this one's output starts here.
        long shownBefore = Files.isRegularFile(finishOut) ? Files.size(finishOut) : 0;
        Thread onInterrupt = new Thread(() -> {
            try {
                slurm.cancel(List.of(plan.last().arrayJob()));
                System.err.println("edgewise: cancelled array job " + plan.last().arrayJob() + "; job " + plan.last().finishJob()
                        + " still finishes the parent run");
            } catch (IOException | RuntimeException e) {
                System.err.println("edgewise: could not cancel array job " + plan.last().arrayJob() + ": " + e.getMessage());
            }
        }, "edgewise-slurm-cancel");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            String shown = "";
            while (true) {
                Status status = status(plan, slurm);
                if (!status.line().equals(shown)) {
                    out.println("  " + status.line());
                    out.flush();
                    shown = status.line();
                }
                if (!status.finishing()) {
                    break;
                }
                Thread.sleep(settings.poll().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for Slurm", e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it cancels.
            }
        }
        if (Files.isRegularFile(finishOut)) {
            byte[] all = Files.readAllBytes(finishOut);
            out.println();
            out.print(new String(all, (int) Math.min(shownBefore, all.length), (int) Math.max(0, all.length - shownBefore),
                    StandardCharsets.UTF_8));
            out.flush();
        }
        List<PointOutcome> outcomes = new ArrayList<>();
        for (SlurmPlan.Point p : plan.points()) {
            SweepPoint point = source.points().get(p.task() - 1);
            Optional<PointResult> r = PointResult.read(p.result());
            outcomes.add(r.map(result -> SweepRunner.outcome(point, result)).orElseGet(() -> new PointOutcome(point, p.runId(), "FAILED", false, 0,
                    Map.of(), "no result (see the parent run's summary)", null)));
        }
        RunStatus parent = RunFolder.at(parentDir).read().status();
        if (parent == RunStatus.RUNNING) {
            throw new SlurmException("the finishing job " + plan.last().finishJob() + " left the queue without ending the parent run",
                    "its output is in " + finishOut + "; `edgewise run --resume " + plan.parentRunId().substring(0, 12)
                    + " --executor slurm` submits it again", false);
        }
        return new SweepRunner.Result(plan.parentRunId(), parentDir, outcomes);
    }

    /**
     * Where a Slurm sweep stands, from its results in the run store and the queue.
     *
     * @param finishing the finishing job is still in the queue
     */
    public record Status(int points, int finished, int failed, int running, int queued, boolean finishing, String line) {}

    public static Status status(SlurmPlan plan, Slurm slurm) throws IOException {
        Map<String, String> queue = slurm.queue(plan.jobs());
        int finished = 0;
        int failed = 0;
        int running = 0;
        int queued = 0;
        for (SlurmPlan.Point p : plan.points()) {
            Optional<PointResult> r = PointResult.read(p.result());
            String state = queue.get(plan.taskId(p.task()));
            if (state == null && queue.containsKey(plan.last().arrayJob()) && plan.last().tasks().contains(p.task())) {
                // A pending array is listed as one line until its tasks are split off.
                state = queue.get(plan.last().arrayJob());
            }
            if (r.isPresent() && r.get().status().equals("FINISHED")) {
                finished++;
            } else if (state != null && (state.equals("RUNNING") || state.equals("COMPLETING") || state.equals("CONFIGURING"))) {
                running++;
            } else if (state != null && !state.startsWith("CANCEL")) {
                queued++;
            } else {
                failed++;
            }
        }
        boolean finishing = queue.containsKey(plan.last().finishJob());
        String line = String.format("slurm: %d finished, %d running, %d queued, %d failed of %d%s", finished, running, queued, failed,
                plan.points().size(), finishing ? "; job " + plan.last().finishJob() + " finishes the sweep after them" : "");
        return new Status(plan.points().size(), finished, failed, running, queued, finishing, line);
    }

    /** Cancels the points still queued or running; the finishing job still runs and ends the parent (as FAILED). */
    public static List<String> cancel(SlurmPlan plan, Slurm slurm) throws IOException {
        Map<String, String> queue = slurm.queue(plan.jobs());
        List<String> arrays = plan.attempts().stream().map(SlurmPlan.Attempt::arrayJob)
                .filter(id -> queue.keySet().stream().anyMatch(k -> k.equals(id) || k.startsWith(id + "_"))).toList();
        slurm.cancel(arrays);
        return arrays;
    }

    /**
     * The finishing job: ends the parent run in the plan's folder from its points' results, as a
     * local sweep ends it, then uploads the parent and its points to the tracker.
     *
     * @return whether every point finished
     */
    public static boolean finish(Path planFile, Slurm slurm, Supplier<RunSink> tracker, PrintWriter out) throws IOException {
        SlurmPlan plan = SlurmPlan.read(planFile);
        Path dir = planFile.getParent();
        Path parentDir = dir.getParent();
        SweepRunner runner = new SweepRunner(new SweepRunner.Options(plan.runs(), plan.mlruns(), 1, false, false, plan.commandLine()),
                List::of, null, out);
        List<PointOutcome> outcomes = new ArrayList<>();
        ExperimentSource source;
        try (RunRecorder recorder = new RunRecorder(new RunStore(plan.runs()), List.of())) {
            recorder.resume(parentDir);
            try {
                source = source(plan);
                for (SlurmPlan.Point p : plan.points()) {
                    SweepPoint point = source.points().get(p.task() - 1);
                    Optional<PointResult> result = PointResult.read(p.result());
                    outcomes.add(runner.report(result.isPresent() ? SweepRunner.outcome(point, result.get())
                            : lost(plan, slurm, point, p, dir.resolve(SweepRunner.fileName(point, ".log")))));
                }
                runner.finishParent(recorder, source, outcomes, dir, plan.attempts().size() - 1);
            } catch (IOException | RuntimeException | Error e) {
                recorder.finish(RunStatus.FAILED, "finishing the sweep failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                throw e;
            }
        }
        if (source.base().spec().tracking().mlflow()) {
            upload(parentDir, outcomes, tracker, out);
        }
        return outcomes.stream().allMatch(PointOutcome::ok);
    }

    /** The points as submitted, read again from the plan's copy of the experiment. */
    static ExperimentSource source(SlurmPlan plan) throws IOException {
        ExperimentSource source = ExperimentSource.read(plan.sourceText(), plan.fileName(), SpecOverride.parseAll(plan.overrides()));
        if (source.points().size() != plan.points().size()) {
            throw new IOException("the sweep's copy of its experiment has " + source.points().size() + " points, its plan "
                    + plan.points().size() + ": edgewise changed between submitting and finishing");
        }
        for (SlurmPlan.Point p : plan.points()) {
            String expected = CanonicalSpec.toYaml(source.points().get(p.task() - 1).loaded().spec());
            if (!Files.readString(p.spec(), StandardCharsets.UTF_8).equals(expected)) {
                throw new IOException("point " + p.task() + " of the sweep resolves differently now than when it was submitted ("
                        + p.spec() + "): edgewise changed between submitting and finishing");
            }
        }
        return source;
    }

    /** A point without a result: how Slurm says its task ended, recorded on its run if the run never got to say. */
    private static PointOutcome lost(SlurmPlan plan, Slurm slurm, SweepPoint point, SlurmPlan.Point p, Path log) throws IOException {
        String task = plan.taskId(p.task());
        Optional<Slurm.JobInfo> info = task == null ? Optional.empty() : slurm.show(task);
        String how = info.map(i -> "ended " + i.describe()).orElse("ended without a trace in Slurm (it forgets jobs MinJobAge after they end)");
        String reason = "Slurm job " + task + " " + how + " and left no result" + SweepRunner.tail(log);
        Path runDir = RunStoreLayout.runDir(plan.runs(), point.loaded().spec().trackingExperiment(), p.runId());
        Path recorded = null;
        if (RunFolder.isRun(runDir)) {
            recorded = runDir;
            if (RunFolder.at(runDir).read().status() == RunStatus.RUNNING) {
                RunStore.markFailed(RunFolder.at(runDir), System.currentTimeMillis(), reason);
            }
        }
        return new PointOutcome(point, p.runId(), "FAILED", false, 0, Map.of(), reason, recorded);
    }

    /** The parent first (the points nest under it by its id), then every point's run that exists. */
    private static void upload(Path parentDir, List<PointOutcome> outcomes, Supplier<RunSink> tracker, PrintWriter out) {
        List<RunSummary> runs = new ArrayList<>();
        RunIndex.read(parentDir).ifPresent(runs::add);
        Map<String, RunSummary> points = new LinkedHashMap<>();
        for (PointOutcome o : outcomes) {
            if (o.runDir() != null) {
                RunIndex.read(o.runDir()).ifPresent(r -> points.putIfAbsent(r.runId(), r));
            }
        }
        runs.addAll(points.values());
        try (RunSink target = tracker.get()) {
            if (!(target instanceof Syncable syncable)) {
                out.println("MLflow: " + target.name() + " cannot be synced to; `edgewise sync` uploads later");
                return;
            }
            int failed = 0;
            for (Syncer.Outcome o : new Syncer(syncable).sync(runs)) {
                if (o.error() != null && !o.skipped()) {
                    failed++;
                    out.println("MLflow: " + o.run().shortId() + " not uploaded: " + o.error());
                }
            }
            out.printf("MLflow: %d run(s) uploaded to %s%s%n", runs.size() - failed, target.name(),
                    failed == 0 ? "" : "; `edgewise sync` uploads the rest later");
        } catch (Exception | LinkageError e) {
            // No network on this node: the run store has everything.
            out.println("MLflow: not reachable (" + e.getMessage() + "); `edgewise sync` uploads the sweep later");
        }
    }
}
