package dev.edgewise.engine.cli;

import dev.edgewise.dsl.schema.JsonSchema;
import dev.edgewise.dsl.schema.KeyReference;
import dev.edgewise.dsl.schema.SpecDocs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "schema", mixinStandardHelpOptions = true, description = {
    "Print the JSON Schema of experiment files (for editors), or the reference of every key.",
    "After changing a spec record, --write regenerates the committed copies in dsl/."})
final class SchemaCommand implements Callable<Integer> {

    @Option(names = "--reference", description = "Print the key reference (Markdown) instead of the schema.")
    boolean reference;

    @Option(names = "--write", arity = "0..1", fallbackValue = "dsl", paramLabel = "DIR",
            description = "Write DIR/" + SpecDocs.SCHEMA_FILE + " and DIR/" + SpecDocs.REFERENCE_FILE + " (DIR defaults to dsl).")
    Path write;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws IOException {
        if (write == null) {
            command.commandLine().getOut().print(reference ? KeyReference.generate() : JsonSchema.generate());
            command.commandLine().getOut().flush();
            return 0;
        }
        if (!Files.isDirectory(write)) {
            throw new CommandLine.ParameterException(command.commandLine(),
                    "no folder " + write + " here: run from the edgewise checkout, or give --write=DIR");
        }
        for (Path written : SpecDocs.write(write)) {
            command.commandLine().getOut().println("wrote " + written);
        }
        return 0;
    }
}
