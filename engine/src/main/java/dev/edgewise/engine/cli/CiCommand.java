package dev.edgewise.engine.cli;

import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.engine.ci.CiRunner;
import dev.edgewise.engine.ci.CiSuite;
import dev.edgewise.engine.compare.Table;
import dev.edgewise.engine.sweep.ChildProcessExecutor;
import dev.edgewise.engine.sweep.PointExecutor;
import dev.edgewise.engine.sweep.slurm.Slurm;
import dev.edgewise.engine.sweep.slurm.SlurmPointExecutor;
import dev.edgewise.engine.track.Trackers;
import dev.edgewise.engine.sweep.NativeThreads;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ci", mixinStandardHelpOptions = true, description = {
    "Run the regression-reproduction suite declared in ci/: each entry's experiment at its reduced budget,",
    "each guarded metric checked against its reference in results/ within its tolerance. Prints a",
    "pass/fail table, writes a JUnit XML report, and exits 1 on any drift. --update rewrites the",
    "references from the runs instead and says what changed."})
final class CiCommand implements Callable<Integer> {

    @Option(names = "--update", description = "Rewrite results/<entry>.json from these runs (commit them).")
    boolean update;

    @Option(names = "--suite", paramLabel = "DIR", defaultValue = "ci", description = "The suite folder (default: ${DEFAULT-VALUE}).")
    Path suite;

    @Option(names = "--entry", paramLabel = "NAME", description = "Run only this entry (repeatable).")
    List<String> only = new ArrayList<>();

    @Option(names = "--junit", paramLabel = "FILE", defaultValue = "target/ci/TEST-edgewise-ci.xml",
            description = "JUnit XML report (default: ${DEFAULT-VALUE}).")
    Path junit;

    @Mixin
    StoreOptions.RunStore runStore;

    @Mixin
    StoreOptions.MlflowStore mlflowStore;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Runs at once (default: as many as the cores allow at OMP_NUM_THREADS each).")
    Integer jobs;

    @Option(names = "--force", description = "Compute every run even when an identical finished run is in the run store.")
    boolean force;

    @Option(names = "--executor", paramLabel = "NAME", defaultValue = "local",
            description = "Where the runs are computed: local (child JVMs here) or slurm (one Slurm job each, the run store on a"
                    + " filesystem the nodes share) (default: ${DEFAULT-VALUE}).")
    RunCommand.Executor executor;

    @Option(names = "--slurm-args", paramLabel = "ARGS", description = "Extra sbatch options, e.g. \"--partition=cpu --time=30\".")
    String slurmArgs;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        CiSuite loaded = CiSuite.load(suite);
        int threads = NativeThreads.perJob();
        int max = NativeThreads.maxJobs(Runtime.getRuntime().availableProcessors(), threads);
        int parallel = jobs == null ? max : Math.max(1, Math.min(jobs, max));
        PointExecutor computer = new ChildProcessExecutor(threads);
        if (executor == RunCommand.Executor.slurm) {
            // The cluster's cores bound how many run at once, not this machine's.
            parallel = jobs == null ? max : Math.max(1, jobs);
            computer = new SlurmPointExecutor(Slurm.fromEnvironment(), runStore.dir, threads,
                    slurmArgs == null || slurmArgs.isBlank() ? List.of() : List.of(slurmArgs.strip().split("\\s+")),
                    java.time.Duration.ofSeconds(2), System.getenv(), () -> Trackers.fromEnvironment(mlflowStore.dir));
        } else if (slurmArgs != null) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(), "--slurm-args goes with --executor slurm");
        }
        CiRunner runner = new CiRunner(new CiRunner.Options(runStore.dir, mlflowStore.dir, parallel, force, update, junit, only,
                "edgewise " + String.join(" ", command.commandLine().getParseResult().originalArgs())),
                computer, new DatasetRegistry(), out);
        CiRunner.Report report;
        try {
            report = runner.run(loaded);
        } catch (IllegalArgumentException e) {
            command.commandLine().getErr().println("error: " + e.getMessage());
            return Edgewise.EXIT_BAD_INPUT;
        }
        out.println();
        out.print(CiRunner.table(report).render(Table.Format.TEXT));
        List<CiRunner.Check> failures = report.failures();
        for (CiRunner.Check c : report.checks()) {
            if (c.verdict() == CiRunner.Verdict.IMPROVED) {
                out.println("note: " + c.entry() + ": " + c.message());
            }
        }
        report.notes().forEach(note -> out.println("note: " + note));
        if (!failures.isEmpty()) {
            out.println();
            for (CiRunner.Check c : failures) {
                out.printf("FAIL %s%s: %s%n", c.entry(), c.point().isEmpty() || c.point().equals("run") ? "" : " [" + c.point() + "]", c.message());
            }
        }
        out.println();
        out.printf("CI suite: %d check(s), %d failed, in %.0f s%s%n", report.checks().size(), failures.size(), report.seconds(),
                junit == null ? "" : "; JUnit report: " + junit);
        return failures.isEmpty() ? 0 : Edgewise.EXIT_RUN_FAILED;
    }
}
