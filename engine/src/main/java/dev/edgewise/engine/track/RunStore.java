package dev.edgewise.engine.track;

import dev.edgewise.catalog.io.AtomicFiles;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local, authoritative record of a run: every event lands here before any tracker sees it, so
 * a run whose trackers all fail is still complete on disk and can be replayed later.
 *
 * <p>A run lives in {@code <root>/<experiment folder>/<runId>/}:
 * <ul>
 *   <li>{@code events.jsonl} — every event, one JSON object per line, flushed as it arrives;
 *   <li>{@code run.json} — run info, status, start/end time and error (rewritten atomically);
 *   <li>{@code params.json}, {@code tags.json} — sorted maps, rewritten atomically at flush and finish;
 *   <li>{@code metrics.csv} — {@code key,step,timestamp,value}, one row per metric event;
 *   <li>{@code artifacts/<path>} — copies of the artifact files.
 * </ul>
 * The summary files are conveniences for people and tools; {@link #read} and {@link #readEvents}
 * rely on {@code events.jsonl} alone, which is complete even if the process died mid-run.
 */
public final class RunStore implements RunSink {

    public static final String EVENTS_FILE = "events.jsonl";
    public static final String RUN_FILE = "run.json";
    public static final String PARAMS_FILE = "params.json";
    public static final String TAGS_FILE = "tags.json";
    public static final String METRICS_FILE = "metrics.csv";
    public static final String ARTIFACTS_DIR = "artifacts";
    static final String METRICS_HEADER = "key,step,timestamp,value";

    private static final Logger log = LoggerFactory.getLogger(RunStore.class);

    private final Path root;

    // The current run; all null/empty between runs.
    private RunInfo info;
    private Path runDir;
    private FileOutputStream eventsOut;
    private Writer events;
    private Writer metrics;
    private final SortedMap<String, String> params = new TreeMap<>();
    private final SortedMap<String, String> tags = new TreeMap<>();

    public RunStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The folder of the current run. */
    public Path runDir() {
        if (runDir == null) {
            throw new IllegalStateException("no run in progress");
        }
        return runDir;
    }

    /** Where the run store puts a run, e.g. for a command that looks a run up by id. */
    public static Path runDirFor(Path root, RunInfo info) {
        return root.resolve(experimentFolder(info.experimentName())).resolve(info.runId());
    }

    /**
     * A file-system-safe folder name for an experiment: any character outside {@code [A-Za-z0-9._-]}
     * becomes '_'. Names that differ only in such characters share a folder; run.json keeps the
     * real name.
     */
    public static String experimentFolder(String experimentName) {
        String cleaned = experimentName == null ? "" : experimentName.replaceAll("[^A-Za-z0-9._-]", "_");
        if (cleaned.length() > 100) {
            cleaned = cleaned.substring(0, 100);
        }
        if (cleaned.isEmpty() || cleaned.chars().allMatch(c -> c == '.')) {
            cleaned = "_" + cleaned;
        }
        return cleaned;
    }

    @Override
    public String name() {
        return "run store " + root;
    }

    @Override
    public void accept(RunEvent event) throws IOException {
        append(event);
    }

    /**
     * Records {@code event} and returns it as trackers should see it: an artifact then points at
     * the copy inside the run folder (the engine's file may be gone by the time a tracker runs).
     * Returns empty when the event changes nothing, i.e. a param logged again with the same value.
     *
     * @throws IllegalStateException if the event is out of order or re-logs a param with a new value
     */
    public Optional<RunEvent> append(RunEvent event) throws IOException {
        if (event instanceof RunEvent.Started s) {
            start(s);
            return Optional.of(event);
        }
        if (info == null) {
            throw new IllegalStateException("event before Started: " + event);
        }
        if (event instanceof RunEvent.Param p) {
            String previous = params.get(p.key());
            if (previous != null) {
                if (previous.equals(p.value())) {
                    return Optional.empty();
                }
                throw new IllegalStateException("param '" + p.key() + "' was already logged as '" + previous
                        + "' and cannot change to '" + p.value() + "' within a run");
            }
            writeEvent(event);
            params.put(p.key(), p.value());
            return Optional.of(event);
        }
        if (event instanceof RunEvent.Tag t) {
            writeEvent(event);
            tags.put(t.key(), t.value());
            return Optional.of(event);
        }
        if (event instanceof RunEvent.Metric m) {
            writeEvent(event);
            metrics.write(csv(m.key()) + "," + m.step() + "," + m.timestampMs() + "," + m.value() + "\n");
            metrics.flush();
            return Optional.of(event);
        }
        if (event instanceof RunEvent.Artifact a) {
            Path target = ArtifactPaths.resolve(runDir.resolve(ARTIFACTS_DIR), a.path());
            Files.createDirectories(target.getParent());
            Files.copy(a.file(), target, StandardCopyOption.REPLACE_EXISTING);
            RunEvent stored = new RunEvent.Artifact(a.path(), target);
            writeEvent(stored);
            return Optional.of(stored);
        }
        if (event instanceof RunEvent.Finished f) {
            writeEvent(event);
            finish(f);
            return Optional.of(event);
        }
        throw new IllegalArgumentException("unknown event " + event);
    }

    /** Forces the event log to disk and rewrites the param and tag summaries. */
    @Override
    public void flush() throws IOException {
        if (info == null) {
            return;
        }
        metrics.flush();
        events.flush();
        eventsOut.getFD().sync();
        writeMaps();
    }

    /** Closes the current run's files without finishing it: run.json keeps saying RUNNING. */
    @Override
    public void close() throws IOException {
        if (info != null) {
            log.warn("run {} closed before it finished; its record stays at {}", info.runId(), runDir);
            try {
                flush();
            } finally {
                closeFiles();
            }
        }
    }

    private void start(RunEvent.Started s) throws IOException {
        if (info != null) {
            throw new IllegalStateException("run " + info.runId() + " is still in progress; cannot start "
                    + s.run().runId());
        }
        RunInfo run = s.run();
        if (run.experimentName() == null || run.experimentName().isBlank()) {
            throw new IllegalArgumentException("run " + run.runId() + " has no experiment name");
        }
        Path dir = runDirFor(root, run);
        Files.createDirectories(dir.getParent());
        // createDirectory, not createDirectories: an existing record is never written over.
        Files.createDirectory(dir);
        eventsOut = new FileOutputStream(dir.resolve(EVENTS_FILE).toFile(), true);
        events = new BufferedWriter(new OutputStreamWriter(eventsOut, StandardCharsets.UTF_8));
        metrics = Files.newBufferedWriter(dir.resolve(METRICS_FILE), StandardCharsets.UTF_8);
        metrics.write(METRICS_HEADER + "\n");
        metrics.flush();
        info = run;
        runDir = dir;
        params.clear();
        tags.clear();
        writeEvent(s);
        writeRunJson(RunStatus.RUNNING, null, null);
        writeMaps();
        log.debug("recording run {} in {}", run.runId(), dir);
    }

    private void finish(RunEvent.Finished f) throws IOException {
        try {
            flush();
            writeRunJson(f.status(), f.endTimeMs(), f.error());
        } finally {
            closeFiles();
        }
    }

    private void closeFiles() throws IOException {
        Writer e = events;
        Writer m = metrics;
        info = null;
        runDir = null;
        events = null;
        eventsOut = null;
        metrics = null;
        try {
            m.close();
        } finally {
            e.close();
        }
    }

    private void writeEvent(RunEvent event) throws IOException {
        // Flushed per event so a crash loses at most the event being written; fsync waits for flush().
        events.write(EventJson.encode(event, runDir));
        events.write('\n');
        events.flush();
    }

    private void writeRunJson(RunStatus status, Long endTimeMs, String error) throws IOException {
        ObjectNode n = EventJson.runInfo(info);
        n.put("status", status.name());
        n.put("endTimeMs", endTimeMs);
        n.put("error", error);
        AtomicFiles.writeString(runDir.resolve(RUN_FILE),
                EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n");
    }

    private void writeMaps() throws IOException {
        var pretty = EventJson.MAPPER.writerWithDefaultPrettyPrinter();
        AtomicFiles.writeString(runDir.resolve(PARAMS_FILE), pretty.writeValueAsString(params) + "\n");
        AtomicFiles.writeString(runDir.resolve(TAGS_FILE), pretty.writeValueAsString(tags) + "\n");
    }

    private static String csv(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    /**
     * Every event of a run, in order. Artifact events point at the copies inside {@code runDir}.
     * A last line cut short by a crash is skipped with a warning; damage anywhere else is an error.
     */
    public static List<RunEvent> readEvents(Path runDir) throws IOException {
        Path file = runDir.resolve(EVENTS_FILE);
        String content = Files.readString(file, StandardCharsets.UTF_8);
        String[] lines = content.split("\n", -1);
        List<RunEvent> out = new ArrayList<>(lines.length);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(EventJson.decode(line, runDir));
            } catch (IOException | RuntimeException e) {
                boolean lastLineUnterminated = i == lines.length - 1;
                if (lastLineUnterminated) {
                    log.warn("{}: ignoring a last line cut short ({})", file, e.getMessage());
                    continue;
                }
                throw new IOException(file + ":" + (i + 1) + ": unreadable event: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** A run as recorded, folded from its events. */
    public static StoredRun read(Path runDir) throws IOException {
        List<RunEvent> events = readEvents(runDir);
        if (events.isEmpty() || !(events.get(0) instanceof RunEvent.Started started)) {
            throw new IOException(runDir.resolve(EVENTS_FILE) + ": does not start with a Started event");
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
}
