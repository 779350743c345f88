package dev.edgewise.engine.cli;

import dev.edgewise.engine.sweep.slurm.Slurm;
import dev.edgewise.engine.sweep.slurm.SlurmPlan;
import dev.edgewise.engine.sweep.slurm.SlurmSweep;
import dev.edgewise.engine.track.Trackers;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The job that finishes a sweep submitted to Slurm, after its array job. Not for people. */
@Command(name = SlurmSweep.FINISH_COMMAND, mixinStandardHelpOptions = true, hidden = true,
        description = "Internal: end a Slurm sweep's parent run from its points' results and upload it.")
final class SweepFinishCommand implements Callable<Integer> {

    @Option(names = "--plan", required = true) Path plan;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        SlurmPlan read = SlurmPlan.read(plan);
        boolean allFinished = SlurmSweep.finish(plan, Slurm.fromEnvironment(), () -> Trackers.fromEnvironment(read.mlruns()),
                command.commandLine().getOut());
        return allFinished ? 0 : Edgewise.EXIT_RUN_FAILED;
    }
}
