package dev.edgewise.engine.track;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlflow.api.proto.Service;

/**
 * A stored run and its server copy, compared both ways: {@link #sync} brings the server up to date
 * with the run store, {@link #fetch} reads a server run back for a command that only knows it there.
 */
final class MlflowSync {

    private final MlflowTransport transport;
    private final MlflowRuns runs;
    private final MlflowBatches batches;
    private final MlflowArtifacts artifacts;

    MlflowSync(MlflowTransport transport, MlflowRuns runs, MlflowBatches batches, MlflowArtifacts artifacts) {
        this.transport = transport;
        this.runs = runs;
        this.batches = batches;
        this.artifacts = artifacts;
    }

    /**
     * Creates the run if the server has none tagged with its id, then sends the params, tags, metric
     * values and artifacts the server lacks, and its final status. Asking first and sending only the
     * difference is what makes running it twice harmless.
     */
    SyncReport sync(List<RunEvent> events, String trackerName) throws IOException {
        if (events.isEmpty() || !(events.get(0) instanceof RunEvent.Started started)) {
            throw new IllegalArgumentException("a run's events start with Started");
        }
        RunInfo info = started.run();
        Map<String, String> wantParams = new LinkedHashMap<>();
        Map<String, String> wantTags = new LinkedHashMap<>();
        List<RunEvent.Metric> wantMetrics = new ArrayList<>();
        Map<String, Path> wantArtifacts = new LinkedHashMap<>();
        RunEvent.Finished finished = null;
        for (RunEvent e : events) {
            if (e instanceof RunEvent.Param p) {
                wantParams.put(MlflowKeys.check("param", p.key()), p.value());
            } else if (e instanceof RunEvent.Tag t) {
                wantTags.put(MlflowKeys.check("tag", t.key()), t.value());
            } else if (e instanceof RunEvent.Metric m) {
                wantMetrics.add(m);
            } else if (e instanceof RunEvent.Artifact a) {
                wantArtifacts.put(ArtifactPaths.check(a.path()), a.file());
            } else if (e instanceof RunEvent.Finished f) {
                finished = f;
            }
        }
        List<String> notes = new ArrayList<>();
        String experimentId = runs.experimentId(info.experimentName());
        List<Service.RunInfo> found = transport.retried("searching for run " + info.runId(), () -> runs.searchByTag(info.runId(), experimentId));
        boolean created = found.isEmpty();
        String id = created ? runs.createRun(info, experimentId) : runs.remember(info.runId(), MlflowRuns.id(found.get(0)));
        if (found.size() > 1) {
            notes.add(found.size() + " server runs carry " + MlflowRestTracker.TAG_EDGEWISE_RUN_ID + "=" + info.runId()
                    + "; kept the oldest, " + id + ", and left the others alone");
        }
        Service.Run remote = runs.getRun(id);
        if (info.parentRunId() != null) {
            Optional<String> parent = runs.findServerRunId(info.parentRunId(), experimentId);
            if (parent.isPresent()) {
                wantTags.put(MlflowFileStore.TAG_PARENT_RUN_ID, parent.get());
            } else {
                notes.add("its parent run " + info.parentRunId() + " is not on the server yet: sync it, then sync this run again");
            }
        }
        Map<String, String> haveParams = new HashMap<>();
        remote.getData().getParamsList().forEach(p -> haveParams.put(p.getKey(), p.getValue()));
        Map<String, String> haveTags = new HashMap<>();
        remote.getData().getTagsList().forEach(t -> haveTags.put(t.getKey(), t.getValue()));
        LinkedHashMap<String, String> params = new LinkedHashMap<>();
        wantParams.forEach((k, v) -> {
            String have = haveParams.get(k);
            if (have == null) {
                params.put(k, v);
            } else if (!have.equals(v)) {
                notes.add("param '" + k + "' is '" + have + "' on the server but '" + v + "' in the run store; left as is");
            }
        });
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        wantTags.forEach((k, v) -> {
            if (!v.equals(haveTags.get(k))) {
                tags.put(k, v);
            }
        });
        List<Service.Metric> all = new ArrayList<>();
        for (RunEvent.Metric m : wantMetrics) {
            all.add(MlflowBatches.metric(MlflowKeys.check("metric", m.key()), m.value(), m.step(), m.timestampMs()));
        }
        MlflowBatches.Reconciled reconciled = created ? new MlflowBatches.Reconciled(all, Map.of())
                : transport.retried("reading the run's metrics", () -> batches.reconcile(id, all));
        List<Service.Metric> missing = reconciled.missing();
        int duplicates = reconciled.extraCopies().values().stream().mapToInt(Integer::intValue).sum();
        reconciled.extraCopies().forEach((where, extra) -> notes.add("metric " + where + " is stored " + extra
                + " more time(s) on the server than it was logged (a request applied after its answer was lost);"
                + " MLflow cannot delete a single value: delete the run on the server and sync again for a clean copy"));
        int paramCount = params.size();
        int tagCount = tags.size();
        batches.sendAll(id, params, tags, new ArrayDeque<>(missing));
        int artifactCount = 0;
        IOException artifactFailure = null;
        if (!wantArtifacts.isEmpty()) {
            String uri = remote.getInfo().getArtifactUri();
            try {
                Map<String, Long> have = created ? Map.of() : artifacts.list(id);
                for (Map.Entry<String, Path> a : wantArtifacts.entrySet()) {
                    if (!Files.isRegularFile(a.getValue())) {
                        notes.add("artifact '" + a.getKey() + "' is missing from the run store (" + a.getValue() + ")");
                        continue;
                    }
                    Long size = have.get(a.getKey());
                    if (size == null || size != Files.size(a.getValue())) {
                        artifacts.upload(uri, a.getKey(), a.getValue());
                        artifactCount++;
                    }
                }
            } catch (IOException e) {
                // The status still goes up; the failure is reported once everything else is there.
                artifactFailure = e;
            }
        }
        boolean statusUpdated = false;
        if (finished != null) {
            Service.RunInfo remoteInfo = remote.getInfo();
            if (!remoteInfo.getStatus().name().equals(finished.status().name()) || remoteInfo.getEndTime() != finished.endTimeMs()) {
                runs.terminate(id, finished.status(), finished.endTimeMs());
                statusUpdated = true;
            }
        }
        if (artifactFailure != null) {
            throw new IOException(artifactFailure.getMessage() + " (params, tags, metrics and status were synced; "
                    + artifactCount + " artifact(s) went up before the failure)", artifactFailure);
        }
        return new SyncReport(info.runId(), trackerName, id, created, paramCount, tagCount, missing.size(), artifactCount, statusUpdated,
                notes, duplicates);
    }

