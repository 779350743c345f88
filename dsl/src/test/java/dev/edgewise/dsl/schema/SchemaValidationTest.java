package dev.edgewise.dsl.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The generated schema, as an editor would apply it (YAML parsed, then checked against the
 * schema), accepts every experiment file and rejects every bad file that a schema can catch.
 */
class SchemaValidationTest {

    /**
     * Bad files a JSON Schema cannot reject, and why: each is well-typed, and only a check that
     * relates values or lives in a record's constructor finds the mistake ({@code edgewise
     * validate} does).
     */
    static final Map<String, String> BEYOND_A_SCHEMA = Map.ofEntries(
            Map.entry("bad-name.yaml", "the name pattern is checked by ExperimentSpec's constructor, not declared on the key"),
            Map.entry("edge-out-of-range.yaml", "an edge endpoint must be below topology.nodes: a relation between two keys"),
            Map.entry("grid-mismatch.yaml", "rows x cols must equal nodes: a relation between three keys"),
            Map.entry("baseline-bad-name.yaml", "baseline names are map keys, checked by ExperimentSpec's constructor"),
            Map.entry("baseline-sets-nothing.yaml", "an empty baseline is refused by ExperimentSpec's constructor"),
            Map.entry("empty-cell-widths.yaml", "an empty list is refused by CellSpec's constructor (the schema declares no minItems)"),
            Map.entry("empty-sensor-layers.yaml", "an empty list is refused by SensorSpec's constructor"),
            Map.entry("empty-training-nodes.yaml", "an empty list is refused by TrainingSpec's constructor"),
            Map.entry("gilbert-elliott-stuck.yaml", "p and r both 0: a relation between two keys"),
            Map.entry("huge-integer.yaml", "JSON Schema integers have no size limit; the binder's are Java's"),
            Map.entry("patches-view-without-k.yaml", "view patches needs patches: a relation between two keys"),
            Map.entry("patches-without-view.yaml", "patches belongs to view patches: a relation between two keys"),
            Map.entry("plot-bad-file-name.yaml", "the plot name pattern is checked by SweepPlot's constructor"),
            Map.entry("reference-matches-no-run.yaml", "which runs a row matches depends on the sweep's points"),
            Map.entry("reference-unknown-where-path.yaml", "where holds spec paths, free-form to a schema"),
            Map.entry("reference-without-values.yaml", "an empty map is refused by ReferenceRow's constructor"),
            Map.entry("sweep-samples-without-random.yaml", "samples without random paths: a relation between two keys"),
            Map.entry("sweep-unknown-path.yaml", "sweep paths are free-form to a schema; each point is bound by the binder"),
            Map.entry("sweep-value-out-of-range.yaml", "sweep values are free-form to a schema; each point is bound by the binder"),
            Map.entry("sweep-varies-name.yaml", "sweep paths are free-form to a schema"),
            Map.entry("data-file-image-size.yaml", "[rows, cols] of 1..4096 is checked by ImageFolderSpec's constructor"),
            Map.entry("data-file-long-delimiter.yaml", "one character is checked by CsvFileSpec's constructor"),
            Map.entry("data-file-source-without-section.yaml", "source file needs data.file: a relation between two keys"),
            Map.entry("data-file-with-catalog-source.yaml", "data.file needs source file: a relation between two keys"));

    /** Bad files that never reach the schema: the YAML parser (here and in editors), or their conversion to JSON, rejects them first. */
    static final Map<String, String> REJECTED_BY_THE_YAML_PARSER = Map.of(
            "billion-laughs.yaml", "alias expansion limit",
            "merge-of-a-scalar.yaml", "a merge key needs a mapping",
            "not-a-number.yaml", ".nan has no JSON form, so the file cannot be converted for the schema",
            "duplicate-key.yaml", "duplicate keys",
            "tab-indent.yaml", "a tab cannot indent YAML");

    static final com.networknt.schema.JsonSchema SCHEMA =
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(JsonSchema.schema());

    static Stream<Path> experimentFiles() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("../experiments"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    static Stream<Path> badFiles() throws IOException {
        return yamlFiles(Path.of("src/test/resources/bad"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("experimentFiles")
    void acceptsEveryExperimentFile(Path file) throws IOException {
        Set<ValidationMessage> errors = SCHEMA.validate(parse(file));

        assertTrue(errors.isEmpty(), () -> file + " fails the schema: " + errors);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void rejectsEveryBadFileThatASchemaCanCatch(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (REJECTED_BY_THE_YAML_PARSER.containsKey(name)) {
            assertThrows(RuntimeException.class, () -> SCHEMA.validate(parse(file)), name + ": " + REJECTED_BY_THE_YAML_PARSER.get(name));
            return;
        }
        Set<ValidationMessage> errors = SCHEMA.validate(parse(file));
        if (Files.readString(file).startsWith("# expect-compiled: ")) {
            // Found by the compile step against the catalog and the families (a dataset's size, the metrics a family logs).
            assertTrue(errors.isEmpty(), () -> name + " is a compile-step mistake but the schema rejects it: " + errors);
            return;
        }
        if (BEYOND_A_SCHEMA.containsKey(name)) {
            assertTrue(errors.isEmpty(), () -> name + " is listed as beyond a schema (" + BEYOND_A_SCHEMA.get(name)
                    + ") but the schema rejects it: " + errors + "; remove it from the list");
        } else {
            assertFalse(errors.isEmpty(), () -> name + " passes the schema. If only a check relating several keys or a record's"
                    + " constructor can find its mistake, list it in BEYOND_A_SCHEMA with the reason");
        }
    }

    @Test
    void everyListedFileExists() {
        Stream.concat(BEYOND_A_SCHEMA.keySet().stream(), REJECTED_BY_THE_YAML_PARSER.keySet().stream())
                .forEach(name -> assertTrue(Files.exists(Path.of("src/test/resources/bad", name)), name));
    }

    @Test
    void everyKeyHasADescription() {
        JsonNode schema = JsonSchema.schema();
        assertEquals(0, undocumented(schema), "keys without a description in " + schema);
    }

    private static int undocumented(JsonNode schema) {
        int missing = 0;
        JsonNode properties = schema.path("properties");
        for (var field : properties.properties()) {
            JsonNode property = field.getValue();
            if (property.path("description").asText("").isBlank()) {
                missing++;
            }
            missing += undocumented(property);
        }
        return missing;
    }

    /** As an editor reads the file: YAML with merge keys resolved, duplicate keys and alias bombs refused. */
    private static JsonNode parse(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(100);
        Object document = new Yaml(options).load(Files.readString(file));
        return new ObjectMapper().valueToTree(document);
    }

    private static Stream<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList().stream();
        }
    }
}
