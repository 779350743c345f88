package dev.edgewise.engine.sweep;

import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.catalog.topology.TopologyRegistry;
import dev.edgewise.dsl.LoadedSpec;
import dev.edgewise.dsl.yaml.YamlSpecReader;
import dev.edgewise.engine.cache.RunCache;
import dev.edgewise.engine.run.CompiledExperiment;
import dev.edgewise.engine.run.ExperimentRunner;
import dev.edgewise.engine.run.RunContext;
import dev.edgewise.engine.run.RunResult;
import dev.edgewise.engine.track.RunSink;
import dev.edgewise.engine.track.RunStoreLayout;
import dev.edgewise.engine.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Does one {@link PointJob} in this JVM: what {@code edgewise point} runs in a child, and tests run in-process. */
public final class PointWork {

    private PointWork() {}

    public static PointResult execute(PointJob job, DatasetRegistry datasets, DataCache cache, Supplier<List<RunSink>> trackers,
            TrainingListener progress) {
        long start = System.nanoTime();
        LoadedSpec loaded = YamlSpecReader.read(job.specFile());
        String experiment = loaded.spec().trackingExperiment();
        try {
            CompiledExperiment compiled = CompiledExperiment.compile(loaded, new TopologyRegistry(), datasets);
            ExperimentRunner runner = new ExperimentRunner(job.runs(), trackers, datasets, cache, progress, job.commandLine());
            RunContext context = new RunContext(job.runId(), job.runName(), job.parentRunId(), job.tags(),
                    job.force() ? null : new RunCache(job.runs()));
            RunResult result = runner.run(compiled, job.sourceFile(), context);
            return new PointResult(result.runId(), "FINISHED", result.cached(), result.seconds(), result.runDir(), result.metrics(), null);
        } catch (RuntimeException | IOException | Error e) {
            // The runner has recorded the failure in the run store (if the run got that far); say where.
            Path dir = RunStoreLayout.runDir(job.runs().toAbsolutePath().normalize(), experiment, job.runId());
            String error = e.getMessage() != null ? e.getClass().getSimpleName() + ": " + e.getMessage() : e.toString();
            return new PointResult(job.runId(), "FAILED", false, (System.nanoTime() - start) / 1e9,
                    Files.isDirectory(dir) ? dir : null, Map.of(), error);
        }
    }
}
