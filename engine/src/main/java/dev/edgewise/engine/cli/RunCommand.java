package dev.edgewise.engine.cli;

import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.catalog.topology.TopologyRegistry;
import dev.edgewise.dsl.sweep.ExperimentSource;
import dev.edgewise.dsl.sweep.SpecOverride;
import dev.edgewise.engine.cache.RunCache;
import dev.edgewise.engine.compare.Metrics;
import dev.edgewise.engine.run.CompiledExperiment;
import dev.edgewise.engine.run.ConsoleProgressFactory;
import dev.edgewise.engine.run.ExperimentRunner;
import dev.edgewise.engine.run.RunContext;
import dev.edgewise.engine.run.RunResult;
import dev.edgewise.engine.sweep.ChildProcessExecutor;
import dev.edgewise.engine.sweep.NativeThreads;
import dev.edgewise.engine.sweep.SweepRunner;
import dev.edgewise.engine.track.Trackers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = {
    "Run an experiment: train, evaluate, and record everything in the run store and MLflow.",
    "MLflow: a server at MLFLOW_TRACKING_URI (http/https) if set, else the file store ./mlruns.",
    "A file with a sweep block runs every point under one parent run, each in its own JVM.",
    "A run identical to one that already finished (same spec hash, code, data and native setup)",
    "is not computed again: it is reported as cached (--force computes it anyway)."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The experiment file (.yaml).")
    Path file;

    @Parameters(index = "1..*", paramLabel = "KEY.PATH=VALUE",
            description = "Overrides, typed like the file: training.epochs=2 model.cell.hidden=[20,4] sweep.repeats=3")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs", description = "Run store folder (default: ${DEFAULT-VALUE}).")
    Path runs;

    @Option(names = "--mlruns", paramLabel = "DIR", defaultValue = "mlruns",
            description = "MLflow file store used when MLFLOW_TRACKING_URI is not set (default: ${DEFAULT-VALUE}).")
    Path mlruns;

    @Option(names = "--no-progress", description = "Plain lines per epoch instead of a progress bar.")
    boolean noProgress;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "1",
            description = "Sweep points run at once, each with OMP_NUM_THREADS native threads (default 1); capped so jobs x threads"
                    + " do not exceed the cores (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--fail-fast", description = "Stop a sweep at the first point that fails.")
    boolean failFast;

    @Option(names = "--force", description = "Compute even when an identical finished run is in the run store.")
    boolean force;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        ExperimentSource source = ExperimentSource.read(file, SpecOverride.parseAll(overrides));
        DatasetRegistry datasets = new DatasetRegistry();
        List<CompiledExperiment> compiled = SpecFiles.compileAll(source, new TopologyRegistry(), datasets);
        String commandLine = "edgewise " + String.join(" ", command.commandLine().getParseResult().originalArgs());
        if (jobs < 1) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(), "--jobs must be at least 1, got " + jobs);
        }
        if (source.isSweep()) {
            return sweep(source, commandLine, out);
        }
        CompiledExperiment experiment = compiled.get(0);
        out.printf("edgewise: %s — %d nodes (%s), spec %s%n", experiment.spec().name(), experiment.graph().nodes(),
                experiment.spec().topology().graph(), experiment.specHash().substring(0, 19));
        ExperimentRunner runner = new ExperimentRunner(runs, () -> List.of(Trackers.fromEnvironment(mlruns)), datasets,
                DataCache.fromEnvironment(), ConsoleProgressFactory.create(!noProgress), commandLine);
        RunResult result = runner.run(experiment, file, force ? RunContext.DEFAULT : RunContext.DEFAULT.withCache(new RunCache(runs)));
        printSummary(out, result);
        return 0;
    }

    private int sweep(ExperimentSource source, String commandLine, PrintWriter out) throws Exception {
        int threads = NativeThreads.perJob();
        int cores = Runtime.getRuntime().availableProcessors();
        int allowed = Math.min(jobs, NativeThreads.maxJobs(cores, threads));
        if (allowed < jobs) {
            command.commandLine().getErr().printf("edgewise: --jobs %d at %d native thread(s) each would oversubscribe %d cores;"
                    + " running %d at a time%n", jobs, threads, cores, allowed);
        }
        SweepRunner runner = new SweepRunner(new SweepRunner.Options(runs, mlruns, allowed, failFast, force, commandLine),
                () -> List.of(Trackers.fromEnvironment(mlruns)), new ChildProcessExecutor(threads, !noProgress), out);
        SweepRunner.Result result = runner.run(source, file);
        out.printf("%nrun store: %s%n", result.parentDir());
        out.printf("compare:   edgewise compare %s%n", result.parentRunId());
        printMlflow(out, source.base().spec().trackingExperiment());
        return result.failed().isEmpty() ? 0 : Edgewise.EXIT_RUN_FAILED;
    }

    private void printSummary(PrintWriter out, RunResult result) {
        out.println();
        if (result.cached()) {
            out.printf("%s: not run again — identical to finished run %s (same spec, seed, code, data and native setup);"
                    + " --force computes it anyway%n", result.experiment(), result.runId());
        } else {
            out.printf("%s finished in %.1f s (run %s)%n", result.experiment(), result.seconds(), result.runId());
        }
        out.println();
        out.printf("  %-28s %12s%n", "metric", "value");
        for (String key : Metrics.HEADLINE) {
            Double value = result.metrics().get(key);
            if (value != null) {
                out.printf("  %-28s %12.4f%n", key, value);
            }
        }
        out.println("  (every metric, per epoch: metrics.csv in the run store)");
        out.println();
        out.printf("run store: %s%n", result.runDir());
        printMlflow(out, result.experiment());
    }

    private void printMlflow(PrintWriter out, String experiment) {
        String uri = System.getenv(Trackers.TRACKING_URI_ENV);
        if (uri != null && (uri.startsWith("http://") || uri.startsWith("https://"))) {
            out.printf("MLflow:    %s (experiment '%s')%n", uri, experiment);
        } else {
            out.printf("MLflow:    %s — browse with: mlflow ui --backend-store-uri %s%n", mlruns.toAbsolutePath().normalize(), mlruns);
        }
    }
}
