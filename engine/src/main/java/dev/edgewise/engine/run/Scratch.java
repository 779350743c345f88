package dev.edgewise.engine.run;

import dev.edgewise.catalog.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's temporary folder, named after the process that owns it. A run killed outright (SIGKILL,
 * the OOM killer) cleans up nothing, so each new run removes the folders of processes that are gone.
 */
final class Scratch {

    static final String PREFIX = "edgewise-run-";
    private static final Pattern OWNED = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-.*");
    private static final Logger LOG = LoggerFactory.getLogger(Scratch.class);

    private Scratch() {}

    static Path create() throws IOException {
        Path dir = Files.createTempDirectory(PREFIX + ProcessHandle.current().pid() + "-");
        removeOrphans(dir.getParent());
        return dir;
    }

    /** Removes the scratch folders in {@code tmp} whose owning process has ended. */
    static int removeOrphans(Path tmp) {
        int removed = 0;
        try (Stream<Path> entries = Files.list(tmp)) {
            for (Path dir : entries.toList()) {
                Matcher m = OWNED.matcher(dir.getFileName().toString());
                if (!m.matches() || !Files.isDirectory(dir)) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                try {
                    AtomicFiles.deleteTree(dir);
                    removed++;
                } catch (IOException e) {
                    // Another user's folder, or being removed by another run: not ours to insist on.
                    LOG.debug("leaving {}: {}", dir, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot list {}: {}", tmp, e.getMessage());
        }
        return removed;
    }
}
