package dev.edgewise.dsl.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed schema and reference are what the records generate today. */
class GeneratedDocsTest {

    private static final String REGENERATE = " is out of date with the spec records: run ./edgewise schema --write and commit the result";

    @Test
    void committedSchemaIsUpToDate() throws IOException {
        assertEquals(JsonSchema.generate(), Files.readString(Path.of(SpecDocs.SCHEMA_FILE)), "dsl/" + SpecDocs.SCHEMA_FILE + REGENERATE);
    }

    @Test
    void committedReferenceIsUpToDate() throws IOException {
        assertEquals(KeyReference.generate(), Files.readString(Path.of(SpecDocs.REFERENCE_FILE)), "dsl/" + SpecDocs.REFERENCE_FILE + REGENERATE);
    }
}
