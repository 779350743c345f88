package dev.edgewise.engine.cli;

import dev.edgewise.catalog.Catalog;
import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.dsl.SpecException;
import dev.edgewise.dsl.SpecParams;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.spec.ReferenceSpec;
import dev.edgewise.dsl.sweep.ExperimentSource;
import dev.edgewise.dsl.sweep.SpecOverride;
import dev.edgewise.engine.CompiledFile;
import dev.edgewise.engine.cache.RunCache;
import dev.edgewise.engine.compare.Metrics;
import dev.edgewise.engine.compare.PaperComparison;
import dev.edgewise.engine.compare.Table;
import dev.edgewise.engine.run.CompiledExperiment;
import dev.edgewise.engine.run.ConsoleProgressFactory;
import dev.edgewise.engine.run.ExperimentRunner;
import dev.edgewise.engine.run.RunContext;
import dev.edgewise.engine.run.RunResult;
import dev.edgewise.engine.sweep.ChildProcessExecutor;
import dev.edgewise.engine.sweep.NativeThreads;
import dev.edgewise.engine.sweep.SweepExecutor;
import dev.edgewise.engine.sweep.SweepRunner;
import dev.edgewise.engine.sweep.slurm.Slurm;
import dev.edgewise.engine.sweep.slurm.SlurmSweep;
import dev.edgewise.engine.track.RunStoreLayout;
import dev.edgewise.engine.track.Trackers;
import dev.edgewise.script.ExperimentFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true, description = {
    "Run experiments: train, evaluate, and record everything in the run store and MLflow.",
    "MLflow: a server at MLFLOW_TRACKING_URI (http/https) if set, else the file store ./mlruns.",
    "A YAML file with a sweep block runs every point under one parent run, each in its own JVM.",
    "A run identical to one that already finished (same spec hash, code, data and native setup)",
    "is not computed again: it is reported as cached (--force computes it anyway)."})
