package dev.edgewise.dsl.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The generated files that describe the experiment format, and writing them where they are committed. */
public final class SpecDocs {

    public static final String SCHEMA_FILE = "edgewise.schema.json";
    public static final String REFERENCE_FILE = "REFERENCE.md";

    private SpecDocs() {}

    /** Writes the schema and the reference into {@code dir} (the repository's {@code dsl/}); returns the files written. */
    public static List<Path> write(Path dir) throws IOException {
        Path schema = dir.resolve(SCHEMA_FILE);
        Path reference = dir.resolve(REFERENCE_FILE);
        Files.writeString(schema, JsonSchema.generate(), StandardCharsets.UTF_8);
        Files.writeString(reference, KeyReference.generate(), StandardCharsets.UTF_8);
        return List.of(schema, reference);
    }
}
