package dev.edgewise.engine.cli;

import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.engine.run.ConsoleProgressFactory;
import dev.edgewise.engine.sweep.PointJob;
import dev.edgewise.engine.sweep.PointResult;
import dev.edgewise.engine.sweep.PointWork;
import dev.edgewise.engine.track.Trackers;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** One resolved spec, run in a child JVM started by run (sweeps), ci and reproduce. Not for people. */
@Command(name = "point", mixinStandardHelpOptions = true, hidden = true, description = "Internal: run one resolved spec and report to --result.")
final class PointCommand implements Callable<Integer> {

    @Option(names = "--spec", required = true) Path spec;
    @Option(names = "--result", required = true) Path result;
    @Option(names = "--run-id", required = true) String runId;
    @Option(names = "--run-name", required = true) String runName;
    @Option(names = "--runs", required = true) Path runs;
    @Option(names = "--mlruns", required = true) Path mlruns;
    @Option(names = "--command-line", required = true) String commandLine;
    @Option(names = "--source") Path source;
    @Option(names = "--parent") String parent;
    @Option(names = "--tag") List<String> tags = List.of();
    @Option(names = "--force") boolean force;
    @Option(names = "--no-progress") boolean noProgress;
    /** On a compute node, which often has no network: the run store only; the sweep's finishing job uploads. */
    @Option(names = "--no-tracking") boolean noTracking;

    @Override
    public Integer call() throws Exception {
        Map<String, String> tagMap = new LinkedHashMap<>();
        for (String tag : tags) {
            int eq = tag.indexOf('=');
            tagMap.put(tag.substring(0, eq), tag.substring(eq + 1));
        }
        PointJob job = new PointJob(spec, source, runId, runName, parent, tagMap, runs, mlruns, force, commandLine, result);
        PointResult outcome = PointWork.execute(job, new DatasetRegistry(), DataCache.fromEnvironment(),
                () -> noTracking ? List.of() : List.of(Trackers.fromEnvironment(mlruns)), ConsoleProgressFactory.create(!noProgress));
        outcome.write(result);
        if (outcome.error() != null) {
            System.err.println("error: " + outcome.error());
        }
        return outcome.status().equals("FINISHED") ? 0 : Edgewise.EXIT_RUN_FAILED;
    }
}
