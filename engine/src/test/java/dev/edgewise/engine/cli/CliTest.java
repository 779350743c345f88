package dev.edgewise.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /**
     * Each file's leading {@code # expect:} (the binder's) or {@code # expect-compiled:} (the
     * compile step's) lines, {@code line:column: message (at $.path) | hint fragment}, are what
     * both commands print, in order and nothing more; and nothing is written to the run store.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badInputExitsWithTwoAndNamesTheFileLineAndColumn(Path file, @TempDir Path dir) throws IOException {
        List<String> expectations = Files.readAllLines(file).stream()
                .takeWhile(line -> line.startsWith("# expect"))
                .map(line -> line.substring(line.indexOf(": ") + 2))
                .toList();
        assertFalse(expectations.isEmpty(), "no expectation in " + file);
        Path runs = dir.resolve("runs");
        for (String[] command : new String[][] {{"validate", file.toString()}, {"run", file.toString(), "--runs", runs.toString()}}) {
            Result result = execute(command);

            assertEquals(2, result.code, () -> command[0] + " " + file + ":\n" + result.err);
            assertTrue(result.err.startsWith(file + ":"), () -> "error should start with file:line:column:\n" + result.err);
            assertFalse(result.err.contains("\tat "), () -> "no stack trace for a user mistake:\n" + result.err);
            List<String> reported = result.err.lines().filter(line -> line.startsWith(file + ":")).toList();
            assertEquals(expectations.size(), reported.size(), () -> command[0] + " reported:\n" + result.err);
            for (int i = 0; i < expectations.size(); i++) {
                String[] parts = expectations.get(i).split(" \\| ", 2);
                assertEquals(file + ":" + parts[0], reported.get(i), command[0]);
                if (parts.length == 2) {
                    assertTrue(result.err.contains("hint: ") && hintOf(result.err, reported.get(i)).contains(parts[1]),
                            () -> "hint fragment '" + parts[1] + "' missing:\n" + result.err);
                }
            }
            // Every rejection says what to do, not only what is wrong.
            reported.forEach(line -> assertFalse(hintOf(result.err, line).isEmpty(), () -> "no hint for: " + line));
            assertTrue(result.err.contains("nothing was run."), result.err);
            assertTrue(!Files.exists(runs) || isEmpty(runs), () -> "a rejected file wrote " + runs);
        }
    }

    /** The hint line printed after {@code problemLine}, or "". */
    private static String hintOf(String err, String problemLine) {
        List<String> lines = err.lines().toList();
        int at = lines.indexOf(problemLine);
        return at >= 0 && at + 1 < lines.size() && lines.get(at + 1).startsWith("  hint: ") ? lines.get(at + 1) : "";
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isEmpty();
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

    /** The checks refuse mistakes, never the repository's own files: every experiment, and every CI entry with its overrides. */
    @Test
    void everyExperimentAndEveryCiEntryOfTheRepositoryPasses() throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("validate"));
        // experiments/mcu reads the taylor series out of a Debian package: checked only where apt can fetch it.
        boolean debian = dev.edgewise.engine.AptPackages.know(dev.edgewise.catalog.data.TaylorDeb.PACKAGE);
        try (Stream<Path> files = Files.walk(Path.of("../experiments"))) {
            files.filter(f -> f.toString().endsWith(".yaml")).filter(f -> debian || !f.toString().contains("experiments/mcu/")).sorted()
                    .forEach(f -> args.add(f.toString()));
        }
        Result result = execute(args.toArray(String[]::new));
        assertEquals(0, result.code, result.err);

        dev.edgewise.engine.ci.CiSuite suite = dev.edgewise.engine.ci.CiSuite.load(Path.of("../ci"));
        for (dev.edgewise.engine.ci.CiSuite.Entry entry : suite.entries()) {
            if (!debian && entry.name().startsWith("mcu-")) {
                continue;
            }
            dev.edgewise.engine.sweep.Points.compileAll(entry.source(), new dev.edgewise.catalog.topology.TopologyRegistry(),
                    dev.edgewise.catalog.Catalog.shared().datasets());
        }
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
    @org.junit.jupiter.params.provider.ValueSource(strings = {"run", "validate", "inspect", "bench", "runs", "compare", "reproduce", "sync", "ci", "schema", "cancel"})
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
