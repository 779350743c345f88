package dev.edgewise.engine.repro;

import dev.edgewise.engine.compare.RunIndex;
import dev.edgewise.engine.sweep.SweepRunner;
import dev.edgewise.engine.track.MlflowRestTracker;
import dev.edgewise.engine.track.RunEvent;
import dev.edgewise.engine.track.RunFolder;
import dev.edgewise.engine.track.RunHealth;
import dev.edgewise.engine.track.RunStatus;
import dev.edgewise.engine.track.RunProvenance;
import dev.edgewise.engine.track.RunSink;
import dev.edgewise.engine.track.RunStoreLayout;
import dev.edgewise.engine.track.StoredRun;
import dev.edgewise.engine.track.Trackers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a finished run left behind that a re-run needs: its resolved spec (which holds the seed),
 * its provenance, and every metric value it logged. From the run store, an MLflow file store, or an
 * MLflow server.
 *
 * @param runId the run's id where it was found (the server's id for a server run)
 * @param source where it was found, for messages
 * @param sweepParent whether the run is a sweep's parent, which has no training of its own to repeat
 * @param stoppedEarly why the run never finished (crashed, killed, failed), or null when it did
 */
public record RecordedRun(String runId, String source, String specYaml, RunProvenance provenance, List<RunEvent.Metric> metrics,
        boolean sweepParent, String stoppedEarly) {

    public RecordedRun(String runId, String source, String specYaml, RunProvenance provenance, List<RunEvent.Metric> metrics,
            boolean sweepParent) {
        this(runId, source, specYaml, provenance, metrics, sweepParent, null);
    }

    /**
     * Finds the run {@code spec} names: a run-store folder or run id (or prefix), an MLflow file-store
     * run folder or id, or {@code mlflow:<id>} for a run on the server at MLFLOW_TRACKING_URI (or in
     * the file store when none is set).
     */
    public static RecordedRun locate(String spec, Path runs, Path mlruns) throws IOException {
        boolean mlflowOnly = spec.startsWith("mlflow:");
        String id = mlflowOnly ? spec.substring("mlflow:".length()) : spec;
        Path asPath = Path.of(id);
        if (!mlflowOnly && RunFolder.isRun(asPath)) {
            return fromRunStore(asPath);
        }
        if (Files.isRegularFile(asPath.resolve("meta.yaml"))) {
            return fromFileStore(asPath);
        }
        if (!mlflowOnly) {
            try {
                return fromRunStore(new RunIndex(runs).find(id).dir());
            } catch (RunIndex.RunNotFoundException notInStore) {
                // Not in the run store: MLflow may still have it.
            }
        }
        try (RunSink tracker = Trackers.fromEnvironment(mlruns)) {
            if (tracker instanceof MlflowRestTracker rest) {
                return fromServer(rest, id);
            }
        }
        Path found = findInFileStore(mlruns, id);
        if (found != null) {
            return fromFileStore(found);
        }
        throw new RunIndex.RunNotFoundException("no run " + id + " in the run store " + runs.toAbsolutePath().normalize()
                + " nor in the MLflow file store " + mlruns.toAbsolutePath().normalize());
    }

    public static RecordedRun fromRunStore(Path runDir) throws IOException {
        RunFolder folder = RunFolder.at(runDir);
        RunHealth health = folder.requireIntact();
        StoredRun stored = folder.read();
        String spec = folder.spec().orElseThrow(() -> noSpec(folder.artifact(RunStoreLayout.SPEC_ARTIFACT)));
        String stoppedEarly = health.crashed() ? "it crashed: " + health.problem()
                : stored.status() == RunStatus.FINISHED ? null
                : stored.status() == RunStatus.RUNNING ? "it is still running" : "it ended " + stored.status();
        return new RecordedRun(stored.info().runId(), "run store " + runDir, spec, folder.provenance(), stored.metrics(),
                isSweepParent(stored.tags()), stoppedEarly);
    }

    /** A run folder of an MLflow file store ({@code mlruns/<experiment id>/<run id>}). */
    public static RecordedRun fromFileStore(Path runDir) throws IOException {
        Map<String, String> tags = new LinkedHashMap<>();
        Path tagDir = runDir.resolve("tags");
        if (Files.isDirectory(tagDir)) {
            try (Stream<Path> files = Files.walk(tagDir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    tags.put(tagDir.relativize(f).toString().replace('\\', '/'), Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        }
        List<RunEvent.Metric> metrics = new ArrayList<>();
        Path metricDir = runDir.resolve("metrics");
        if (Files.isDirectory(metricDir)) {
            try (Stream<Path> files = Files.walk(metricDir)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    String key = metricDir.relativize(f).toString().replace('\\', '/');
                    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                        String[] parts = line.trim().split(" ");
                        if (parts.length >= 2) {
                            double value = parseFloat(parts[1]);
                            metrics.add(new RunEvent.Metric(key, value, parts.length > 2 ? Long.parseLong(parts[2]) : 0, Long.parseLong(parts[0])));
                        }
                    }
                }
            }
        }
        metrics.sort(Comparator.comparingLong(RunEvent.Metric::step).thenComparingLong(RunEvent.Metric::timestampMs));
        Path artifacts = runDir.resolve("artifacts");
        Path provenance = artifacts.resolve(RunStoreLayout.PROVENANCE_ARTIFACT);
        String stoppedEarly = null;
        Path meta = runDir.resolve("meta.yaml");
        for (String line : Files.readAllLines(meta, StandardCharsets.UTF_8)) {
            if (line.startsWith("status:") && !line.substring("status:".length()).trim().equals(String.valueOf(RunStatus.FINISHED.mlflowCode()))) {
                stoppedEarly = "its MLflow status is " + line.substring("status:".length()).trim() + ", not FINISHED";
            }
        }
        return new RecordedRun(runDir.getFileName().toString(), "MLflow file store " + runDir,
                readSpec(artifacts.resolve(RunStoreLayout.SPEC_ARTIFACT)), Files.isRegularFile(provenance)
                        ? RunProvenance.fromJson(Files.readString(provenance, StandardCharsets.UTF_8)) : RunProvenance.fromTags(tags),
                metrics, isSweepParent(tags), stoppedEarly);
    }

    public static RecordedRun fromServer(MlflowRestTracker tracker, String serverRunId) throws IOException {
        MlflowRestTracker.RemoteRun remote = tracker.fetch(serverRunId);
        String spec = new String(tracker.download(serverRunId, RunStoreLayout.SPEC_ARTIFACT), StandardCharsets.UTF_8);
        return new RecordedRun(serverRunId, "MLflow " + tracker.trackingUri() + " run " + serverRunId, spec,
                RunProvenance.fromTags(remote.tags()), remote.metrics(), isSweepParent(remote.tags()));
    }

    private static boolean isSweepParent(Map<String, String> tags) {
        return tags.containsKey(SweepRunner.TAG_POINTS);
    }

    private static String readSpec(Path spec) throws IOException {
        if (!Files.isRegularFile(spec)) {
            throw noSpec(spec);
        }
        return Files.readString(spec, StandardCharsets.UTF_8);
    }

    private static IOException noSpec(Path spec) {
        return new IOException("the run has no " + RunStoreLayout.SPEC_ARTIFACT + " artifact (" + spec
                + "), so there is nothing to re-run from");
    }

    /** Python's float repr, as MLflow's file store writes values: "0.5", "1e-05", "nan", "inf". */
    private static double parseFloat(String text) {
        return switch (text) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static Path findInFileStore(Path mlruns, String id) throws IOException {
        if (!Files.isDirectory(mlruns)) {
            return null;
        }
        try (Stream<Path> experiments = Files.list(mlruns)) {
            for (Path experiment : experiments.filter(Files::isDirectory).toList()) {
                Path candidate = experiment.resolve(id);
                if (Files.isRegularFile(candidate.resolve("meta.yaml"))) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