final class RunCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    ScriptOptions scriptOptions;

    @Parameters(paramLabel = "FILE|KEY.PATH=VALUE", arity = "0..*", description = {
        "Experiment files (.yaml, or .experiment.kts with any number of experiments), run in order; all are",
        "read before anything runs, and parts a script registers can be named by later files.",
        "KEY.PATH=VALUE overrides a YAML file's value, typed like the file:",
        "training.epochs=2 model.cell.hidden=[20,4] sweep.repeats=3"})
    List<String> arguments = new ArrayList<>();

    @Mixin
    StoreOptions.RunStore runStore;

    @Mixin
    StoreOptions.MlflowStore mlflowStore;

    @Option(names = "--no-progress", description = "Plain lines per epoch instead of a progress bar.")
    boolean noProgress;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "1",
            description = "Sweep points run at once, each with OMP_NUM_THREADS native threads (default 1); capped so jobs x threads"
                    + " do not exceed the cores (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--fail-fast", description = "Stop a sweep at the first point that fails.")
    boolean failFast;

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "Compute with this engine: mxnet (the default) or pytorch; the same as the override runtime.engine=ENGINE.")
    String engine;

    @Option(names = "--force", description = "Compute even when an identical finished run is in the run store.")
    boolean force;

    /** Where sweep points run. */
    enum Executor { local, slurm }

    @Option(names = "--executor", paramLabel = "NAME", defaultValue = "local",
            description = "Where a sweep's points run: local (child JVMs here) or slurm (an array job and a job that finishes the sweep;"
                    + " see README, Running on a cluster) (default: ${DEFAULT-VALUE}).")
    Executor executor;

    @Option(names = "--slurm-args", paramLabel = "ARGS", description = "Extra sbatch options for both jobs, e.g. \"--partition=cpu --time=2:00:00\".")
    String slurmArgs;

    @Option(names = "--wait", description = "With --executor slurm: stay until the sweep is finished, showing progress; Ctrl-C cancels its points.")
    boolean waitForSlurm;

    @Option(names = "--resume", paramLabel = "PARENT", description = "With --executor slurm: submit only the points of sweep PARENT (run id"
            + " or its first 6+ characters) that did not finish; the same parent run is finished again.")
    String resume;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    /** A file as read: a YAML source (one run or a sweep) or a script's experiments. */
    private record Planned(Path file, ExperimentSource source, CompiledFile script) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        if (jobs < 1) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(), "--jobs must be at least 1, got " + jobs);
        }
        if (executor != Executor.slurm && (slurmArgs != null || waitForSlurm || resume != null)) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(),
                    "--slurm-args, --wait and --resume go with --executor slurm (a local sweep re-run serves its finished points from the run cache)");
        }
        if (resume != null) {
            if (!arguments.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(command.commandLine(), "--resume takes no files: the sweep's parent run has its experiment");
            }
            return resumeOnSlurm(out);
        }
        if (arguments.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(), "Missing required parameter: 'FILE|KEY.PATH=VALUE'");
        }
        List<Path> files = new ArrayList<>();
        List<String> overrideTexts = new ArrayList<>();
        for (String argument : arguments) {
            // key.path=value, unless a file of that name exists (a file name may contain '=').
            if (argument.matches("[A-Za-z_][A-Za-z0-9_.\\[\\]-]*=.*") && !Files.exists(Path.of(argument))) {
                overrideTexts.add(argument);
            } else {
                files.add(Path.of(argument));
            }
        }
        if (files.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(), "no experiment file given, only overrides");
        }
        if (engine != null) {
            overrideTexts.add("runtime.engine=" + engine);
        }
        List<SpecOverride> overrides = SpecOverride.parseAll(overrideTexts);
        String commandLine = "edgewise " + String.join(" ", command.commandLine().getParseResult().originalArgs());

        Catalog catalog = Catalog.shared();
        List<Planned> plan = new ArrayList<>();
        for (Path file : files) {
            if (executor == Executor.slurm && ExperimentFiles.isScript(file)) {
                throw new picocli.CommandLine.ParameterException(command.commandLine(), "--executor slurm runs the sweeps of YAML files; "
                        + file + " is a script");
            }
            if (ExperimentFiles.isScript(file)) {
                if (!overrides.isEmpty()) {
                    throw new SpecException(new SpecProblem(null, "", "overrides apply to YAML files, not to the script " + file,
                            "set the value in the script, or run the script and the YAML file separately"));
                }
                plan.add(new Planned(file, null, SpecFiles.compile(file, catalog)));
            } else {
                ExperimentSource source = ExperimentSource.read(file, overrides);
                SpecFiles.compileAll(source, catalog.topologies(), catalog.datasets());
                if (executor == Executor.slurm && !source.isSweep() && !source.isSearch()) {
                    throw new picocli.CommandLine.ParameterException(command.commandLine(), "--executor slurm runs sweeps; " + file
                            + " has no sweep block (run it here, or give it one: sweep.repeats=1)");
                }
                plan.add(new Planned(file, source, null));
            }
        }

        int exit = 0;
        for (Planned planned : plan) {
            if (planned.script() != null) {
                SpecFiles.reportScript(planned.script(), out);
                for (CompiledExperiment experiment : planned.script().experiments()) {
                    runOne(experiment, planned.file(), catalog, commandLine, out);
                }
            } else if (planned.source().isSearch()) {
                exit = Math.max(exit, search(planned.source(), planned.file(), commandLine, catalog, out));
            } else if (planned.source().isSweep()) {
                exit = Math.max(exit, sweep(planned.source(), planned.file(), commandLine, out));
            } else {
                CompiledExperiment experiment = SpecFiles.compileAll(planned.source(), catalog.topologies(), catalog.datasets()).get(0);
                runOne(experiment, planned.file(), catalog, commandLine, out);
            }
        }
        return exit;
    }

    private void runOne(CompiledExperiment experiment, Path file, Catalog catalog, String commandLine, PrintWriter out) throws Exception {
        out.printf("edgewise: %s — %d nodes (%s), spec %s%n", experiment.spec().name(), experiment.graph().nodes(),
                experiment.spec().topology().graph(), experiment.specHash().substring(0, 19));
        ExperimentRunner runner = new ExperimentRunner(runStore.dir, () -> List.of(Trackers.fromEnvironment(mlflowStore.dir)), catalog.datasets(),
                DataCache.fromEnvironment(), ConsoleProgressFactory.create(!noProgress), commandLine);
        Path runs = RunStoreLayout.runDir(runStore.dir, experiment.spec().trackingExperiment(), "any").getParent();
        List<Path> before = runFolders(runs);
        RunResult result;
        try {
            result = runner.run(experiment, file, force ? RunContext.DEFAULT : RunContext.DEFAULT.withCache(new RunCache(runStore.dir)));
        } catch (dev.edgewise.dsl.SpecException | dev.edgewise.catalog.data.DataException e) {
            throw e;
        } catch (Exception | Error e) {
            // The runner records a run that fails after it started, trace and all: point at it.
            Path errorFile = runFolders(runs).stream().filter(dir -> !before.contains(dir))
                    .map(dir -> dir.resolve(RunStoreLayout.ARTIFACTS_DIR).resolve(RunStoreLayout.ERROR_ARTIFACT))
                    .filter(Files::isRegularFile).findFirst().orElse(null);
            throw new ErrorReporter.RunFailed(e, errorFile);
        }
        printSummary(out, experiment.spec().name(), result);
        ReferenceSpec reference = experiment.spec().reference();
        if (reference != null) {
            out.printf("beside %s (comparison.md in the run has the notes):%n", reference.source());
            out.print(PaperComparison.table(reference, List.of(new PaperComparison.Outcome(SpecParams.of(experiment.spec()), result.metrics())), false)
                    .render(Table.Format.TEXT));
            out.println();
        }
        out.printf("run store: %s%n", result.runDir());
        printMlflow(out, result.experiment());
    }

    private int sweep(ExperimentSource source, Path file, String commandLine, PrintWriter out) throws Exception {
        int threads = NativeThreads.perJob();
        SweepExecutor sweeps;
        if (executor == Executor.slurm) {
            // The cluster's cores, not this machine's, bound --jobs here: it is the array's %K.
            sweeps = slurmSweep(threads, commandLine, out);
        } else {
            int cores = Runtime.getRuntime().availableProcessors();
            int allowed = Math.min(jobs, NativeThreads.maxJobs(cores, threads));
            if (allowed < jobs) {
                command.commandLine().getErr().printf("edgewise: --jobs %d at %d native thread(s) each would oversubscribe %d cores;"
                        + " running %d at a time%n", jobs, threads, cores, allowed);
            }
            sweeps = new SweepRunner(new SweepRunner.Options(runStore.dir, mlflowStore.dir, allowed, failFast, force, commandLine),
                    () -> List.of(Trackers.fromEnvironment(mlflowStore.dir)), new ChildProcessExecutor(threads), out);
        }
        return report(sweeps.run(source, file), source.base().spec().trackingExperiment(), out);
    }

    /**
     * A search: the compile stage here, the trials as child runs under the search's parent run, --jobs
     * at once: child JVMs here, or with --executor slurm each trial a one-task Slurm job (the same
     * array script and child JVM a sweep's point is) while the search itself stays here, deciding
     * which trials come next as earlier ones end.
     */
    private int search(ExperimentSource source, Path file, String commandLine, Catalog catalog, PrintWriter out) throws Exception {
        int threads = NativeThreads.perJob();
        int allowed;
        dev.edgewise.engine.sweep.PointExecutor trials;
        Path sourceFile = file;
        if (executor == Executor.slurm) {
            if (failFast) {
                throw new picocli.CommandLine.ParameterException(command.commandLine(), "--fail-fast is for local runs");
            }
            Slurm slurm = Slurm.fromEnvironment();
            SlurmSweep.checkSharedFilesystem(slurm, runStore.dir);
            // The cluster's cores, not this machine's, bound --jobs here.
            allowed = jobs;
            trials = new dev.edgewise.engine.sweep.slurm.SlurmPointExecutor(slurm, runStore.dir, threads,
                    slurmArgs == null || slurmArgs.isBlank() ? List.of() : List.of(slurmArgs.strip().split("\\s+")),
                    java.time.Duration.ofSeconds(2), System.getenv(), () -> Trackers.fromEnvironment(mlflowStore.dir));
            // The trials keep the experiment file as an artifact: a copy in the run store is one the nodes can read.
            Path shared = Files.createDirectories(runStore.dir.toAbsolutePath().normalize()
                    .resolve(dev.edgewise.engine.sweep.slurm.SlurmPointExecutor.WORK_DIR).resolve("sources")
                    .resolve(dev.edgewise.engine.track.RunRecorder.newRunId()));
            sourceFile = Files.copy(file, shared.resolve(file.getFileName()));
            out.printf("search trials go to Slurm, one job each, %d at a time; this command stays until the search ends"
                    + " (Ctrl-C cancels the trials' jobs)%n", allowed);
        } else {
            int cores = Runtime.getRuntime().availableProcessors();
            allowed = Math.min(jobs, NativeThreads.maxJobs(cores, threads));
            trials = new ChildProcessExecutor(threads);
        }
        SweepRunner.Options options = new SweepRunner.Options(runStore.dir, mlflowStore.dir, allowed, failFast, force, commandLine);
        SweepRunner points = new SweepRunner(options, () -> List.of(Trackers.fromEnvironment(mlflowStore.dir)), trials, out);
        dev.edgewise.engine.search.SearchRunner.Result result = new dev.edgewise.engine.search.SearchRunner(options, points,
                () -> List.of(Trackers.fromEnvironment(mlflowStore.dir)), catalog.topologies(), catalog.datasets(), out).run(source, sourceFile);
        out.printf("%nrun store: %s%n", result.parentDir());
        printMlflow(out, source.base().spec().trackingExperiment());
        return result.best() == null || result.trials().stream().anyMatch(t -> !t.outcome().ok()) ? 1 : 0;
    }

    private SlurmSweep slurmSweep(int threads, String commandLine, PrintWriter out) {
        if (failFast) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(), "--fail-fast is for local sweeps: Slurm runs the points"
                    + " independently (edgewise cancel RUN stops them)");
        }
        List<String> extra = slurmArgs == null || slurmArgs.isBlank() ? List.of() : List.of(slurmArgs.strip().split("\\s+"));
        return new SlurmSweep(new SweepRunner.Options(runStore.dir, mlflowStore.dir, jobs, false, force, commandLine), Slurm.fromEnvironment(),
                threads, new SlurmSweep.Settings(extra, jobs, waitForSlurm, java.time.Duration.ofSeconds(5)), System.getenv(), out);
    }

    private int resumeOnSlurm(PrintWriter out) throws Exception {
        var parent = new dev.edgewise.engine.compare.RunIndex(runStore.dir).find(resume);
        String commandLine = "edgewise " + String.join(" ", command.commandLine().getParseResult().originalArgs());
        SweepRunner.Result result = slurmSweep(NativeThreads.perJob(), commandLine, out).resume(parent.dir());
        return report(result, parent.experiment(), out);
    }

    private int report(SweepRunner.Result result, String experiment, PrintWriter out) {
        out.printf("%nrun store: %s%n", result.parentDir());
        if (result.submitted()) {
            // MLflow gets the runs from the finishing job; nothing is there yet.
            return 0;
        }
        out.printf("compare:   edgewise compare %s%n", result.parentRunId());
        printMlflow(out, experiment);
        return result.failed().isEmpty() ? 0 : Edgewise.EXIT_RUN_FAILED;
    }

    /** Named by the experiment, not its MLflow experiment, which the runs of a sweep may share. */
    private void printSummary(PrintWriter out, String name, RunResult result) {
        out.println();
        if (result.cached()) {
            out.printf("%s: not run again — identical to finished run %s (same spec, seed, code, data and native setup);"
                    + " --force computes it anyway%n", name, result.runId());
        } else {
            out.printf("%s finished in %.1f s (run %s)%n", name, result.seconds(), result.runId());
        }
        out.println();
        out.printf("  %-28s %12s%n", "metric", "value");
        List<String> headline = Metrics.HEADLINE.stream().filter(result.metrics()::containsKey).toList();
        // A family with none of the learning headline metrics (a radio study) shows all of its own.
        for (String key : headline.isEmpty() ? List.copyOf(result.metrics().keySet()) : headline) {
            out.printf("  %-28s %12.4f%n", key, result.metrics().get(key));
        }
        out.println("  (every metric, per epoch: metrics.csv in the run store)");
        out.println();
    }

    private void printMlflow(PrintWriter out, String experiment) {
        String uri = System.getenv(Trackers.TRACKING_URI_ENV);
        if (uri != null && (uri.startsWith("http://") || uri.startsWith("https://"))) {
            out.printf("MLflow:    %s (experiment '%s')%n", uri, experiment);
        } else {
            // MLflow 3.11.2 and later refuse a file store without the variable; older versions ignore it.
            out.printf("MLflow:    %s — browse with: %s%n", mlflowStore.dir.toAbsolutePath().normalize(), browseHint(mlflowStore.dir));
        }
    }

    private static List<Path> runFolders(Path experimentFolder) {
        try (var dirs = Files.list(experimentFolder)) {
            return dirs.toList();
        } catch (java.io.IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** The command that opens a file store in MLflow's UI, for every MLflow version. */
    static String browseHint(Path mlruns) {
        return "MLFLOW_ALLOW_FILE_STORE=true mlflow ui --backend-store-uri " + mlruns;
    }
}
