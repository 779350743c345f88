package dev.edgewise.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.dsl.schema.JsonSchema;
import dev.edgewise.dsl.schema.KeyReference;
import dev.edgewise.engine.cli.CliTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The CLI with Kotlin experiment scripts and the schema command. */
class ScriptCliTest {

    /** The script module's corpus of broken scripts (their exact messages are tested there). */
    static Stream<Path> badScripts() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../script/src/test/resources/bad"))) {
            return files.filter(f -> f.toString().endsWith(".experiment.kts")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badScripts")
    void aBrokenScriptExitsWithTwoAtItsFileLineAndColumn(Path file) {
        Result result = CliTest.execute("validate", file.toString());

        assertEquals(2, result.code(), () -> file + ":\n" + result.err());
        assertTrue(result.err().matches("(?s)" + java.util.regex.Pattern.quote(file.toString()) + ":\\d+:\\d+: .*"),
                () -> "error should start with file:line:column:\n" + result.err());
        assertFalse(result.err().contains("\tat "), () -> "no stack trace for a user mistake:\n" + result.err());
    }

    @Test
    void theQuickstartScriptValidatesWithTheHashOfTheYamlFile() {
        Result yaml = CliTest.execute("validate", "../experiments/quickstart.yaml");
        Result script = CliTest.execute("validate", "../experiments/quickstart.experiment.kts");

        assertEquals(0, script.code(), script.err());
        String hash = yaml.out().substring(yaml.out().indexOf("spec sha256:"));
        assertTrue(script.out().contains("quickstart.experiment.kts: ok (quickstart, 5 nodes, 5 links, " + hash.strip()), script.out());
    }

    @Test
    void aYamlFileCanNameAShapeThatAnEarlierScriptRegistered(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("fan.yaml");
        Files.writeString(yaml, "name: fan\ntopology: {nodes: 5, graph: triangle-fan}\nmodel: {kind: crnn}\nexchange: {kind: peer}\n");

        Result result = CliTest.execute("validate", "src/test/resources/tiny-sweep.experiment.kts", yaml.toString());

        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().contains(yaml + ": ok (fan, 5 nodes, 5 links"), result.out());
    }

    @Test
    void aSweepScriptRunsEveryExperiment(@TempDir Path dir) {
        Result result = CliTest.execute("run", "--no-progress", "--runs", dir.resolve("runs").toString(),
                "--mlruns", dir.resolve("mlruns").toString(), "src/test/resources/tiny-sweep.experiment.kts");

        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().contains("tiny-line finished in"), result.out());
        assertTrue(result.out().contains("tiny-triangle-fan finished in"), result.out());
        // MLflow 3.11.2 and later open a file store only with the variable set.
        assertTrue(result.out().contains("browse with: MLFLOW_ALLOW_FILE_STORE=true mlflow ui --backend-store-uri " + dir.resolve("mlruns")),
                result.out());
        assertTrue(Files.isDirectory(dir.resolve("runs/tiny-line")) && Files.isDirectory(dir.resolve("runs/tiny-triangle-fan")));
    }

    @Test
    void schemaPrintsTheGeneratedSchemaOrReference() {
        assertEquals(JsonSchema.generate(), CliTest.execute("schema").out());
        assertEquals(KeyReference.generate(), CliTest.execute("schema", "--reference").out());
    }

    @Test
    void schemaWriteRegeneratesBothFiles(@TempDir Path dir) throws IOException {
        Result result = CliTest.execute("schema", "--write=" + dir);

        assertEquals(0, result.code(), result.err());
        assertEquals(Files.readString(Path.of("../dsl/edgewise.schema.json")), Files.readString(dir.resolve("edgewise.schema.json")));
        assertEquals(Files.readString(Path.of("../dsl/REFERENCE.md")), Files.readString(dir.resolve("REFERENCE.md")));
    }

    @Test
    void schemaWriteToAMissingFolderIsBadInput(@TempDir Path dir) {
        Result result = CliTest.execute("schema", "--write=" + dir.resolve("nowhere"));

        assertEquals(2, result.code());
        assertTrue(result.err().contains("no folder"), result.err());
    }
}
