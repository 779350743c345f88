package dev.edgewise.engine.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Where the points of a sweep run: child JVMs (always, from the CLI) or this JVM (tests). */
public interface PointExecutor {

    /**
     * Runs {@code job} and waits for it. Empty when the run left no result: its process died or
     * was stopped by {@link #cancelAll}. Its output always goes to {@code log} (the parent run
     * keeps every point's log); with {@code echo} (one job at a time) it is shown there as well.
     */
    Optional<PointResult> execute(PointJob job, Path log, java.io.PrintWriter echo) throws IOException, InterruptedException;

    /** Runs {@code job} with its output in {@code log}, or on the terminal when {@code log} is null. */
    default Optional<PointResult> execute(PointJob job, Path log) throws IOException, InterruptedException {
        return execute(job, log, null);
    }

    /** Stops every job in progress (fail-fast, Ctrl-C); their runs record themselves as KILLED. */
    void cancelAll();

    /** How many native threads each job gets, for the record; null when they are not pinned. */
    Integer threadsPerJob();
}