    /** Reads a server run: params, tags and the full history of every metric. */
    MlflowRestTracker.RemoteRun fetch(String serverRunId) throws IOException {
        Service.Run remote = runs.getRun(serverRunId);
        Map<String, String> runParams = new LinkedHashMap<>();
        remote.getData().getParamsList().forEach(p -> runParams.put(p.getKey(), p.getValue()));
        Map<String, String> runTags = new LinkedHashMap<>();
        remote.getData().getTagsList().forEach(t -> runTags.put(t.getKey(), t.getValue()));
        List<RunEvent.Metric> values = new ArrayList<>();
        for (Service.Metric latest : remote.getData().getMetricsList()) {
            for (Service.Metric m : transport.retried("reading metric '" + latest.getKey() + "'",
                    () -> batches.history(serverRunId, latest.getKey()))) {
                values.add(new RunEvent.Metric(m.getKey(), m.getValue(), m.getStep(), m.getTimestamp()));
            }
        }
        values.sort(Comparator.comparingLong(RunEvent.Metric::step).thenComparingLong(RunEvent.Metric::timestampMs));
        return new MlflowRestTracker.RemoteRun(serverRunId, remote.getInfo().getExperimentId(), remote.getInfo().getRunName(), runParams,
                runTags, values);
    }
}
