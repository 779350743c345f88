package dev.edgewise.engine.track;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run folder of a run store, read back. Every command that looks at a recorded run goes through
 * here, so the layout ({@link RunStoreLayout}) has one reader as it has one writer ({@link RunStore}).
 *
 * <p>{@link #events} and {@link #read} rely on the events file alone, which is complete even if the
 * process died mid-run; the other methods read the summary files and artifacts, which are cheaper.
 */
public final class RunFolder {

    private static final Logger log = LoggerFactory.getLogger(RunFolder.class);

    private final Path dir;

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    public static RunFolder at(Path dir) {
        return new RunFolder(dir);
    }

    /** Whether {@code dir} holds a run (it has an events file), as opposed to any other path a user typed. */
    public static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve(RunStoreLayout.EVENTS_FILE));
    }

    public Path dir() {
        return dir;
    }

    /** Where an artifact of this run is kept; it may not exist. */
    public Path artifact(String path) {
        return ArtifactPaths.resolve(dir.resolve(RunStoreLayout.ARTIFACTS_DIR), path);
    }

    /** The run's {@code run.json}; empty when there is none (a folder being created, or not a run). */
    public Optional<RunSummary> summary() throws IOException {
        Path file = dir.resolve(RunStoreLayout.RUN_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode n = EventJson.MAPPER.readTree(file.toFile());
        RunInfo info = EventJson.runInfo(n);
        return Optional.of(new RunSummary(info.runId(), info.experimentName(), info.runName(), RunStatus.valueOf(n.path("status").asText()),
                info.startTimeMs(), n.path("endTimeMs").isNumber() ? n.path("endTimeMs").asLong() : null, info.parentRunId(), dir));
    }

    /**
     * Whether the folder is a whole, consistent record, still in progress, left behind by a process
     * that is gone, or damaged (with the file and line at fault).
     */
    public RunHealth health() {
        return RunHealth.check(dir);
    }

    /** The health of a run whose record a command is about to use; a damaged one is refused. */
    public RunHealth requireIntact() throws DamagedRunException {
        RunHealth health = health();
        if (health.damaged()) {
            throw new DamagedRunException("the run store copy of run " + dir.getFileName() + " is damaged: " + dir.resolve(health.problem()));
        }
        return health;
    }

    /** The tags as last summarized in {@code tags.json} (complete once the run has ended). */
    public SortedMap<String, String> tags() throws IOException {
        SortedMap<String, String> out = new TreeMap<>();
        EventJson.MAPPER.readTree(dir.resolve(RunStoreLayout.TAGS_FILE).toFile()).fields()
                .forEachRemaining(f -> out.put(f.getKey(), f.getValue().asText()));
        return out;
    }

    /**
     * Every event of the run, in order. Artifact events point at the copies inside the folder.
     * A last line cut short by a crash is skipped with a warning; damage anywhere else is an error.
     */
    public List<RunEvent> events() throws IOException {
        Path file = dir.resolve(RunStoreLayout.EVENTS_FILE);
        String content = Files.readString(file, StandardCharsets.UTF_8);
        String[] lines = content.split("\n", -1);
        List<RunEvent> out = new ArrayList<>(lines.length);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(EventJson.decode(line, dir));
            } catch (IOException | RuntimeException e) {
                boolean lastLineUnterminated = i == lines.length - 1;
                if (lastLineUnterminated) {
                    // Expected of a run in progress or one that crashed; damage is for health() to report.
                    log.debug("{}: ignoring a last line cut short ({})", file, e.getMessage());
                    continue;
                }
                throw new IOException(file + ":" + (i + 1) + ": unreadable event: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The run as recorded, folded from its events. */
    public StoredRun read() throws IOException {
        List<RunEvent> events = events();
        if (events.isEmpty() || !(events.get(0) instanceof RunEvent.Started started)) {
            throw new IOException(dir.resolve(RunStoreLayout.EVENTS_FILE) + ": does not start with a Started event");
        }
        RunStatus status = RunStatus.RUNNING;
        Long end = null;
        String error = null;
        SortedMap<String, String> params = new TreeMap<>();
        SortedMap<String, String> tags = new TreeMap<>();
        List<RunEvent.Metric> metrics = new ArrayList<>();
        for (RunEvent e : events) {
            if (e instanceof RunEvent.Param p) {
                params.put(p.key(), p.value());
            } else if (e instanceof RunEvent.Tag t) {
                tags.put(t.key(), t.value());
            } else if (e instanceof RunEvent.Metric m) {
                metrics.add(m);
            } else if (e instanceof RunEvent.Finished f) {
                status = f.status();
                end = f.endTimeMs();
                error = f.error();
            }
        }
        return new StoredRun(started.run(), status, end, error, params, tags, metrics);
    }

    /** The final metrics of {@value RunStoreLayout#RESULTS_ARTIFACT}, in the order written; empty for a run that did not get that far. */
    public Optional<Map<String, Double>> results() throws IOException {
        Path file = artifact(RunStoreLayout.RESULTS_ARTIFACT);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Map<String, Double> values = new LinkedHashMap<>();
        EventJson.MAPPER.readTree(file.toFile()).fields().forEachRemaining(f -> values.put(f.getKey(), f.getValue().asDouble()));
        return Optional.of(values);
    }

    /** The resolved spec the run ran with, as YAML. */
    public Optional<String> spec() throws IOException {
        Path file = artifact(RunStoreLayout.SPEC_ARTIFACT);
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
    }

    /**
     * What produced the run, from {@value RunStoreLayout#PROVENANCE_ARTIFACT}; from the run's
     * {@code edgewise.*} tags when the run failed before that artifact was written.
     */
    public RunProvenance provenance() throws IOException {
        Path file = artifact(RunStoreLayout.PROVENANCE_ARTIFACT);
        if (Files.isRegularFile(file)) {
            return RunProvenance.fromJson(Files.readString(file, StandardCharsets.UTF_8));
        }
        return RunProvenance.fromTags(tags());
    }

    /**
     * The run ids a sweep's parent lists in {@value RunStoreLayout#POINTS_ARTIFACT}, in point order
     * (a point that failed before its run existed has none); empty when the run has no such list.
     */
    public Optional<List<String>> pointRunIds() throws IOException {
        Path file = artifact(RunStoreLayout.POINTS_ARTIFACT);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode point : EventJson.MAPPER.readTree(file.toFile())) {
            if (point.hasNonNull("run_id")) {
                ids.add(point.get("run_id").asText());
            }
        }
        return Optional.of(ids);
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
