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
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local, authoritative record of a run: every event lands here before any tracker sees it, so
 * a run whose trackers all fail is still complete on disk and can be replayed later. The folder
 * layout is {@link RunStoreLayout}'s; {@link RunFolder} reads a run back.
 */
public final class RunStore implements RunSink {

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
            Path target = ArtifactPaths.resolve(runDir.resolve(RunStoreLayout.ARTIFACTS_DIR), a.path());
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
        Path dir = RunStoreLayout.runDir(root, run);
        Files.createDirectories(dir.getParent());
        // createDirectory, not createDirectories: an existing record is never written over.
        Files.createDirectory(dir);
        eventsOut = new FileOutputStream(dir.resolve(RunStoreLayout.EVENTS_FILE).toFile(), true);
        events = new BufferedWriter(new OutputStreamWriter(eventsOut, StandardCharsets.UTF_8));
        metrics = Files.newBufferedWriter(dir.resolve(RunStoreLayout.METRICS_FILE), StandardCharsets.UTF_8);
        metrics.write(RunStoreLayout.METRICS_HEADER + "\n");
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
        AtomicFiles.writeString(runDir.resolve(RunStoreLayout.RUN_FILE),
                EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n");
    }

    private void writeMaps() throws IOException {
        var pretty = EventJson.MAPPER.writerWithDefaultPrettyPrinter();
        AtomicFiles.writeString(runDir.resolve(RunStoreLayout.PARAMS_FILE), pretty.writeValueAsString(params) + "\n");
        AtomicFiles.writeString(runDir.resolve(RunStoreLayout.TAGS_FILE), pretty.writeValueAsString(tags) + "\n");
    }

    private static String csv(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
