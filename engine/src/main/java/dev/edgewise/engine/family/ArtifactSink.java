package dev.edgewise.engine.family;

import java.io.IOException;
import java.nio.file.Path;

/** Where a family puts files it made (plots, tables, parameters): the run store first, then the trackers. */
public interface ArtifactSink {

    /** A folder for the family's files until they are recorded. */
    Path scratch();

    /** Records {@code file} as the artifact {@code name} (a relative path such as {@code plots/loss.png}). */
    void artifact(String name, Path file) throws IOException;
}
