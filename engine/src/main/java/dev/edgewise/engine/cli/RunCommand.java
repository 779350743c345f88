package dev.edgewise.engine.cli;

import dev.edgewise.catalog.Catalog;
import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.engine.CompiledFile;
import dev.edgewise.engine.run.CompiledExperiment;
import dev.edgewise.engine.run.ConsoleProgressFactory;
import dev.edgewise.engine.run.ExperimentRunner;
import dev.edgewise.engine.run.RunResult;
import dev.edgewise.engine.track.Trackers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = {
    "Run an experiment: train, evaluate, and record everything in the run store and MLflow.",
    "MLflow: a server at MLFLOW_TRACKING_URI (http/https) if set, else the file store ./mlruns."})
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = {
        "Experiment files (.yaml, or .experiment.kts with any number of experiments), run in order.",
        "All are read before anything runs; parts a script registers can be named by later files."})
    List<Path> files;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs", description = "Run store folder (default: ${DEFAULT-VALUE}).")
    Path runs;

    @Option(names = "--mlruns", paramLabel = "DIR", defaultValue = "mlruns",
            description = "MLflow file store used when MLFLOW_TRACKING_URI is not set (default: ${DEFAULT-VALUE}).")
    Path mlruns;

    @Option(names = "--no-progress", description = "Plain lines per epoch instead of a progress bar.")
    boolean noProgress;

    private static final List<String> SUMMARY = List.of("test_rmse", "test_error_pct", "test_accuracy", "test_sent_fraction",
            "test_messages_per_sample", "test_bytes_per_sample", "train_rmse", "pretrain_test_accuracy");

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        Catalog catalog = Catalog.shared();
        List<CompiledFile> compiled = new java.util.ArrayList<>();
        for (Path file : files) {
            compiled.add(SpecFiles.compile(file, catalog));
        }
        for (CompiledFile file : compiled) {
            SpecFiles.reportScript(file, out);
            for (CompiledExperiment experiment : file.experiments()) {
                out.printf("edgewise: %s — %d nodes (%s), spec %s%n", experiment.spec().name(), experiment.graph().nodes(),
                        experiment.spec().topology().graph(), experiment.specHash().substring(0, 19));
                ExperimentRunner runner = new ExperimentRunner(runs, () -> List.of(Trackers.fromEnvironment(mlruns)), catalog.datasets(),
                        DataCache.fromEnvironment(), ConsoleProgressFactory.create(!noProgress), "edgewise run " + file.file());
                RunResult result = runner.run(experiment, file.file());
                printSummary(out, experiment.spec().name(), result);
            }
        }
        return 0;
    }

    /** Named by the experiment, not its MLflow experiment, which the runs of a sweep may share. */
    private void printSummary(PrintWriter out, String name, RunResult result) {
        out.println();
        out.printf("%s finished in %.1f s (run %s)%n", name, result.seconds(), result.runId());
        out.println();
        out.printf("  %-28s %12s%n", "metric", "value");
        for (String key : SUMMARY) {
            Double value = result.metrics().get(key);
            if (value != null) {
                out.printf("  %-28s %12.4f%n", key, value);
            }
        }
        out.println("  (every metric, per epoch: metrics.csv in the run store)");
        out.println();
        out.printf("run store: %s%n", result.runDir());
        String uri = System.getenv("MLFLOW_TRACKING_URI");
        if (uri != null && (uri.startsWith("http://") || uri.startsWith("https://"))) {
            out.printf("MLflow:    %s (experiment '%s')%n", uri, result.experiment());
        } else {
            out.printf("MLflow:    %s — browse with: mlflow ui --backend-store-uri %s%n", mlruns.toAbsolutePath().normalize(), mlruns);
        }
    }
}
