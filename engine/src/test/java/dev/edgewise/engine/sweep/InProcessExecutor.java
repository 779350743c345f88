package dev.edgewise.engine.sweep;

import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.engine.track.RunSink;
import dev.edgewise.engine.train.TrainingListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Runs sweep points in the test's own JVM, one at a time, with datasets the test registers. */
public final class InProcessExecutor implements PointExecutor {

    private final DatasetRegistry datasets;
    private final DataCache cache;
    private final Supplier<List<RunSink>> trackers;
    public int executed;

    public InProcessExecutor(DatasetRegistry datasets, DataCache cache, Supplier<List<RunSink>> trackers) {
        this.datasets = datasets;
        this.cache = cache;
        this.trackers = trackers;
    }

    @Override
    public synchronized Optional<PointResult> execute(PointJob job, Path log, java.io.PrintWriter echo) {
        executed++;
        return Optional.of(PointWork.execute(job, datasets, cache, trackers, TrainingListener.NONE));
    }

    @Override
    public void cancelAll() {
        // An in-process run cannot be stopped from outside; fail-fast then only skips the points not started.
    }

    @Override
    public Integer threadsPerJob() {
        return null;
    }
}
