package dev.edgewise.engine.repro;

import dev.edgewise.engine.compare.RunIndex;
import dev.edgewise.engine.track.MlflowRestTracker;
import dev.edgewise.engine.track.RunEvent;
import dev.edgewise.engine.track.RunSink;
import dev.edgewise.engine.track.RunStore;
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
 * @param provenance the {@code edgewise.*} tags without the prefix ({@code omp_num_threads}, {@code code_fingerprint}, ...)
 */
public record RecordedRun(String runId, String source, String specYaml, Map<String, String> provenance, List<RunEvent.Metric> metrics) {

    static final String PREFIX = "edgewise.";

    /**
     * Finds the run {@code spec} names: a run-store folder or run id (or prefix), an MLflow file-store
     * run folder or id, or {@code mlflow:<id>} for a run on the server at MLFLOW_TRACKING_URI (or in
     * the file store when none is set).
     */
    public static RecordedRun locate(String spec, Path runs, Path mlruns) throws IOException {
        boolean mlflowOnly = spec.startsWith("mlflow:");
        String id = mlflowOnly ? spec.substring("mlflow:".length()) : spec;
        Path asPath = Path.of(id);
        if (!mlflowOnly && Files.isRegularFile(asPath.resolve(RunStore.EVENTS_FILE))) {
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
        StoredRun stored = RunStore.read(runDir);
        Path spec = runDir.resolve(RunStore.ARTIFACTS_DIR).resolve("spec.yaml");
        return new RecordedRun(stored.info().runId(), "run store " + runDir, readSpec(spec), provenance(stored.tags()), stored.metrics());
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
        return new RecordedRun(runDir.getFileName().toString(), "MLflow file store " + runDir,
                readSpec(runDir.resolve("artifacts").resolve("spec.yaml")), provenance(tags), metrics);
    }

    public static RecordedRun fromServer(MlflowRestTracker tracker, String serverRunId) throws IOException {
        MlflowRestTracker.RemoteRun remote = tracker.fetch(serverRunId);
        String spec = new String(tracker.download(serverRunId, "spec.yaml"), StandardCharsets.UTF_8);
        return new RecordedRun(serverRunId, "MLflow " + tracker.trackingUri() + " run " + serverRunId, spec,
                provenance(remote.tags()), remote.metrics());
    }

    /** Whether the run is a sweep's parent, which has no training of its own to repeat. */
    public boolean isSweepParent() {
        return provenance.containsKey("sweep.points");
    }

    private static Map<String, String> provenance(Map<String, String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach((k, v) -> {
            if (k.startsWith(PREFIX)) {
                out.put(k.substring(PREFIX.length()), v);
            }
        });
        return out;
    }

    private static String readSpec(Path spec) throws IOException {
        if (!Files.isRegularFile(spec)) {
            throw new IOException("the run has no spec.yaml artifact (" + spec + "), so there is nothing to re-run from");
        }
        return Files.readString(spec, StandardCharsets.UTF_8);
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
