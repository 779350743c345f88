package dev.edgewise.engine.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs each job as {@code edgewise point} in its own JVM with its native threads pinned. Stopping
 * a job sends it SIGTERM, which runs its shutdown hook: the run records itself as KILLED.
 */
public final class ChildProcessExecutor implements PointExecutor {

    private final int threads;
    private final boolean progress;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    /** @param progress whether a job that shares the terminal shows progress bars */
    public ChildProcessExecutor(int threads, boolean progress) {
        this.threads = threads;
        this.progress = progress;
    }

    @Override
    public Optional<PointResult> execute(PointJob job, Path log) throws IOException, InterruptedException {
        if (cancelled) {
            return Optional.empty();
        }
        Process process = ChildJvm.start(job.arguments(progress && log == null), threads, Map.of(), log);
        running.add(process);
        try {
            if (cancelled) {
                process.destroy();
            }
            process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            throw e;
        } finally {
            running.remove(process);
        }
        return PointResult.read(job.result());
    }

    @Override
    public void cancelAll() {
        cancelled = true;
        for (Process process : running) {
            process.destroy();
        }
        for (Process process : running) {
            try {
                // Long enough for a run's shutdown hook to record KILLED; then it must go.
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public Integer threadsPerJob() {
        return threads;
    }
}
