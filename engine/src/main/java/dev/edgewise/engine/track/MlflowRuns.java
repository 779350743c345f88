package dev.edgewise.engine.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Experiments and runs on one MLflow server: found or created exactly once, even when an answer is
 * lost, and ended. Every run is tagged {@value MlflowRestTracker#TAG_EDGEWISE_RUN_ID} with our run
 * id, which is how a nested run logged by a later process finds its parent's server-side id, how a
 * create whose answer was lost is found instead of repeated, and how sync finds a run again.
 */
final class MlflowRuns {

    private static final Logger log = LoggerFactory.getLogger(MlflowRuns.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Our run id -> server run id, per tracking URI, for the whole JVM: a nested run's sink is a
     * different instance from its parent's (one sink serves one run at a time) yet must name the
     * parent's server-side id.
     */
    private static final Map<String, String> SERVER_RUN_IDS = new ConcurrentHashMap<>();

    private final MlflowTransport transport;
    private final Map<String, String> experimentIds = new HashMap<>();

    MlflowRuns(MlflowTransport transport) {
        this.transport = transport;
    }

    /** The server's id for one of our runs logged through this JVM to this server. */
    Optional<String> serverRunId(String ourRunId) {
        return Optional.ofNullable(SERVER_RUN_IDS.get(key(ourRunId)));
    }

    /** Creates the server's run for {@code info}, once: a create whose answer was lost is found by its tag, not repeated. */
    String createRun(RunInfo info, String experimentId) throws IOException {
        String runName = info.runName() == null || info.runName().isEmpty() ? info.runId() : info.runName();
        Service.CreateRun.Builder request = Service.CreateRun.newBuilder()
                .setExperimentId(experimentId)
                .setStartTime(info.startTimeMs())
                .setRunName(runName)
                .addTags(tag(MlflowFileStore.TAG_RUN_NAME, runName))
                .addTags(tag(MlflowRestTracker.TAG_EDGEWISE_RUN_ID, info.runId()));
        if (info.user() != null) {
            request.setUserId(info.user()).addTags(tag(MlflowFileStore.TAG_USER, info.user()));
        }
        if (info.parentRunId() != null) {
            Optional<String> parent = findServerRunId(info.parentRunId(), experimentId);
            if (parent.isPresent()) {
                request.addTags(tag(MlflowFileStore.TAG_PARENT_RUN_ID, parent.get()));
            } else {
                log.warn("parent run {} of run {} is not on {}; the run is logged without its parent link"
                        + " (`edgewise sync` adds it once the parent is there)", info.parentRunId(), info.runId(),
                        transport.trackingUri());
            }
        }
        String what = "creating run " + info.runId();
        boolean check = false;
        for (int attempt = 1; ; attempt++) {
            try {
                if (check) {
                    List<Service.RunInfo> existing = searchByTag(info.runId(), experimentId);
                    if (!existing.isEmpty()) {
                        return remember(info.runId(), id(existing.get(0)));
                    }
                    check = false;
                }
                return remember(info.runId(), id(transport.client().createRun(request.build())));
            } catch (MlflowClientException | IOException e) {
                check |= transport.mayRetry(what, e, attempt);
                transport.retrying(what, e, attempt);
            }
        }
    }

    String remember(String ourRunId, String serverId) {
        SERVER_RUN_IDS.put(key(ourRunId), serverId);
        return serverId;
    }

    String experimentId(String name) throws IOException {
        String cached = experimentIds.get(name);
        if (cached != null) {
            return cached;
        }
        Optional<JsonNode> existing = lookUpExperiment(name);
        String id;
        if (existing.isPresent()) {
            if ("deleted".equals(existing.get().path("lifecycle_stage").asText())) {
                throw new IOException("experiment '" + name + "' is deleted on " + transport.trackingUri()
                        + "; restore it there or use another experiment name");
            }
            id = existing.get().path("experiment_id").asText();
        } else {
            // Creating twice is harmless: the second gets RESOURCE_ALREADY_EXISTS and looks the first up.
            id = transport.call("creating experiment '" + name + "'", () -> {
                try {
                    return transport.client().createExperiment(name);
                } catch (MlflowHttpException e) {
                    if (e.getBodyMessage() != null && e.getBodyMessage().contains("RESOURCE_ALREADY_EXISTS")) {
                        return transport.client().getExperimentByName(name).orElseThrow(() -> e).getExperimentId();
                    }
                    throw e;
                }
            });
        }
        experimentIds.put(name, id);
        return id;
    }

    /**
     * experiments/get-by-name, sent directly rather than through the client: a 404 is the expected
     * answer for a new experiment, and the client would log it as a warning.
     */
    private Optional<JsonNode> lookUpExperiment(String name) throws IOException {
        String query = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        URI uri = URI.create(transport.trackingUri() + "/api/2.0/mlflow/experiments/get-by-name?experiment_name=" + query);
        String what = "looking up experiment '" + name + "'";
        HttpResponse<String> response = transport.retried(what, () -> {
            HttpResponse<String> r = transport.send(
                    HttpRequest.newBuilder(uri).timeout(transport.resilience().requestTimeout()).GET(), what);
            return r.statusCode() == 404 ? r : transport.ok(r, what);
        });
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        JsonNode experiment = JSON.readTree(response.body()).path("experiment");
        if (!experiment.hasNonNull("experiment_id")) {
            throw new IOException("MLflow at " + transport.trackingUri() + ": unexpected answer " + what + ": "
                    + MlflowTransport.abbreviate(response.body()));
        }
        return Optional.of(experiment);
    }

    /** Our id -> server id: first what this JVM logged, then the server, by the tag we set on every run. */
    Optional<String> findServerRunId(String ourRunId, String experimentId) throws IOException {
        Optional<String> known = serverRunId(ourRunId);
        if (known.isPresent()) {
            return known;
        }
        List<Service.RunInfo> found = transport.retried("searching for run " + ourRunId, () -> searchByTag(ourRunId, experimentId));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(remember(ourRunId, id(found.get(0))));
    }

    /** Every server run tagged with our run id, oldest first: normally one; more only if an older client created duplicates. */
    List<Service.RunInfo> searchByTag(String ourRunId, String experimentId) throws IOException {
        String filter = "tags.`" + MlflowRestTracker.TAG_EDGEWISE_RUN_ID + "` = '" + ourRunId + "'";
        List<Service.RunInfo> out = new ArrayList<>();
        try {
            for (Service.Run r : transport.client().searchRuns(List.of(experimentId), filter, Service.ViewType.ACTIVE_ONLY, 100)
                    .getItems()) {
                out.add(r.getInfo());
            }
        } catch (MlflowClientException e) {
            throw transport.failure("searching for run " + ourRunId, e);
        }
        out.sort(Comparator.comparingLong(Service.RunInfo::getStartTime).thenComparing(MlflowRuns::id));
        return out;
    }

    Service.Run getRun(String id) throws IOException {
        return transport.call("reading run " + id, () -> transport.client().getRun(id));
    }

    void terminate(String id, RunStatus status, long endTimeMs) throws IOException {
        transport.call("ending run " + id, () -> {
            transport.client().setTerminated(id, Service.RunStatus.valueOf(status.name()), endTimeMs);
            return null;
        });
    }

    static String id(Service.RunInfo info) {
        return info.getRunId().isEmpty() ? info.getRunUuid() : info.getRunId();
    }

    static Service.RunTag tag(String key, String value) {
        return Service.RunTag.newBuilder().setKey(key).setValue(value).build();
    }

    private String key(String ourRunId) {
        return transport.trackingUri() + " " + ourRunId;
    }
}
