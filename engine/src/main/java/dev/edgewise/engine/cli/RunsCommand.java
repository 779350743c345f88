package dev.edgewise.engine.cli;

import dev.edgewise.engine.compare.Metrics;
import dev.edgewise.engine.compare.RunIndex;
import dev.edgewise.engine.compare.Table;
import dev.edgewise.engine.sweep.slurm.Slurm;
import dev.edgewise.engine.sweep.slurm.SlurmPlan;
import dev.edgewise.engine.sweep.slurm.SlurmSweep;
import dev.edgewise.engine.track.RunFolder;
import dev.edgewise.engine.track.RunHealth;
import dev.edgewise.engine.track.RunStatus;
import dev.edgewise.engine.track.RunSummary;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "runs", mixinStandardHelpOptions = true, description = "List the runs in the run store, oldest first.")
final class RunsCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Mixin
    StoreOptions.RunStore runStore;

    @Option(names = {"-e", "--experiment"}, paramLabel = "NAME", description = "Only runs of this experiment.")
    String experiment;

    @Option(names = {"-s", "--status"}, paramLabel = "STATUS", description = "Only runs with this status: ${COMPLETION-CANDIDATES}.")
    RunStatus status;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = FormatConverter.class,
            description = "text, md, csv or json (default: ${DEFAULT-VALUE}).")
    Table.Format format;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        boolean forPeople = format == Table.Format.TEXT || format == Table.Format.MD;
        List<String> columns = new ArrayList<>(List.of("run", "experiment", "name", "status", "started", "seconds", "parent", "metrics"));
        if (!forPeople) {
            columns.add("problem");
        }
        Table table = new Table(columns);
        List<String> notes = new ArrayList<>();
        int shown = 0;
        for (RunSummary e : new RunIndex(runStore.dir).all()) {
            if ((experiment != null && !experiment.equals(e.experiment())) || (status != null && status != e.status())) {
                continue;
            }
            RunHealth health = RunFolder.at(e.dir()).health();
            // A damaged record's headline would be whatever survived, so none is shown.
            String shownStatus = switch (health.state()) {
                case CRASHED -> "CRASHED";
                case DAMAGED -> "DAMAGED";
                default -> e.status().name();
            };
            String metrics = health.damaged() ? null : headline(e.dir());
            if (e.status() == RunStatus.RUNNING && !health.damaged()) {
                // A sweep on Slurm: its points' progress says more than a parent's metrics, which it has none of yet.
                metrics = slurmStatus(e.dir()).orElse(metrics);
            }
            Double seconds = e.endTimeMs() == null ? null : (e.endTimeMs() - e.startTimeMs()) / 1000.0;
            List<Object> row = new ArrayList<>(java.util.Arrays.asList(format == Table.Format.TEXT ? e.shortId() : e.runId(), e.experiment(),
                    e.runName(), shownStatus, TIME.format(Instant.ofEpochMilli(e.startTimeMs())), seconds,
                    e.parentRunId() == null ? null : format == Table.Format.TEXT ? e.parentRunId().substring(0, 12) : e.parentRunId(),
                    metrics));
            if (!forPeople) {
                row.add(health.problem());
            }
            table.add(row);
            if (health.damaged() || health.crashed()) {
                notes.add(e.shortId() + " " + health.describe() + (health.damaged() ? " (in " + e.dir() + ")"
                        : "; `edgewise sync` marks it FAILED"));
            }
            shown++;
        }
        if (shown == 0 && format == Table.Format.TEXT) {
            command.commandLine().getOut().println("no runs in " + new RunIndex(runStore.dir).root()
                    + (experiment != null || status != null ? " match the filter" : ""));
            return 0;
        }
        command.commandLine().getOut().print(table.render(format));
        if (forPeople && !notes.isEmpty()) {
            command.commandLine().getOut().println();
            notes.forEach(command.commandLine().getOut()::println);
        }
        return 0;
    }

    private static Optional<String> slurmStatus(Path dir) {
        try {
            Optional<SlurmPlan> plan = SlurmPlan.of(dir);
            if (plan.isEmpty()) {
                return Optional.empty();
            }
            SlurmSweep.Status status = SlurmSweep.status(plan.get(), Slurm.fromEnvironment());
            // Its finishing job is gone and the parent still RUNNING: that job died (node failure, time limit, cancelled).
            return Optional.of(status.line() + (status.finishing() ? "" : "; finishing job " + plan.get().last().finishJob()
                    + " ended without ending the sweep: `edgewise run --resume " + dir.getFileName().toString().substring(0, 12)
                    + " --executor slurm`"));
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.of("slurm: status unknown (" + e.getMessage() + ")");
        }
    }

    /** Two headline metrics of a finished run, e.g. "test_rmse 0.0734, test_accuracy 0.7740". */
    private static String headline(Path dir) {
        try {
            Optional<Map<String, Double>> results = RunFolder.at(dir).results();
            if (results.isEmpty()) {
                return null;
            }
            Map<String, Double> values = results.get();
            List<String> parts = new ArrayList<>();
            for (String key : Metrics.headline(values, 2)) {
                parts.add(key + " " + Table.show(values.get(key)));
            }
            return String.join(", ", parts);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Table.Format> {
        @Override
        public Table.Format convert(String value) {
            try {
                return Table.Format.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not one of text, md, csv, json");
            }
        }
    }
}
