package dev.edgewise.engine.sweep;

import dev.edgewise.dsl.sweep.ExperimentSource;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a sweep runs: {@link SweepRunner} runs every point in a child JVM here and finishes the
 * parent; the Slurm executor submits the same child JVMs as an array job and a dependent job
 * that finishes the parent the same way. Both record into the same run store, so the run cache and
 * every reader see one kind of run.
 */
public interface SweepExecutor {

    /**
     * Runs (or submits) every point of {@code source} under a new parent run. A result that is
     * {@link SweepRunner.Result#submitted()} has no outcomes yet: a scheduler finishes the parent.
     */
    SweepRunner.Result run(ExperimentSource source, Path sourceFile) throws IOException;
}
