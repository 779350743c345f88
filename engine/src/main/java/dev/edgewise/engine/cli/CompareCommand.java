package dev.edgewise.engine.cli;

import dev.edgewise.engine.compare.Comparison;
import dev.edgewise.engine.compare.RunIndex;
import dev.edgewise.engine.compare.Table;
import dev.edgewise.engine.track.RunFolder;
import dev.edgewise.engine.track.RunHealth;
import dev.edgewise.engine.track.RunSummary;
import dev.edgewise.engine.track.StoredRun;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", mixinStandardHelpOptions = true, description = {
    "Compare runs: the params that differ, then every metric's final value with the difference",
    "(two runs: B - A and relative to A; more runs: the spread, max - min). A sweep's parent run",
    "stands for all its points."})
final class CompareCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", arity = "1..*", description = "Run ids (or their first 6+ characters) or run folders.")
    List<String> runIds;

    @Mixin
    StoreOptions.RunStore runStore;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = RunsCommand.FormatConverter.class,
            description = "text, md, csv or json (default: ${DEFAULT-VALUE}).")
    Table.Format format;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        RunIndex index = new RunIndex(runStore.dir);
        List<RunSummary> entries = Comparison.expand(index, runIds);
        List<String> damaged = new ArrayList<>();
        for (RunSummary e : entries) {
            RunHealth health = RunFolder.at(e.dir()).health();
            if (health.damaged()) {
                damaged.add("error: run " + e.runId() + " cannot be compared, its run store copy is damaged: " + e.dir().resolve(health.problem()));
            }
        }
        if (!damaged.isEmpty()) {
            // Final values read from a cut-short record would be blank or early ones, shown as if they were the run's.
            damaged.forEach(command.commandLine().getErr()::println);
            return Edgewise.EXIT_RUN_FAILED;
        }
        // People get letters and a legend; tools get run ids as column names.
        boolean letters = (format == Table.Format.TEXT || format == Table.Format.MD) && entries.size() <= 26;
        List<StoredRun> stored = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            stored.add(RunFolder.at(entries.get(i).dir()).read());
            columns.add(letters ? String.valueOf((char) ('A' + i)) : entries.get(i).runId());
        }
        if (letters) {
            for (int i = 0; i < entries.size(); i++) {
                RunSummary e = entries.get(i);
                RunHealth health = RunFolder.at(e.dir()).health();
                out.printf("%s%s = run %s  %s (%s)%n", format == Table.Format.MD ? "- " : "", columns.get(i), e.runId(), e.runName(),
                        health.crashed() ? "CRASHED, " + health.problem() + "; its values stop where it did" : e.status());
            }
            out.println();
        }
        out.print(Comparison.table(stored, columns).render(format));
        return 0;
    }
}
