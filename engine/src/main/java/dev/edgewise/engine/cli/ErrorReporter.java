package dev.edgewise.engine.cli;

import dev.edgewise.catalog.data.DataException;
import dev.edgewise.dsl.SpecException;
import dev.edgewise.engine.compare.RunIndex;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Turns what a command throws into a message and an exit code. A user's mistake or a machine's
 * limit (memory, a full disk, a read-only folder) is one line saying what happened, where and what
 * to do; the stack trace goes to the run's error file and is printed only with {@code --verbose}.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    static final String VERBOSE = "--verbose";

    /** A run that failed after it started, with the file that keeps its whole trace. */
    static final class RunFailed extends RuntimeException {
        final Path errorFile;

        RunFailed(Throwable cause, Path errorFile) {
            super(cause);
            this.errorFile = errorFile;
        }
    }

    /** Every problem, one per line with its hint, then how many there were. */
    static void report(SpecException spec, PrintWriter err) {
        spec.problems().forEach(problem -> err.println(problem.format()));
        int count = spec.problems().size();
        err.println(count == 1 ? "1 problem; nothing was run." : count + " problems; nothing was run.");
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine line, CommandLine.ParseResult parsed) {
        return handle(e, line.getErr(), verbose(parsed));
    }

    static int handle(Throwable thrown, PrintWriter err, boolean verbose) {
        Path errorFile = null;
        Throwable e = thrown;
        while ((e instanceof CommandLine.ExecutionException || e instanceof RunFailed) && e.getCause() != null) {
            if (e instanceof RunFailed failed) {
                errorFile = failed.errorFile;
            }
            e = e.getCause();
        }
        if (e instanceof SpecException spec) {
            report(spec, err);
            return Edgewise.EXIT_BAD_INPUT;
        }
        if (e instanceof RunIndex.RunNotFoundException missing) {
            err.println("error: " + missing.getMessage());
            err.println("  hint: `edgewise runs` lists the run store");
            return Edgewise.EXIT_BAD_INPUT;
        }
        if (e instanceof dev.edgewise.engine.sweep.slurm.SlurmException slurm) {
            err.println("error: " + slurm.getMessage());
            err.println("  hint: " + slurm.hint());
            return slurm.badInput() ? Edgewise.EXIT_BAD_INPUT : Edgewise.EXIT_RUN_FAILED;
        }
        if (e instanceof DataException data) {
            err.println("error: " + data.getMessage());
            err.println("  hint: " + data.hint());
            return Edgewise.EXIT_RUN_FAILED;
        }
        Explained explained = explain(e);
        // Native libraries put their own traces in messages (MXNet: "Stack trace: File ..."): one line means one.
        err.println("error: " + explained.what.lines().findFirst().orElse("").strip() + where(e) + " — " + explained.todo);
        if (verbose) {
            thrown.printStackTrace(err);
        } else {
            err.println("  " + (errorFile != null ? "the whole trace is in " + errorFile + "; " : "") + VERBOSE + " prints it here");
        }
        return Edgewise.EXIT_RUN_FAILED;
    }

    private record Explained(String what, String todo) {}

    /** What went wrong and what to do, from the first cause that says more than "it failed". */
    static Explained explain(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof OutOfMemoryError) {
                return new Explained("edgewise ran out of memory (" + cause.getMessage() + ")",
                        "give Java more (EDGEWISE_JAVA_OPTS=-Xmx8g ./edgewise ...), or make the experiment smaller"
                                + " (fewer samples or nodes, a smaller batch)");
            }
            if (cause instanceof ReadOnlyFileSystemException) {
                return new Explained("cannot write: the file system is read-only", WRITABLE);
            }
            if (cause instanceof FileSystemException fs) {
                String reason = String.valueOf(fs.getReason()).toLowerCase(Locale.ROOT);
                if (reason.contains("read-only")) {
                    return new Explained("cannot write " + fs.getFile() + ": the file system is read-only", WRITABLE);
                }
                if (reason.contains("no space")) {
                    return new Explained("the disk is full: cannot write " + fs.getFile(), FULL);
                }
                if (reason.contains("not permitted")) {
                    return new Explained("cannot write " + fs.getFile() + ": operation not permitted", WRITABLE);
                }
                if (cause instanceof AccessDeniedException) {
                    return new Explained("cannot write " + fs.getFile() + ": permission denied", WRITABLE);
                }
            }
            if (cause instanceof IOException io && io.getMessage() != null) {
                String message = io.getMessage().toLowerCase(Locale.ROOT);
                if (message.contains("no space left")) {
                    return new Explained("the disk is full (" + io.getMessage() + ")", FULL);
                }
                if (message.contains("read-only file system")) {
                    return new Explained("cannot write: " + io.getMessage(), WRITABLE);
                }
            }
            if (cause instanceof StackOverflowError) {
                return new Explained("edgewise ran out of stack",
                        "give Java a larger stack (EDGEWISE_JAVA_OPTS=-Xss16m ./edgewise ...); if it persists, report it as a bug");
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new Explained("the run failed: " + root.getClass().getSimpleName() + (root.getMessage() != null ? ": " + root.getMessage() : ""),
                "this is a bug in edgewise or a plug-in: please report it with the trace");
    }

    private static final String WRITABLE = "choose a folder you can write: --runs DIR for the run store, --mlruns DIR for MLflow's";
    private static final String FULL = "free some space, or choose another disk with --runs DIR (and --mlruns DIR)";

    /** The innermost edgewise frame the failure passed through, as class.method. */
    private static String where(Throwable e) {
        java.util.List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable cause = e; cause != null && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(0, cause);
        }
        for (Throwable cause : chain) {
            for (StackTraceElement frame : cause.getStackTrace()) {
                if (frame.getClassName().startsWith("dev.edgewise.")) {
                    String simple = frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1);
                    return " in " + simple + "." + frame.getMethodName();
                }
            }
        }
        return "";
    }

    static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }
}
