package dev.edgewise.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CliTest {

    /** The dsl module's corpus of user mistakes; each must end the command with exit code 2. */
    static Stream<Path> badFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../dsl/src/test/resources/bad"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badInputExitsWithTwoAndNamesTheFileLineAndColumn(Path file) {
        for (String command : new String[] {"validate", "run"}) {
            Result result = execute(command, file.toString());

            assertEquals(2, result.code, () -> command + " " + file + ":\n" + result.err);
            assertTrue(result.err.startsWith(file + ":"), () -> "error should start with file:line:column:\n" + result.err);
            assertFalse(result.err.contains("\tat "), () -> "no stack trace for a user mistake:\n" + result.err);
        }
    }

    @Test
    void unknownGraphIsReportedAtItsLineWithTheNearestName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("hex.yaml");
        Files.writeString(file, "name: hex\ntopology:\n  nodes: 4\n  graph: rign\nmodel: {kind: crnn}\nexchange: {kind: peer}\n");

        Result result = execute("validate", file.toString());

        assertEquals(2, result.code);
        assertTrue(result.err.startsWith(file + ":4:10: unknown graph 'rign' (at $.topology.graph)"), result.err);
        assertTrue(result.err.contains("did you mean 'ring'?"), result.err);
    }

    @Test
    void validateAcceptsTheQuickstart() {
        Result result = execute("validate", "../experiments/quickstart.yaml");

        assertEquals(0, result.code, result.err);
        assertTrue(result.out.contains("quickstart.yaml: ok (quickstart, 5 nodes, 5 links"), result.out);
    }

    @Test
    void inspectPrintsTheModelLayerByLayer() {
        Result result = execute("inspect", "../experiments/quickstart.yaml");

        assertEquals(0, result.code, result.err);
        assertTrue(result.out.contains("| Conv2d | (1x28x28) | (10x24x24) | 260 | 149,760 |"), result.out);
        assertTrue(result.out.contains("| **total** | (29) | (29) | **2,169** | **2,169** |"), "Table 5, f_in = 25:\n" + result.out);
        assertTrue(result.out.contains("| messages at most: N x R | 25 |"), result.out);
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        Result result = execute("--help");

        assertEquals(0, result.code);
        assertTrue(result.out.contains("run") && result.out.contains("validate"), result.out);
        assertTrue(result.out.contains("2  bad input"), result.out);
    }

    @ParameterizedTest(name = "edgewise {0} --help")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"run", "validate", "inspect", "bench", "runs", "compare", "reproduce", "sync", "ci", "schema"})
    void everyCommandExplainsItself(String command) {
        Result result = execute(command, "--help");

        assertEquals(0, result.code, result.err);
        assertTrue(result.out.startsWith("Usage: edgewise " + command), result.out);
    }

    @Test
    void unknownOptionIsBadInput() {
        assertEquals(2, execute("run", "--frobnicate", "x.yaml").code);
    }

    record Result(int code, String out, String err) {}

    static Result execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Edgewise.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }
}
