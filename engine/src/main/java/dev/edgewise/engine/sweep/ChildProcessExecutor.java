package dev.edgewise.engine.sweep;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    public ChildProcessExecutor(int threads) {
        this.threads = threads;
    }

    @Override
    public Optional<PointResult> execute(PointJob job, Path log, PrintWriter echo) throws IOException, InterruptedException {
        if (cancelled) {
            return Optional.empty();
        }
        // Progress bars redraw in place: fine on a terminal, noise in a log, and the child's output is always logged.
        Process process = ChildJvm.start(job.arguments(false), threads, Map.of(), echo == null ? log : null, echo != null);
        running.add(process);
        Thread copier = echo == null ? null : copy(process, log, echo);
        try {
            if (cancelled) {
                process.destroy();
            }
            process.waitFor();
            if (copier != null) {
                copier.join();
            }
        } catch (InterruptedException e) {
            process.destroy();
            throw e;
        } finally {
            running.remove(process);
        }
        return PointResult.read(job.result());
    }

    /** Copies the child's output, line by line, to its log and to {@code echo}. */
    private static Thread copy(Process process, Path log, PrintWriter echo) throws IOException {
        BufferedWriter file = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        Thread copier = new Thread(() -> {
            try (file; BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    file.write(line);
                    file.newLine();
                    file.flush();
                    synchronized (echo) {
                        echo.println(line);
                    }
                }
            } catch (IOException e) {
                // The child is gone or the log cannot be written: its result file still says how it ended.
            }
        }, "edgewise-point-output");
        copier.setDaemon(true);
        copier.start();
        return copier;
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
