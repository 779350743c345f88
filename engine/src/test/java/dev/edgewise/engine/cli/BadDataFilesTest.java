package dev.edgewise.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.engine.cli.CliTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of mistakes in the user's own data: {@code bad-data/*.yaml}, each reading malformed
 * files under {@code bad-data/files/} (or naming a column, file or window the files do not have).
 * A file's one {@code # expect-data:} line is what {@code validate} and {@code run} print first,
 * {@code position: message (at $.path) | hint fragment}, with the corpus folder left out of every
 * path: a data file's line and column (text) or byte (binary) or the file itself (an image that
 * does not decode), or the experiment's line and column when the spec's value is at fault. Both
 * commands exit 2 and write nothing.
 */
class BadDataFilesTest {

    static final Path CORPUS = Path.of("src/test/resources/bad-data").toAbsolutePath();

    static Stream<Path> badFiles() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void theCorpusHoldsAtLeastFifteenMalformedDataFiles() throws IOException {
        long malformed;
        try (Stream<Path> files = Files.walk(CORPUS.resolve("files"))) {
            malformed = files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("good")).count();
        }
        assertTrue(malformed >= 15, "malformed data files: " + malformed);
        assertTrue(badFiles().count() >= 15);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void dataMistakesExitWithTwoAndSayWhere(Path file, @TempDir Path dir) throws IOException {
        List<String> expectations = Files.readAllLines(file).stream()
                .takeWhile(line -> line.startsWith("# expect-data: "))
                .map(line -> line.substring("# expect-data: ".length()))
                .toList();
        assertEquals(1, expectations.size(), "one '# expect-data:' line in " + file);
        String[] parts = expectations.get(0).split(" \\| ", 2);
        Path runs = dir.resolve("runs");
        for (String[] command : new String[][] {{"validate", file.toString()}, {"run", file.toString(), "--runs", runs.toString()}}) {
            Result result = CliTest.execute(command);
            String err = result.err().replace(CORPUS + "/", "");

            assertEquals(2, result.code(), () -> command[0] + " " + file + ":\n" + result.err());
            assertFalse(err.contains("\tat "), () -> "no stack trace for a user mistake:\n" + err);
            List<String> lines = err.lines().toList();
            assertEquals(parts[0], lines.get(0), command[0]);
            assertTrue(lines.size() > 1 && lines.get(1).startsWith("  hint: ") && lines.get(1).contains(parts[1]),
                    () -> "hint fragment '" + parts[1] + "' missing:\n" + err);
            assertTrue(err.contains("1 problem; nothing was run."), err);
            assertTrue(!Files.exists(runs) || isEmpty(runs), () -> "a rejected file wrote " + runs);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isEmpty();
        }
    }
}
