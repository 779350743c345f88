package dev.edgewise.engine.cli;

import dev.edgewise.engine.Plugins;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code edgewise} command. Exit codes: 0 done, 1 a run failed, 2 bad input. */
@Command(
        name = "edgewise",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Declarative experiments for communication-efficient distributed learning:",
            "describe a network of learning nodes in YAML, train it with DJL, and account",
            "every message and byte that crosses the links.",
            ""
        },
        subcommands = {RunCommand.class, ValidateCommand.class, InspectCommand.class, BenchCommand.class, SchemaCommand.class,
            RunsCommand.class, CompareCommand.class, ReproduceCommand.class, SyncCommand.class, CiCommand.class, CancelCommand.class, PointCommand.class,
            SweepFinishCommand.class,
            CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  done", "  1  a run failed (its run store says why), a sweep point failed, ci found a drift,",
            "     or reproduce found a difference", "  2  bad input (the message names file:line:column)"})
public final class Edgewise implements Runnable {

    public static final int EXIT_RUN_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = ErrorReporter.VERBOSE, scope = CommandLine.ScopeType.INHERIT,
            description = "Print the stack trace of an unexpected failure (a failed run keeps it in its error.txt either way).")
    boolean verbose;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = execute(out, err, args);
        // Autoflush covers println only; tables are printed whole.
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line with the given streams and returns the exit code (for tests and main). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        Plugins.load();
        dev.edgewise.engine.run.Engines.defaults();
        CommandLine line = new CommandLine(new Edgewise());
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler(new ErrorReporter());
        try {
            return line.execute(args);
        } catch (Error e) {
            // Errors (out of memory, a stack overflow) pass picocli's handler by: one line here too.
            return ErrorReporter.handle(e, err, java.util.Arrays.asList(args).contains(ErrorReporter.VERBOSE));
        }
    }
}
