package dev.edgewise.engine.cli;

import dev.edgewise.engine.compare.RunIndex;
import dev.edgewise.engine.sync.Syncer;
import dev.edgewise.engine.track.RunSink;
import dev.edgewise.engine.track.RunSummary;
import dev.edgewise.engine.track.SyncReport;
import dev.edgewise.engine.track.Syncable;
import dev.edgewise.engine.track.Trackers;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sync", mixinStandardHelpOptions = true, description = {
    "Upload to MLflow what it is missing of runs in the run store (all of them, or the ones named):",
    "runs it never got, and params, tags, metric values, artifacts and final status it missed while",
    "it was down. It asks first and sends only the difference, so running it twice changes nothing.",
    "A damaged run store copy is reported and not synced; a RUNNING run whose process is gone is",
    "first marked FAILED (crashed) in the run store.",
    "MLflow: a server at MLFLOW_TRACKING_URI (http/https) if set, else the file store --mlruns."})
final class SyncCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", arity = "0..*", description = "Run ids (or their first 6+ characters) or run folders; default: every run.")
    List<String> runIds = new ArrayList<>();

    @Mixin
    StoreOptions.RunStore runStore;

    @Mixin
    StoreOptions.MlflowStore mlflowStore;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        RunIndex index = new RunIndex(runStore.dir);
        List<RunSummary> selected = new ArrayList<>();
        if (runIds.isEmpty()) {
            selected.addAll(index.all());
        } else {
            for (String id : runIds) {
                selected.add(index.find(id));
            }
        }
        if (selected.isEmpty()) {
            out.println("no runs in " + index.root());
            return 0;
        }
        try (RunSink target = Trackers.fromEnvironment(mlflowStore.dir)) {
            out.printf("syncing %d run(s) from %s to %s%n", selected.size(), index.root(), target.name());
            List<Syncer.Outcome> outcomes = new Syncer((Syncable) target).sync(selected);
            int failed = 0;
            int sent = 0;
            int damaged = 0;
            for (Syncer.Outcome o : outcomes) {
                String head = o.run().shortId() + "  " + o.run().runName() + ": ";
                if (o.markedFailed() != null) {
                    out.println(head + "marked FAILED in the run store: " + o.markedFailed());
                }
                if (o.damage() != null) {
                    damaged++;
                    out.println(head + "skipped, the run store's copy is damaged: " + o.damage()
                            + " (the tracker's copy was left as it is)");
                } else if (o.skipped()) {
                    out.println(head + "skipped, " + o.error());
                } else if (o.error() != null) {
                    failed++;
                    out.println(head + "FAILED: " + o.error());
                } else {
                    SyncReport r = o.report();
                    if (!r.upToDate()) {
                        sent++;
                    }
                    out.println(head + describe(r) + (r.duplicates() > 0 ? "; " + r.duplicates() + " duplicate metric value(s) on the tracker" : ""));
                    r.notes().forEach(note -> out.println("    note: " + note));
                }
            }
            out.printf("%d run(s): %d updated, %d already up to date, %d failed%s%n", outcomes.size(), sent,
                    outcomes.size() - sent - failed - outcomes.stream().filter(Syncer.Outcome::skipped).count(), failed,
                    damaged == 0 ? "" : ", " + damaged + " damaged (not synced)");
            return failed == 0 && damaged == 0 ? 0 : Edgewise.EXIT_RUN_FAILED;
        }
    }

    private static String describe(SyncReport r) {
        if (r.upToDate()) {
            return "up to date";
        }
        List<String> parts = new ArrayList<>();
        if (r.created()) {
            parts.add("created");
        }
        parts.add(r.params() + " params, " + r.tags() + " tags, " + r.metrics() + " metric values, " + r.artifacts() + " artifacts sent");
        if (r.statusUpdated()) {
            parts.add("final status set");
        }
        return String.join("; ", parts) + " (remote run " + r.remoteRunId() + ")";
    }
}
