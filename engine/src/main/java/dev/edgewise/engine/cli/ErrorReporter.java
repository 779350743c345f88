package dev.edgewise.engine.cli;

import dev.edgewise.catalog.data.DataException;
import dev.edgewise.dsl.SpecException;
import dev.edgewise.engine.compare.RunIndex;
import picocli.CommandLine;

/**
 * Turns what a command throws into a message and an exit code. A user's mistake is a message, not
 * a stack trace; an unexpected failure keeps its trace (the run store has it too).
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    /** Every problem, one per line with its hint, then how many there were. */
    static void report(SpecException spec, java.io.PrintWriter err) {
        spec.problems().forEach(problem -> err.println(problem.format()));
        int count = spec.problems().size();
        err.println(count == 1 ? "1 problem; nothing was run." : count + " problems; nothing was run.");
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine line, CommandLine.ParseResult parsed) {
        var err = line.getErr();
        if (e instanceof SpecException spec) {
            report(spec, err);
            return Edgewise.EXIT_BAD_INPUT;
        }
        if (e instanceof RunIndex.RunNotFoundException missing) {
            err.println("error: " + missing.getMessage());
            err.println("  hint: `edgewise runs` lists the run store");
            return Edgewise.EXIT_BAD_INPUT;
        }
        if (e instanceof DataException data) {
            err.println("error: " + data.getMessage());
            return Edgewise.EXIT_RUN_FAILED;
        }
        err.println("error: the run failed: " + e);
        e.printStackTrace(err);
        return Edgewise.EXIT_RUN_FAILED;
    }
}
