package dev.edgewise.engine.track;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The run folders of a run store: every run, or the runs of one experiment. */
public final class RunStoreReader {

    private final Path root;

    public RunStoreReader(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The folder one run has (or would have). */
    public RunFolder run(String experimentName, String runId) {
        return RunFolder.at(RunStoreLayout.runDir(root, experimentName, runId));
    }

    /** Every run folder, in no particular order; none when the store does not exist yet. */
    public List<RunFolder> runs() throws IOException {
        List<RunFolder> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        for (Path experiment : subfolders(root)) {
            subfolders(experiment).forEach(run -> out.add(RunFolder.at(run)));
        }
        return out;
    }

    /** The run folders of one experiment (and of any other whose name maps to the same folder). */
    public List<RunFolder> runsOf(String experimentName) throws IOException {
        Path folder = root.resolve(RunStoreLayout.experimentFolder(experimentName));
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        return subfolders(folder).stream().map(RunFolder::at).toList();
    }

    private static List<Path> subfolders(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).toList();
        }
    }
}
