package dev.edgewise.engine.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Where the points of a sweep run: child JVMs (always, from the CLI) or this JVM (tests). */
public interface PointExecutor {

    /**
     * Runs {@code job} and waits for it. Empty when the run left no result: its process died or
     * was stopped by {@link #cancelAll}. {@code log} is where its output goes when it does not share
     * the terminal (null: share it).
     */
    Optional<PointResult> execute(PointJob job, Path log) throws IOException, InterruptedException;

    /** Stops every job in progress (fail-fast, Ctrl-C); their runs record themselves as KILLED. */
    void cancelAll();

    /** How many native threads each job gets, for the record; null when they are not pinned. */
    Integer threadsPerJob();
}
