package dev.edgewise.engine.cli;

import dev.edgewise.script.ExperimentFiles;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How long a Kotlin experiment script may run, for the commands that read scripts. */
final class ScriptOptions {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec command;

    // Always applied (the default included), so one command's value never carries over to the next in the same JVM.
    @Option(names = "--script-timeout", paramLabel = "SECONDS",
            defaultValue = "${env:" + ExperimentFiles.TIMEOUT_ENV + ":-" + ExperimentFiles.DEFAULT_TIMEOUT_SECONDS + "}",
            description = "Longest a Kotlin script may run before it is reported as not finishing (default: ${DEFAULT-VALUE} s;"
                    + " set by " + ExperimentFiles.TIMEOUT_ENV + ").")
    void timeout(long seconds) {
        if (seconds < 1) {
            throw new CommandLine.ParameterException(command.commandLine(), "--script-timeout must be at least 1 second, got " + seconds);
        }
        ExperimentFiles.setScriptTimeoutSeconds(seconds);
    }
}
