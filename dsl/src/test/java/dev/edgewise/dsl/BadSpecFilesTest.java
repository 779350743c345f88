package dev.edgewise.dsl;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.dsl.sweep.ExperimentSource;
import dev.edgewise.dsl.yaml.YamlSpecReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file under {@code bad/} is a user mistake. Its leading {@code # expect:} lines say what
 * the reader must report, in order: {@code line:column: message (at $.path) | hint fragment}.
 *
 * <p>A file whose mistake only the engine can see (a metric no family logs, a dataset that does
 * not fit the model) says so with {@code # expect-compiled:} lines instead: the dsl must read it
 * (the mistake is not the binder's to find), and engine's CliTest checks what {@code validate}
 * and {@code run} report for it.
 */
class BadSpecFilesTest {

    static final Path BAD = Path.of("src/test/resources/bad");

    static Stream<Path> badFiles() throws IOException {
        try (Stream<Path> files = Files.list(BAD)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void reportsEveryMistakeWithFileLineColumnAndPath(Path file) throws IOException {
        List<String> header = Files.readAllLines(file).stream().takeWhile(line -> line.startsWith("# expect")).toList();
        List<String> expectations = header.stream()
                .filter(line -> line.startsWith("# expect: "))
                .map(line -> line.substring("# expect: ".length()))
                .toList();
        if (expectations.isEmpty()) {
            assertFalse(header.isEmpty(), "bad file without '# expect:' or '# expect-compiled:' line: " + file);
            assertTrue(header.stream().allMatch(line -> line.startsWith("# expect-compiled: ")), () -> "unknown expectation in " + file);
            assertDoesNotThrow(() -> ExperimentSource.read(file, List.of()), "the binder accepts it; the engine's compile step rejects it");
            return;
        }

        SpecException error = assertThrows(SpecException.class, () -> ExperimentSource.read(file, List.of()));

        List<SpecProblem> problems = error.problems();
        assertEquals(expectations.size(), problems.size(), () -> "problems reported:\n" + error.getMessage());
        for (int i = 0; i < expectations.size(); i++) {
            String[] parts = expectations.get(i).split(" \\| ", 2);
            String firstLine = problems.get(i).format().lines().findFirst().orElseThrow();
            assertEquals(file + ":" + parts[0], firstLine);
            if (parts.length == 2) {
                String hint = problems.get(i).hint();
                assertTrue(hint != null && hint.contains(parts[1]), "hint was: " + hint);
            }
        }
    }
}
