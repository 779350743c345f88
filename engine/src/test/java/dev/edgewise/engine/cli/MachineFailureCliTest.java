package dev.edgewise.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.engine.cli.CliTest.Result;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Memory, disk and permissions fail runs with one line saying what, where and what to do; the trace only on request. */
class MachineFailureCliTest {

    /** A command that fails the way the machine makes a run fail, through the CLI's own error handling. */
    @CommandLine.Command(name = "fail")
    static final class Fails implements Callable<Integer> {
        final Supplier<Throwable> failure;

        Fails(Supplier<Throwable> failure) {
            this.failure = failure;
        }

        @CommandLine.Option(names = ErrorReporter.VERBOSE)
        boolean verbose;

        @Override
        public Integer call() throws Exception {
            Throwable t = failure.get();
            if (t instanceof Error e) {
                throw e;
            }
            throw (Exception) t;
        }
    }

    static Result fail(Supplier<Throwable> failure, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new Fails(failure));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setExecutionExceptionHandler(new ErrorReporter());
        int code;
        try {
            code = line.execute(args);
        } catch (Error e) {
            code = ErrorReporter.handle(e, line.getErr(), java.util.List.of(args).contains(ErrorReporter.VERBOSE));
        }
        return new Result(code, out.toString(), err.toString());
    }

    static void assertOneLine(Result result, String what, String todo) {
        assertEquals(1, result.code(), result.err());
        String[] lines = result.err().split("\\R");
        assertEquals(2, lines.length, () -> "one line and where the trace is:\n" + result.err());
        assertTrue(lines[0].startsWith("error: " + what), result.err());
        assertTrue(lines[0].contains(todo), result.err());
        assertTrue(lines[1].contains("--verbose prints it"), result.err());
        assertFalse(result.err().contains("\tat "), result.err());
    }

    @Test
    void outOfMemoryIsOneLine() {
        assertOneLine(fail(() -> new OutOfMemoryError("Java heap space")), "edgewise ran out of memory (Java heap space)", "EDGEWISE_JAVA_OPTS=-Xmx8g");
    }

    @Test
    void aReadOnlyRunStoreIsOneLine() {
        assertOneLine(fail(() -> new IOException("could not record the run",
                        new FileSystemException("runs/quickstart/abc/events.jsonl", null, "Read-only file system"))),
                "cannot write runs/quickstart/abc/events.jsonl: the file system is read-only", "--runs DIR");
    }

    @ParameterizedTest
    @ValueSource(strings = {"No space left on device", "write failed: No space left on device"})
    void aFullDiskIsOneLine(String message) {
        assertOneLine(fail(() -> new IOException(message)), "the disk is full", "free some space");
    }

    @Test
    void aCrashIsOneLineThatSaysItIsABug() {
        assertOneLine(fail(() -> new IllegalStateException("boom", new ArithmeticException("/ by zero"))),
                "the run failed: ArithmeticException: / by zero", "report it");
    }

    @Test
    void verbosePrintsTheTrace() {
        Result result = fail(() -> new OutOfMemoryError("Java heap space"), ErrorReporter.VERBOSE);

        assertEquals(1, result.code());
        assertTrue(result.err().contains("\tat "), result.err());
    }

    @Test
    void aRunThatCrashesSaysSoInOneLineAndPointsAtItsErrorFile(@TempDir Path dir) throws IOException {
        // Checked against 28x28 digits, then handed 8x8 images: the run starts and training crashes.
        java.util.concurrent.atomic.AtomicInteger loads = new java.util.concurrent.atomic.AtomicInteger();
        dev.edgewise.catalog.Catalog.shared().registerDataset("shifting-images", cache -> loads.getAndIncrement() == 0
                ? dev.edgewise.engine.sweep.TestData.noise(cache)
                : new dev.edgewise.catalog.data.ImageDataset("shifting-images", "test", "sha256:0", 8, 8, new float[50 * 64], new int[50]),
                "MachineFailureCliTest");
        Path spec = dir.resolve("doomed.yaml");
        Files.writeString(spec, "name: doomed\ntopology: {nodes: 2}\ndata: {source: shifting-images, train_samples: 8, test_samples: 4}\n"
                + "model: {kind: crnn, extractor: {pretrain: {epochs: 0}}}\nexchange: {kind: peer}\ntraining: {epochs: 1}\ntracking: {mlflow: false}\n");

        Result result = CliTest.execute("run", "--no-progress", "--runs", dir.resolve("runs").toString(), spec.toString());

        assertEquals(1, result.code(), result.err());
        Path errorFile;
        try (var runs = Files.list(dir.resolve("runs/doomed"))) {
            errorFile = runs.findFirst().orElseThrow().resolve("artifacts/error.txt");
        }
        assertTrue(Files.readString(errorFile).contains("\tat "), "the trace is kept in the run");
        String[] lines = result.err().strip().split("\\R");
        assertEquals(2, lines.length, result.err());
        assertTrue(lines[0].startsWith("error: the run failed: "), result.err());
        assertEquals("  the whole trace is in " + errorFile + "; --verbose prints it here", lines[1]);
    }

    @Test
    void aRunStoreThatCannotBeWrittenFailsTheRealRunInOneLine() {
        Path store = Path.of("/sys/edgewise-test-runs");
        Assumptions.assumeFalse(Files.isDirectory(store));
        try {
            Files.createDirectories(store);
            Assumptions.abort("/sys is writable here");
        } catch (IOException expected) {
            // What the test needs: a folder the run cannot create.
        }

        Result result = CliTest.execute("run", "--no-progress", "--runs", store.toString(), "--mlruns", store.resolve("mlruns").toString(),
                "src/test/resources/tiny.yaml");

        assertEquals(1, result.code(), result.err());
        assertTrue(result.err().startsWith("error: cannot write /sys/edgewise-test-runs"), result.err());
        assertTrue(result.err().contains("--runs DIR"), result.err());
        assertFalse(result.err().contains("\tat "), result.err());
    }
}
