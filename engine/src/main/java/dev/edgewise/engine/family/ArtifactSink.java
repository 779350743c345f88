package dev.edgewise.engine.family;

import ai.djl.Model;
import java.io.IOException;
import java.nio.file.Path;

/** Where a family puts files it made (plots, tables, parameters): the run store first, then the trackers. */
public interface ArtifactSink {

    /** A folder for the family's files until they are recorded. */
    Path scratch();

    /** Records {@code file} as the artifact {@code name} (a relative path such as {@code plots/loss.png}). */
    void artifact(String name, Path file) throws IOException;

    /**
     * Saves {@code model}'s trained parameters (DJL's {@code .params} format) and records them as
     * {@code model/<name>-0000.params}: the checkpoint every family keeps the same way.
     */
    default void parameters(Model model, String name) throws IOException {
        Path dir = scratch().resolve("model");
        model.save(dir, name);
        Path file = dir.resolve(String.format("%s-0000.params", name));
        artifact("model/" + file.getFileName(), file);
    }

    /** Records one artifact (a run recorder's {@code artifact}). */
    @FunctionalInterface
    interface Writer {
        void write(String name, Path file) throws IOException;
    }

    /** A sink that keeps files in {@code scratch} until {@code writer} records them. */
    static ArtifactSink of(Path scratch, Writer writer) {
        return new ArtifactSink() {
            @Override
            public Path scratch() {
                return scratch;
            }

            @Override
            public void artifact(String name, Path file) throws IOException {
                writer.write(name, file);
            }
        };
    }
}
