package dev.edgewise.engine.cli;

import dev.edgewise.engine.compare.RunIndex;
import dev.edgewise.engine.sweep.slurm.Slurm;
import dev.edgewise.engine.sweep.slurm.SlurmException;
import dev.edgewise.engine.sweep.slurm.SlurmPlan;
import dev.edgewise.engine.sweep.slurm.SlurmSweep;
import dev.edgewise.engine.track.RunSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", mixinStandardHelpOptions = true, description = {
    "Cancel a sweep running on Slurm: its points still queued or running are cancelled (scancel); the job",
    "that finishes the sweep still runs, marks them FAILED with Slurm's reason and ends the parent run.",
    "`edgewise run --resume RUN --executor slurm` later submits what is missing."})
final class CancelCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "The sweep's parent run id (or its first 6+ characters) or run folder.")
    String run;

    @Mixin
    StoreOptions.RunStore runStore;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        RunSummary parent = new RunIndex(runStore.dir).find(run);
        SlurmPlan plan = SlurmPlan.of(parent.dir()).orElseThrow(() -> new SlurmException("run " + parent.shortId()
                + " is not a sweep submitted to Slurm", "a local sweep stops with Ctrl-C in its terminal", true));
        List<String> cancelled = SlurmSweep.cancel(plan, Slurm.fromEnvironment());
        if (cancelled.isEmpty()) {
            out.printf("sweep %s has no points left in the queue; nothing to cancel%n", parent.shortId());
        } else {
            out.printf("cancelled array job(s) %s of sweep %s; job %s ends the parent run%n", String.join(", ", cancelled),
                    parent.shortId(), plan.last().finishJob());
        }
        return 0;
    }
}
