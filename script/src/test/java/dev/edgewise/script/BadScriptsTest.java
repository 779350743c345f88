package dev.edgewise.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.catalog.Catalog;
import dev.edgewise.dsl.SpecException;
import dev.edgewise.dsl.SpecProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every script under {@code bad/} is a user mistake. Its leading {@code // expect:} lines say
 * what the host must report, in order: {@code line:column: message (at $.path) | hint fragment}.
 */
class BadScriptsTest {

    static final Path BAD = Path.of("src/test/resources/bad");

    static Stream<Path> badScripts() throws IOException {
        try (Stream<Path> files = Files.list(BAD)) {
            return files.filter(f -> f.toString().endsWith(".experiment.kts")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badScripts")
    void reportsEveryMistakeAtFileLineAndColumn(Path file) throws IOException {
        List<String> expectations = Files.readAllLines(file).stream()
                .filter(line -> line.startsWith("// expect: "))
                .map(line -> line.substring("// expect: ".length()))
                .toList();

        SpecException error = assertThrows(SpecException.class, () -> TestScripts.HOST.load(file, new Catalog()));

        List<SpecProblem> problems = error.problems();
        assertFalse(expectations.isEmpty(), () -> "bad script without '// expect:' lines: " + file + "; reported:\n" + error.getMessage());
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
