package dev.edgewise.engine.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgewise.engine.track.RunStatus;
import dev.edgewise.engine.track.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs in a run store, found by id, id prefix or folder, from each run's {@code run.json}
 * (rewritten atomically at start and end, so cheap to list; the events file stays the authority
 * for a run's content).
 */
public final class RunIndex {

    /** One run as {@code run.json} describes it. {@code endTimeMs} is null while RUNNING. */
    public record Entry(String runId, String experiment, String runName, RunStatus status, long startTimeMs, Long endTimeMs,
            String parentRunId, Path dir) {

        public String shortId() {
            return runId.substring(0, Math.min(12, runId.length()));
        }
    }

    private static final Logger log = LoggerFactory.getLogger(RunIndex.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    public RunIndex(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Every run, oldest first. */
    public List<Entry> all() throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> experiments = Files.list(root)) {
            for (Path experiment : experiments.filter(Files::isDirectory).toList()) {
                try (Stream<Path> runs = Files.list(experiment)) {
                    for (Path run : runs.filter(Files::isDirectory).toList()) {
                        read(run).ifPresent(out::add);
                    }
                }
            }
        }
        out.sort(Comparator.comparingLong(Entry::startTimeMs).thenComparing(Entry::runId));
        return out;
    }

    /** The run {@code spec} names: a run folder, a run id, or an unambiguous prefix of one (at least 6 characters). */
    public Entry find(String spec) throws IOException {
        Path asPath = Path.of(spec);
        if (Files.isRegularFile(asPath.resolve(RunStore.EVENTS_FILE))) {
            return read(asPath.toAbsolutePath().normalize())
                    .orElseThrow(() -> new RunNotFoundException(spec + " is a run folder without a readable run.json"));
        }
        if (!spec.matches("[0-9a-f]{6,32}")) {
            throw new RunNotFoundException("'" + spec + "' is neither a run folder nor a run id (32 hex characters, or at least"
                    + " the first 6)");
        }
        List<Entry> matches = all().stream().filter(e -> e.runId().startsWith(spec)).toList();
        if (matches.isEmpty()) {
            throw new RunNotFoundException("no run " + spec + " in the run store " + root);
        }
        if (matches.size() > 1) {
            throw new RunNotFoundException("run id prefix " + spec + " is ambiguous in " + root + ": "
                    + String.join(", ", matches.stream().map(Entry::runId).toList()));
        }
        return matches.get(0);
    }

    /** Runs whose parent is {@code parentRunId}, oldest first. */
    public List<Entry> children(String parentRunId) throws IOException {
        return all().stream().filter(e -> parentRunId.equals(e.parentRunId())).toList();
    }

    public static Optional<Entry> read(Path run) {
        Path file = run.resolve(RunStore.RUN_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(file.toFile());
            return Optional.of(new Entry(n.path("runId").asText(), n.path("experimentName").asText(), n.path("runName").asText(null),
                    RunStatus.valueOf(n.path("status").asText()), n.path("startTimeMs").asLong(),
                    n.path("endTimeMs").isNumber() ? n.path("endTimeMs").asLong() : null,
                    n.path("parentRunId").isTextual() ? n.path("parentRunId").asText() : null, run));
        } catch (IOException | RuntimeException e) {
            log.warn("skipping {}: unreadable run.json ({})", run, e.getMessage());
            return Optional.empty();
        }
    }

    /** A run named on the command line that is not there: a user mistake, reported without a stack trace. */
    public static final class RunNotFoundException extends RuntimeException {
        public RunNotFoundException(String message) {
            super(message);
        }
    }
}
