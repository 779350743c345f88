package dev.edgewise.engine.family;

import java.io.IOException;
import java.nio.file.Path;

/** Where a family puts files it made (plots, tables, parameters): the run store first, then the trackers. */
public interface ArtifactSink {

    /** A folder for the family's files until they are recorded. */
    Path scratch();

    /** Records {@code file} as the artifact {@code name} (a relative path such as {@code plots/loss.png}). */
    void artifact(String name, Path file) throws IOException;

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
