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
import java.util.List;
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

    /**
     * Room kept free inside each running run's folder, given back just before the run's end is
     * written: on a full disk the end still fits, so every file states the same final status.
     */
    static final String RESERVE_FILE = ".reserve";
    static final int RESERVE_BYTES = 64 * 1024;

    private final Path root;
    private final RunOwner owner;
    private final Disk disk;

    /** Asked before each write; tests use it to run out of space or go read-only mid-run. */
    interface Disk {
        Disk REAL = file -> {};

        void beforeWrite(Path file) throws IOException;
    }

    // The current run; all null/empty between runs.
    private RunInfo info;
    private Path runDir;
    private FileOutputStream eventsOut;
    private Writer events;
    private Writer metrics;
    private final SortedMap<String, String> params = new TreeMap<>();
    private final SortedMap<String, String> tags = new TreeMap<>();

    public RunStore(Path root) {
        this(root, RunOwner.current());
    }

    RunStore(Path root, RunOwner owner) {
        this(root, owner, Disk.REAL);
    }

    RunStore(Path root, RunOwner owner, Disk disk) {
        this.root = root.toAbsolutePath().normalize();
        this.owner = owner;
        this.disk = disk;
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
            disk.beforeWrite(runDir.resolve(RunStoreLayout.METRICS_FILE));
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
            return end(f);
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

    /**
     * Takes up a run another process started (a sweep handed to a scheduler: the finishing job ends
     * the run its submitter began). Its params and tags are read back and later events are appended.
     * A recorded end is taken back, so a resumed sweep can end again: the end is returned for the
     * caller to keep (as a tag, say), and the run is RUNNING again until its new end.
     */
    public Optional<RunEvent.Finished> reopen(Path dir) throws IOException {
        if (info != null) {
            throw new IllegalStateException("run " + info.runId() + " is still in progress; cannot reopen " + dir);
        }
        Path eventsFile = dir.resolve(RunStoreLayout.EVENTS_FILE);
        cutPartialLine(eventsFile);
        List<RunEvent> recorded = RunFolder.at(dir).events();
        if (recorded.isEmpty() || !(recorded.get(0) instanceof RunEvent.Started started)) {
            throw new IOException(eventsFile + " does not start with the run's Started event");
        }
        RunEvent.Finished end = recorded.get(recorded.size() - 1) instanceof RunEvent.Finished f ? f : null;
        if (end != null) {
            byte[] bytes = Files.readAllBytes(eventsFile);
            int cut = bytes.length - 1;
            while (cut > 0 && bytes[cut - 1] != '\n') {
                cut--;
            }
            try (var channel = java.nio.channels.FileChannel.open(eventsFile, java.nio.file.StandardOpenOption.WRITE)) {
                channel.truncate(cut);
            }
        }
        params.clear();
        tags.clear();
        for (RunEvent e : recorded) {
            if (e instanceof RunEvent.Param p) {
                params.put(p.key(), p.value());
            } else if (e instanceof RunEvent.Tag t) {
                tags.put(t.key(), t.value());
            }
        }
        eventsOut = new FileOutputStream(eventsFile.toFile(), true);
        events = new BufferedWriter(new OutputStreamWriter(eventsOut, StandardCharsets.UTF_8));
        Path csv = dir.resolve(RunStoreLayout.METRICS_FILE);
        if (!Files.isRegularFile(csv)) {
            Files.writeString(csv, RunStoreLayout.METRICS_HEADER + "\n", StandardCharsets.UTF_8);
        }
        cutPartialLine(csv);
        metrics = Files.newBufferedWriter(csv, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        info = started.run();
        runDir = dir;
        writeRunJson(RunStatus.RUNNING, null, null);
        writeMaps();
        reserve(dir);
        return Optional.ofNullable(end);
    }

    /**
     * Leaves the current run RUNNING for {@code next} to end (see {@link #reopen}): run.json names
     * {@code next} as its owner, so the run is not taken for crashed once this process exits.
     */
    public void handOff(RunOwner next) throws IOException {
        if (info == null) {
            throw new IllegalStateException("no run in progress");
        }
        try {
            flush();
            writeRunJson(RunStatus.RUNNING, null, null, next);
        } finally {
            closeFiles();
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
        reserve(dir);
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

    /**
     * Writes the run's end: the reserved room is released first, so on a full disk the Finished
     * event and run.json still fit. If the end cannot be written as asked, the run is recorded
     * FAILED with the reason in every file it can still reach, rather than two files disagreeing.
     */
    private Optional<RunEvent> end(RunEvent.Finished f) throws IOException {
        Path dir = runDir;
        Files.deleteIfExists(dir.resolve(RESERVE_FILE));
        try {
            writeEvent(f);
            finish(f);
            return Optional.of(f);
        } catch (IOException | RuntimeException e) {
            String reason = "could not record the run's end (" + f.status() + "): " + e.getMessage();
            log.warn("run {}: {}", dir.getFileName(), reason);
            if (info != null) {
                closeFilesQuietly();
            }
            try {
                RunStore.markFailed(RunFolder.at(dir), f.endTimeMs(), reason);
            } catch (IOException | RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    private void reserve(Path dir) {
        try {
            disk.beforeWrite(dir.resolve(RESERVE_FILE));
            Files.write(dir.resolve(RESERVE_FILE), new byte[RESERVE_BYTES]);
        } catch (IOException e) {
            // Already nearly full: the run will fail on its first write, and the end is written best-effort.
            log.debug("no room to reserve in {}: {}", dir, e.getMessage());
        }
    }

    private void closeFilesQuietly() {
        try {
            closeFiles();
        } catch (IOException | RuntimeException e) {
            log.debug("closing the run files failed: {}", e.getMessage());
        }
    }

    /**
     * Ends a run whose process is gone (or could not write its end) as FAILED with {@code reason}:
     * a line cut short by the crash is dropped (it was never a whole event), a metric row the crash
     * kept out of metrics.csv is added from the events, and the Finished event, run.json and the
     * param and tag summaries are written, so every file states the same status. A run that already
     * has its end in the events file keeps that end; only run.json is brought in line with it.
     */
    public static void markFailed(RunFolder folder, long endTimeMs, String reason) throws IOException {
        Path dir = folder.dir();
        Path eventsFile = dir.resolve(RunStoreLayout.EVENTS_FILE);
        cutPartialLine(eventsFile);
        List<RunEvent> events = folder.events();
        RunEvent.Finished end = null;
        for (RunEvent e : events) {
            if (e instanceof RunEvent.Finished f) {
                end = f;
            }
        }
        Path csv = dir.resolve(RunStoreLayout.METRICS_FILE);
        if (!Files.isRegularFile(csv)) {
            Files.writeString(csv, RunStoreLayout.METRICS_HEADER + "\n", StandardCharsets.UTF_8);
        }
        cutPartialLine(csv);
        List<RunEvent.Metric> metrics = events.stream().filter(RunEvent.Metric.class::isInstance).map(RunEvent.Metric.class::cast).toList();
        long rows;
        try (var lines = Files.lines(csv, StandardCharsets.UTF_8)) {
            rows = lines.filter(l -> !l.isEmpty()).count() - 1;
        }
        StringBuilder missing = new StringBuilder();
        for (long i = Math.max(0, rows); i < metrics.size(); i++) {
            RunEvent.Metric m = metrics.get((int) i);
            missing.append(csv(m.key())).append(',').append(m.step()).append(',').append(m.timestampMs()).append(',').append(m.value())
                    .append('\n');
        }
        if (missing.length() > 0) {
            Files.writeString(csv, missing, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        }
        if (end == null) {
            end = new RunEvent.Finished(RunStatus.FAILED, endTimeMs, reason);
            Files.writeString(eventsFile, EventJson.encode(end, dir) + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
        }
        SortedMap<String, String> params = new TreeMap<>();
        SortedMap<String, String> tags = new TreeMap<>();
        for (RunEvent e : events) {
            if (e instanceof RunEvent.Param p) {
                params.put(p.key(), p.value());
            } else if (e instanceof RunEvent.Tag t) {
                tags.put(t.key(), t.value());
            }
        }
        Path runFile = dir.resolve(RunStoreLayout.RUN_FILE);
        ObjectNode n = EventJson.runInfo(((RunEvent.Started) events.get(0)).run());
        if (Files.isRegularFile(runFile)) {
            try {
                com.fasterxml.jackson.databind.JsonNode old = EventJson.MAPPER.readTree(runFile.toFile());
                if (old.has("owner")) {
                    n.set("owner", old.get("owner"));
                }
            } catch (IOException e) {
                // A run.json cut short is rewritten whole below.
            }
        }
        n.put("status", end.status().name());
        n.put("endTimeMs", end.endTimeMs());
        n.put("error", end.error());
        var pretty = EventJson.MAPPER.writerWithDefaultPrettyPrinter();
        AtomicFiles.writeString(runFile, pretty.writeValueAsString(n) + "\n");
        AtomicFiles.writeString(dir.resolve(RunStoreLayout.PARAMS_FILE), pretty.writeValueAsString(params) + "\n");
        AtomicFiles.writeString(dir.resolve(RunStoreLayout.TAGS_FILE), pretty.writeValueAsString(tags) + "\n");
        Files.deleteIfExists(dir.resolve(RESERVE_FILE));
    }

    /** Drops a last line without its newline: a write the crash cut short. */
    private static void cutPartialLine(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end < bytes.length) {
            try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                channel.truncate(end);
            }
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
        disk.beforeWrite(runDir.resolve(RunStoreLayout.EVENTS_FILE));
        // Flushed per event so a crash loses at most the event being written; fsync waits for flush().
        events.write(EventJson.encode(event, runDir));
        events.write('\n');
        events.flush();
    }

    private void writeRunJson(RunStatus status, Long endTimeMs, String error) throws IOException {
        writeRunJson(status, endTimeMs, error, owner);
    }

    private void writeRunJson(RunStatus status, Long endTimeMs, String error, RunOwner owner) throws IOException {
        disk.beforeWrite(runDir.resolve(RunStoreLayout.RUN_FILE));
        ObjectNode n = EventJson.runInfo(info);
        n.set("owner", owner.toJson());
        n.put("status", status.name());
        n.put("endTimeMs", endTimeMs);
        n.put("error", error);
        AtomicFiles.writeString(runDir.resolve(RunStoreLayout.RUN_FILE),
                EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n");
    }

    private void writeMaps() throws IOException {
        disk.beforeWrite(runDir.resolve(RunStoreLayout.PARAMS_FILE));
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
