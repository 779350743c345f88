package dev.edgewise.engine.compare;

import dev.edgewise.engine.track.RunFolder;
import dev.edgewise.engine.track.RunStoreReader;
import dev.edgewise.engine.track.RunSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The runs in a run store, found by id, id prefix or folder, from each run's summary. */
public final class RunIndex {

    private static final Logger log = LoggerFactory.getLogger(RunIndex.class);

    private final RunStoreReader store;

    public RunIndex(Path root) {
        this.store = new RunStoreReader(root);
    }

    public Path root() {
        return store.root();
    }

    /** Every run, oldest first. */
    public List<RunSummary> all() throws IOException {
        List<RunSummary> out = new ArrayList<>();
        for (RunFolder run : store.runs()) {
            read(run.dir()).ifPresent(out::add);
        }
        out.sort(Comparator.comparingLong(RunSummary::startTimeMs).thenComparing(RunSummary::runId));
        return out;
    }

    /** The run {@code spec} names: a run folder, a run id, or an unambiguous prefix of one (at least 6 characters). */
    public RunSummary find(String spec) throws IOException {
        Path asPath = Path.of(spec);
        if (RunFolder.isRun(asPath)) {
            return read(asPath.toAbsolutePath().normalize())
                    .orElseThrow(() -> new RunNotFoundException(spec + " is a run folder without a readable run.json"));
        }
        if (!spec.matches("[0-9a-f]{6,32}")) {
            throw new RunNotFoundException("'" + spec + "' is neither a run folder nor a run id (32 hex characters, or at least"
                    + " the first 6)");
        }
        List<RunSummary> matches = all().stream().filter(e -> e.runId().startsWith(spec)).toList();
        if (matches.isEmpty()) {
            throw new RunNotFoundException("no run " + spec + " in the run store " + root());
        }
        if (matches.size() > 1) {
            throw new RunNotFoundException("run id prefix " + spec + " is ambiguous in " + root() + ": "
                    + String.join(", ", matches.stream().map(RunSummary::runId).toList()));
        }
        return matches.get(0);
    }

    /** Runs whose parent is {@code parentRunId}, oldest first. */
    public List<RunSummary> children(String parentRunId) throws IOException {
        return all().stream().filter(e -> parentRunId.equals(e.parentRunId())).toList();
    }

    /** The summary of the run in {@code run}; empty, with a warning when it is damaged, if there is none to read. */
    public static Optional<RunSummary> read(Path run) {
        try {
            return RunFolder.at(run).summary();
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
