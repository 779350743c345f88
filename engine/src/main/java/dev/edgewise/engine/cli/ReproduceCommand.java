package dev.edgewise.engine.cli;

import dev.edgewise.engine.compare.Table;
import dev.edgewise.engine.repro.RecordedRun;
import dev.edgewise.engine.repro.Reproducer;
import dev.edgewise.engine.track.DamagedRunException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "reproduce", mixinStandardHelpOptions = true, description = {
    "Run a finished run again from its logged spec and seed, with the native thread counts it ran with,",
    "and compare every metric at every step. Exit code 0 when all are identical, bit for bit."})
final class ReproduceCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = {"A run id (or its first 6+ characters) or folder in the run store, an MLflow file-store run",
        "folder or id, or mlflow:<run id> for a run on the server at MLFLOW_TRACKING_URI."})
    String run;

    @Mixin
    StoreOptions.RunStore runStore;

    @Mixin
    StoreOptions.MlflowStore mlflowStore;

    @Option(names = "--no-progress", description = "Plain lines per epoch instead of a progress bar.")
    boolean noProgress;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = RunsCommand.FormatConverter.class,
            description = "Format of the metric table: text, md, csv or json (default: ${DEFAULT-VALUE}).")
    Table.Format format;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        RecordedRun original;
        try {
            original = RecordedRun.locate(run, runStore.dir, mlflowStore.dir);
        } catch (DamagedRunException e) {
            command.commandLine().getErr().println("error: " + e.getMessage());
            return Edgewise.EXIT_RUN_FAILED;
        }
        out.printf("reproducing run %s (%s): spec %s, seed %s, OMP_NUM_THREADS=%s%n", original.runId(), original.source(),
                Objects.toString(original.provenance().spec().specHash(), "?").replaceFirst("^(sha256:.{12}).*", "$1"),
                Objects.toString(original.provenance().spec().seed(), "?"),
                Objects.toString(original.provenance().environment().ompNumThreads(), "?"));
        String data = Reproducer.dataCheck(original);
        if (data != null) {
            out.println(data);
        }
        out.flush();
        Reproducer.Result result;
        try {
            result = new Reproducer(runStore.dir, mlflowStore.dir, !noProgress).reproduce(original,
                    "edgewise " + String.join(" ", command.commandLine().getParseResult().originalArgs()));
        } catch (IllegalArgumentException e) {
            command.commandLine().getErr().println("error: " + e.getMessage());
            return Edgewise.EXIT_BAD_INPUT;
        }
        if (result.diff() == null) {
            out.println("the re-run failed: " + (result.run() == null ? "its process ended without a result" : result.run().error()));
            return Edgewise.EXIT_RUN_FAILED;
        }
        out.println();
        out.printf("re-run %s: %s%n%n", result.run().runId(), result.run().runDir());
        if (original.stoppedEarly() != null) {
            out.printf("the original stopped early (%s): only the steps it reached are compared%n%n", original.stoppedEarly());
        }
        out.print(result.diff().table().render(format));
        out.println();
        if (result.identical()) {
            out.printf("identical: %d metric values, every metric at every step, bit for bit%n", result.diff().valuesCompared());
        } else {
            out.printf("DIFFERENT: %d of %d metrics differ%n", result.diff().differing().size(),
                    result.diff().rows().stream().filter(r -> !r.timing()).count());
        }
        if (!result.provenanceDifferences().isEmpty()) {
            out.println("what differs from the original run (any of it can change the bits; see README, Reproducibility):");
            for (Map.Entry<String, List<String>> d : result.provenanceDifferences().entrySet()) {
                out.printf("  %-18s %s  ->  %s%n", d.getKey(), d.getValue().get(0), d.getValue().get(1));
            }
        }
        return result.identical() ? 0 : Edgewise.EXIT_RUN_FAILED;
    }
}
