package dev.edgewise.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.engine.cli.CliTest.Result;
import dev.edgewise.engine.sweep.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A script cannot end edgewise, fake success, hang it, or crash a run without naming its line.
 * Exits that get past the text check would end the test JVM, so those run edgewise in a child JVM.
 */
class ScriptSafetyCliTest {

    static final String BLANK_DIGITS = """
            dataset("blank") { _ ->
                ImageDataset("blank", "script", "sha256:0", 28, 28, FloatArray(400 * 28 * 28), IntArray(400) { it % 10 })
            }
            """;

    static final String REFLECTIVE_EXIT = "Class.forName(\"java.lang.System\").getMethod(\"exit\", Int::class.javaPrimitiveType).invoke(null, 0)";

    static void assertAtLine(String err, Path file, int line, String words) {
        assertTrue(err.startsWith(file + ":" + line + ":"), () -> "should start with " + file + ":" + line + ":\n" + err);
        assertTrue(err.contains(words), err);
        assertFalse(err.contains("\tat "), () -> "no stack trace:\n" + err);
    }

    static Result child(Path dir, String... args) throws IOException, InterruptedException {
        Path output = dir.resolve("child.txt");
        Process process = ChildJvm.start(List.of(args), null, Map.of("EDGEWISE_CACHE", dir.resolve("cache").toString()), output);
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "the child did not end");
        String text = Files.readString(output);
        return new Result(process.exitValue(), text, text);
    }

    @Test
    void aDirectExitInTheScriptIsRefusedBeforeAnythingRuns(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("exits.experiment.kts");
        Files.writeString(file, "experiment(\"x\") { nodes = 3 }\nSystem.exit(0)\n");

        Result result = CliTest.execute("validate", file.toString());

        assertEquals(2, result.code(), result.err());
        assertAtLine(result.err(), file, 2, "a script cannot end edgewise: System.exit is not allowed");
    }

    @Test
    void aDirectExitInALoaderOrAHaltIsRefusedToo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("loader-exits.experiment.kts");
        Files.writeString(file, "dataset(\"d\") { _ ->\n    exitProcess(0)\n}\nRuntime.getRuntime().halt(0)\n");

        Result result = CliTest.execute("validate", file.toString());

        assertEquals(2, result.code(), result.err());
        assertAtLine(result.err(), file, 2, "exitProcess is not allowed");
        assertTrue(result.err().contains(file + ":4:22: a script cannot end edgewise: halt is not allowed"), result.err());
    }

    @Test
    void anExitTheTextCheckCannotSeeEndsWithTwoAtItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sneaky.experiment.kts");
        Files.writeString(file, "experiment(\"x\") { nodes = 3 }\n\n" + REFLECTIVE_EXIT + "\n");

        Result result = child(dir, "validate", file.toString());

        assertEquals(2, result.code(), result.out());
        assertTrue(result.out().contains(file + ":3:1: the script tried to end edgewise"), result.out());
    }

    @Test
    void anExitInARegisteredLoaderEndsTheRunWithTwoAtItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("loader.experiment.kts");
        Files.writeString(file, """
                dataset("quits") { _ ->
                    %s
                    error("not reached")
                }
                experiment("quits") { nodes = 3; data { source = "quits" }; model(crnn { features = 10 }); exchange(peer { rounds = 1 }); tracking { mlflow = false } }
                """.formatted(REFLECTIVE_EXIT));

        Result result = child(dir, "run", "--no-progress", "--runs", dir.resolve("runs").toString(), file.toString());

        assertEquals(2, result.code(), result.out());
        assertTrue(result.out().contains(file + ":2:5: dataset 'quits' tried to end edgewise"), result.out());
    }

    @Test
    void aLoaderThatThrowsIsReportedAtItsLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.experiment.kts");
        Files.writeString(file, """
                dataset("broken") { _ ->
                    val rows = 0
                    check(rows > 0) { "no rows in the data" }
                    error("not reached")
                }
                experiment("broken") { nodes = 3; data { source = "broken" }; model(crnn { features = 10 }); exchange(peer { rounds = 1 }); tracking { mlflow = false } }
                """);

        Result result = CliTest.execute("run", "--no-progress", "--runs", dir.resolve("runs").toString(), file.toString());

        assertEquals(2, result.code(), result.err());
        assertAtLine(result.err(), file, 3, "dataset 'broken' failed to load: IllegalStateException: no rows in the data");
        assertFalse(Files.exists(dir.resolve("runs/broken")), "the run never started: nothing is recorded");
    }

    @Test
    void aScriptThatNeverEndsIsStoppedAtTheTimeoutAtItsLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("loops.experiment.kts");
        Files.writeString(file, "experiment(\"x\") { nodes = 3 }\nwhile (true) {\n    Thread.sleep(20)\n}\n");

        long started = System.nanoTime();
        Result result = CliTest.execute("validate", "--script-timeout=2", file.toString());
        double seconds = (System.nanoTime() - started) / 1e9;

        assertEquals(2, result.code(), result.err());
        assertAtLine(result.err(), file, 3, "the script did not finish within 2 s; it was running line 3");
        assertTrue(result.err().contains("--script-timeout=SECONDS or EDGEWISE_SCRIPT_TIMEOUT"), result.err());
        assertTrue(seconds < 60, "took " + seconds + " s (the compiler included)");
    }
}
