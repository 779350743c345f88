package dev.edgewise.engine.sweep.slurm;

import dev.edgewise.engine.compare.RunIndex;
import dev.edgewise.engine.sweep.ChildJvm;
import dev.edgewise.engine.sweep.PointExecutor;
import dev.edgewise.engine.sweep.PointJob;
import dev.edgewise.engine.sweep.PointResult;
import dev.edgewise.engine.sync.Syncer;
import dev.edgewise.engine.track.RunSink;
import dev.edgewise.engine.track.Syncable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each job as a one-task Slurm array and waits for it: what {@code edgewise ci --executor
 * slurm} uses, so the suite's runs are computed on the cluster by the same child JVM (and array
 * script) a sweep's points are. A job's files go to a folder of the run store, which the nodes
 * share; the job's result and log are copied back where the caller expects them, and its run is
 * uploaded from here (the node may have no network).
 */
public final class SlurmPointExecutor implements PointExecutor {

    /** The folder of the run store that holds the jobs' files (not a run: readers of the store pass it by). */
    public static final String WORK_DIR = ".slurm-jobs";

    private static final Logger log = LoggerFactory.getLogger(SlurmPointExecutor.class);

    private final Slurm slurm;
    private final Path work;
    private final int threads;
    private final List<String> slurmArgs;
    private final Duration poll;
    private final Map<String, String> environment;
    private final Supplier<RunSink> tracker;
    private final Set<String> submitted = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    /**
     * @param runs the run store (on a filesystem the nodes share)
     * @param tracker where each finished run is uploaded from here; null for none
     */
    public SlurmPointExecutor(Slurm slurm, Path runs, int threads, List<String> slurmArgs, Duration poll, Map<String, String> environment,
            Supplier<RunSink> tracker) {
        this.slurm = slurm;
        this.work = runs.toAbsolutePath().normalize().resolve(WORK_DIR);
        this.threads = threads;
        this.slurmArgs = List.copyOf(slurmArgs);
        this.poll = poll;
        this.environment = Map.copyOf(environment);
        this.tracker = tracker;
    }

    @Override
    public Optional<PointResult> execute(PointJob job, Path logFile, PrintWriter echo) throws IOException, InterruptedException {
        if (cancelled) {
            return Optional.empty();
        }
        Path dir = Files.createDirectories(work.resolve(job.runId()));
        Path spec = Files.copy(job.specFile(), dir.resolve("point-0001.yaml"), StandardCopyOption.REPLACE_EXISTING);
        Path result = dir.resolve("point-0001.json");
        PointJob there = new PointJob(spec, job.sourceFile(), job.runId(), job.runName(), job.parentRunId(), job.tags(),
                job.runs().toAbsolutePath().normalize(), job.mlruns().toAbsolutePath().normalize(), job.force(), job.commandLine(), result);
        List<String> args = new ArrayList<>(there.arguments(false));
        args.add("--no-tracking");
        Files.write(dir.resolve("point-0001.cmd"), SlurmScripts.nulSeparated(ChildJvm.command(args, threads)));
        Files.writeString(dir.resolve("points.sh"), SlurmScripts.points(job.runName(), dir, threads, SlurmScripts.environment(threads,
                environment)), StandardCharsets.UTF_8);
        List<String> sbatch = new ArrayList<>(List.of("--array=1", "--output=" + dir.resolve("point-%4a.log")));
        sbatch.addAll(slurmArgs);
        String jobId = slurm.submit(sbatch, dir.resolve("points.sh"));
        submitted.add(jobId);
        try {
            while (!slurm.queue(List.of(jobId)).isEmpty()) {
                Thread.sleep(poll.toMillis());
            }
        } finally {
            submitted.remove(jobId);
        }
        Path taskLog = dir.resolve("point-0001.log");
        if (Files.isRegularFile(taskLog) && logFile != null) {
            Files.copy(taskLog, logFile, StandardCopyOption.REPLACE_EXISTING);
            if (echo != null) {
                synchronized (echo) {
                    echo.print(Files.readString(taskLog, StandardCharsets.UTF_8));
                    echo.flush();
                }
            }
        }
        Optional<PointResult> outcome = PointResult.read(result);
        if (outcome.isEmpty() && !cancelled && logFile != null) {
            // Say how Slurm ended it where the caller looks for why: the log's tail.
            String how = slurm.show(jobId + "_1").map(Slurm.JobInfo::describe).orElse("ended, Slurm no longer says how");
            Files.writeString(logFile, "edgewise: Slurm job " + jobId + "_1 " + how + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
        if (outcome.isPresent() && outcome.get().runDir() != null && tracker != null && !outcome.get().cached()) {
            upload(outcome.get().runDir());
        }
        return outcome;
    }

    private void upload(Path runDir) {
        try (RunSink target = tracker.get()) {
            if (target instanceof Syncable syncable) {
                RunIndex.read(runDir).ifPresent(run -> new Syncer(syncable).sync(List.of(run)));
            }
        } catch (Exception | LinkageError e) {
            log.warn("could not upload {} to the tracker ({}); `edgewise sync` does it later", runDir.getFileName(), e.getMessage());
        }
    }

    @Override
    public void cancelAll() {
        cancelled = true;
        try {
            slurm.cancel(List.copyOf(submitted));
        } catch (IOException | RuntimeException e) {
            log.warn("could not cancel Slurm job(s) {}: {}", submitted, e.getMessage());
        }
    }

    @Override
    public Integer threadsPerJob() {
        return threads;
    }
}
