package dev.edgewise.engine.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs runs live to an MLflow tracking server through the official Java client.
 *
 * <p>Params, tags and metrics are buffered and sent with {@code runs/log-batch} at {@link #flush()}
 * (the engine calls it every epoch), whenever a full request's worth of metrics is waiting, and
 * before the run ends, in requests that respect the server's per-request limits. Artifacts go up as plain HTTP PUTs to the server's artifact proxy: the Java
 * client's own logArtifact shells out to Python MLflow, which edgewise does not require.
 *
 * <p>Every run is tagged {@value #TAG_EDGEWISE_RUN_ID} with our run id, which is how a nested run
 * logged by a later process finds its parent's server-side id.
 *
 * <p>Every failure surfaces as an {@link IOException}; deciding whether to carry on is the caller's.
 * Note that the 2.17 client itself sends a request that got a 4xx answer three times (logging
 * "Rate limit exceeded" for each retry) before it gives up.
 */
public final class MlflowRestTracker implements RunSink {

    /** Server limits per log-batch request (mlflow/utils/validation.py). */
    static final int MAX_METRICS_PER_BATCH = 1000;
    static final int MAX_PARAMS_TAGS_PER_BATCH = 100;
    static final int MAX_ENTITIES_PER_BATCH = 1000;
    /** The server refuses bodies over 1 MB; stay well under it, leaving room for JSON framing. */
    static final int MAX_BATCH_BYTES = 800_000;
    /** Our run id on the server's run, so a later process can find the run again. */
    public static final String TAG_EDGEWISE_RUN_ID = "edgewise.run_id";

    private static final Logger log = LoggerFactory.getLogger(MlflowRestTracker.class);
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Our run id -> server run id, per tracking URI, for the whole JVM: a nested run's sink is a
     * different instance from its parent's (one sink serves one run at a time) yet must name the
     * parent's server-side id.
     */
    private static final Map<String, String> SERVER_RUN_IDS = new ConcurrentHashMap<>();

    private final String trackingUri;
    private final Credentials credentials;
    private final MlflowClient client;
    private final HttpClient http;
    private final Map<String, String> experimentIds = new HashMap<>();

    // The current run.
    private RunInfo run;
    private String serverRunId;
    private String artifactUri;
    private final ArrayDeque<Service.Metric> metrics = new ArrayDeque<>();
    private final LinkedHashMap<String, String> params = new LinkedHashMap<>();
    private final LinkedHashMap<String, String> tags = new LinkedHashMap<>();

    /**
     * Optional credentials for servers behind authentication, as the Python client reads them from
     * MLFLOW_TRACKING_TOKEN (bearer) or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD (basic).
     */
    public record Credentials(String username, String password, String token) {

        public static final Credentials NONE = new Credentials(null, null, null);

        public static Credentials fromEnvironment(Map<String, String> env) {
            return new Credentials(blankToNull(env.get("MLFLOW_TRACKING_USERNAME")),
                    blankToNull(env.get("MLFLOW_TRACKING_PASSWORD")), blankToNull(env.get("MLFLOW_TRACKING_TOKEN")));
        }

        Optional<String> authorizationHeader() {
            if (token != null) {
                return Optional.of("Bearer " + token);
            }
            if (username != null && password != null) {
                String pair = username + ":" + password;
                return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            // Never print secrets into logs.
            return "Credentials[" + (token != null ? "token" : username != null ? "user " + username : "none") + "]";
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }

    public MlflowRestTracker(String trackingUri) {
        this(trackingUri, Credentials.NONE);
    }

    public MlflowRestTracker(String trackingUri, Credentials credentials) {
        String uri = trackingUri.endsWith("/") ? trackingUri.substring(0, trackingUri.length() - 1) : trackingUri;
        if (!uri.startsWith("http://") && !uri.startsWith("https://")) {
            throw new IllegalArgumentException("MLflow tracking URI must start with http:// or https://: " + trackingUri);
        }
        this.trackingUri = uri;
        this.credentials = credentials;
        BasicMlflowHostCreds creds = credentials.token() != null
                ? new BasicMlflowHostCreds(uri, credentials.token())
                : new BasicMlflowHostCreds(uri, credentials.username(), credentials.password());
        this.client = new MlflowClient(creds);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    }

    public String trackingUri() {
        return trackingUri;
    }

    @Override
    public String name() {
        return "MLflow " + trackingUri;
    }

    /** The server's id for one of our runs logged through this JVM to this server. */
    public Optional<String> serverRunId(String ourRunId) {
        return Optional.ofNullable(SERVER_RUN_IDS.get(key(ourRunId)));
    }

    @Override
    public void accept(RunEvent event) throws IOException {
        if (event instanceof RunEvent.Started s) {
            start(s.run());
            return;
        }
        if (run == null) {
            throw new IllegalStateException("event before Started: " + event);
        }
        if (event instanceof RunEvent.Param p) {
            params.put(MlflowKeys.check("param", p.key()), p.value());
        } else if (event instanceof RunEvent.Tag t) {
            // Tags overwrite: only the last value of a key needs to reach the server.
            tags.remove(MlflowKeys.check("tag", t.key()));
            tags.put(t.key(), t.value());
        } else if (event instanceof RunEvent.Metric m) {
            metrics.add(Service.Metric.newBuilder().setKey(MlflowKeys.check("metric", m.key())).setValue(m.value())
                    .setTimestamp(m.timestampMs()).setStep(m.step()).build());
            // A full request's worth goes out at once: bounded memory between flushes, full-sized batches.
            if (metrics.size() >= MAX_METRICS_PER_BATCH) {
                sendOneBatch();
            }
        } else if (event instanceof RunEvent.Artifact a) {
            upload(a.path(), a.file());
        } else if (event instanceof RunEvent.Finished f) {
            flush();
            String id = serverRunId;
            callVoid("ending run " + id, () -> client.setTerminated(id, Service.RunStatus.valueOf(f.status().name()),
                    f.endTimeMs()));
            run = null;
            serverRunId = null;
            artifactUri = null;
        }
    }

    /** Sends everything buffered, in as many log-batch requests as the server limits require. */
    @Override
    public void flush() throws IOException {
        if (run == null) {
            return;
        }
        while (!params.isEmpty() || !tags.isEmpty() || !metrics.isEmpty()) {
            sendOneBatch();
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private void start(RunInfo info) throws IOException {
        if (run != null) {
            throw new IllegalStateException("run " + run.runId() + " is still in progress on " + trackingUri);
        }
        String experimentId = experimentId(info.experimentName());
        String runName = info.runName() == null || info.runName().isEmpty() ? info.runId() : info.runName();
        Service.CreateRun.Builder request = Service.CreateRun.newBuilder()
                .setExperimentId(experimentId)
                .setStartTime(info.startTimeMs())
                .setRunName(runName)
                .addTags(tag(MlflowFileStore.TAG_RUN_NAME, runName))
                .addTags(tag(TAG_EDGEWISE_RUN_ID, info.runId()));
        if (info.user() != null) {
            request.setUserId(info.user()).addTags(tag(MlflowFileStore.TAG_USER, info.user()));
        }
        if (info.parentRunId() != null) {
            Optional<String> parent = findServerRunId(info.parentRunId(), experimentId);
            if (parent.isPresent()) {
                request.addTags(tag(MlflowFileStore.TAG_PARENT_RUN_ID, parent.get()));
            } else {
                log.warn("parent run {} of run {} is not on {}; the run is logged without its parent link",
                        info.parentRunId(), info.runId(), trackingUri);
            }
        }
        Service.RunInfo created = call("creating run " + info.runId(), () -> client.createRun(request.build()));
        String id = created.getRunId().isEmpty() ? created.getRunUuid() : created.getRunId();
        SERVER_RUN_IDS.put(key(info.runId()), id);
        run = info;
        serverRunId = id;
        artifactUri = null;
        metrics.clear();
        params.clear();
        tags.clear();
        log.debug("run {} is run {} on {}", info.runId(), id, trackingUri);
    }

    private String experimentId(String name) throws IOException {
        String cached = experimentIds.get(name);
        if (cached != null) {
            return cached;
        }
        Optional<JsonNode> existing = lookUpExperiment(name);
        String id;
        if (existing.isPresent()) {
            if ("deleted".equals(existing.get().path("lifecycle_stage").asText())) {
                throw new IOException("experiment '" + name + "' is deleted on " + trackingUri
                        + "; restore it there or use another experiment name");
            }
            id = existing.get().path("experiment_id").asText();
        } else {
            id = call("creating experiment '" + name + "'", () -> {
                try {
                    return client.createExperiment(name);
                } catch (MlflowHttpException e) {
                    // Someone else created it between our lookup and create.
                    if (e.getBodyMessage() != null && e.getBodyMessage().contains("RESOURCE_ALREADY_EXISTS")) {
                        return client.getExperimentByName(name).orElseThrow(() -> e).getExperimentId();
                    }
                    throw e;
                }
            });
        }
        experimentIds.put(name, id);
        return id;
    }

    /**
     * experiments/get-by-name, sent directly rather than through the client: the 2.17 client repeats
     * any request that got a 4xx three times and logs each 404 as "Rate limit exceeded", so every
     * first run of a new experiment would print two misleading warnings.
     */
    private Optional<JsonNode> lookUpExperiment(String name) throws IOException {
        String query = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create(trackingUri + "/api/2.0/mlflow/experiments/get-by-name?experiment_name=" + query))
                .timeout(REQUEST_TIMEOUT)
                .GET();
        HttpResponse<String> response = send(request, "looking up experiment '" + name + "'");
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("MLflow at " + trackingUri + ": looking up experiment '" + name + "' failed: HTTP "
                    + response.statusCode() + " " + abbreviate(response.body()));
        }
        JsonNode experiment = JSON.readTree(response.body()).path("experiment");
        if (!experiment.hasNonNull("experiment_id")) {
            throw new IOException("MLflow at " + trackingUri + ": unexpected answer looking up experiment '" + name
                    + "': " + abbreviate(response.body()));
        }
        return Optional.of(experiment);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) throws IOException {
        credentials.authorizationHeader().ifPresent(h -> request.header("Authorization", h));
        HttpRequest built = request.build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted " + what + " at " + built.uri());
        } catch (IOException e) {
            throw new IOException("MLflow at " + trackingUri + ": " + what + " (" + built.uri() + ") failed: " + e, e);
        }
    }

    /** Our id -> server id: first what this JVM logged, then the server, by the tag we set on every run. */
    private Optional<String> findServerRunId(String ourRunId, String experimentId) throws IOException {
        Optional<String> known = serverRunId(ourRunId);
        if (known.isPresent()) {
            return known;
        }
        String filter = "tags.`" + TAG_EDGEWISE_RUN_ID + "` = '" + ourRunId + "'";
        List<Service.Run> found = call("searching for run " + ourRunId,
                () -> client.searchRuns(List.of(experimentId), filter, Service.ViewType.ACTIVE_ONLY, 1).getItems());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Service.RunInfo parent = found.get(0).getInfo();
        String id = parent.getRunId().isEmpty() ? parent.getRunUuid() : parent.getRunId();
        SERVER_RUN_IDS.put(key(ourRunId), id);
        return Optional.of(id);
    }

    private void sendOneBatch() throws IOException {
        List<Service.Param> batchParams = new ArrayList<>();
        List<Service.RunTag> batchTags = new ArrayList<>();
        List<Service.Metric> batchMetrics = new ArrayList<>();
        int bytes = 0;
        int entities = 0;
        // Params and tags first: they are few and the run page is most useful with them in place.
        for (Iterator<Map.Entry<String, String>> it = params.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, String> e = it.next();
            int size = size(e.getKey(), e.getValue());
            if (entities >= MAX_PARAMS_TAGS_PER_BATCH || (entities > 0 && bytes + size > MAX_BATCH_BYTES)) {
                break;
            }
            batchParams.add(Service.Param.newBuilder().setKey(e.getKey()).setValue(e.getValue()).build());
            bytes += size;
            entities++;
        }
        for (Iterator<Map.Entry<String, String>> it = tags.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, String> e = it.next();
            int size = size(e.getKey(), e.getValue());
            if (entities >= MAX_PARAMS_TAGS_PER_BATCH || (entities > 0 && bytes + size > MAX_BATCH_BYTES)) {
                break;
            }
            batchTags.add(tag(e.getKey(), e.getValue()));
            bytes += size;
            entities++;
        }
        for (Service.Metric m : metrics) {
            int size = size(m.getKey(), "") + 64;
            if (batchMetrics.size() >= MAX_METRICS_PER_BATCH || entities >= MAX_ENTITIES_PER_BATCH
                    || (entities > 0 && bytes + size > MAX_BATCH_BYTES)) {
                break;
            }
            batchMetrics.add(m);
            bytes += size;
            entities++;
        }
        String id = serverRunId;
        callVoid("logging a batch of " + batchParams.size() + " params, " + batchTags.size() + " tags and "
                + batchMetrics.size() + " metrics", () -> client.logBatch(id, batchMetrics, batchParams, batchTags));
        // Drop only what the server accepted; on failure everything stays buffered.
        batchParams.forEach(p -> params.remove(p.getKey()));
        batchTags.forEach(t -> tags.remove(t.getKey()));
        for (int i = 0; i < batchMetrics.size(); i++) {
            metrics.removeFirst();
        }
    }

    private void upload(String path, Path file) throws IOException {
        ArtifactPaths.check(path);
        if (artifactUri == null) {
            String id = serverRunId;
            artifactUri = call("reading run " + id, () -> client.getRun(id).getInfo().getArtifactUri());
        }
        URI target = artifactUploadUri(trackingUri, artifactUri, path);
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(UPLOAD_TIMEOUT)
                .PUT(HttpRequest.BodyPublishers.ofFile(file));
        HttpResponse<String> response = send(request, "uploading artifact '" + path + "'");
        if (response.statusCode() / 100 != 2) {
            throw new IOException("MLflow at " + trackingUri + ": uploading artifact '" + path + "' to " + target
                    + " failed: HTTP " + response.statusCode() + " " + abbreviate(response.body()));
        }
    }

    /**
     * The artifact-proxy URL for one file of a run whose artifact_uri is {@code mlflow-artifacts:/<exp>/<run>/artifacts}
     * or {@code mlflow-artifacts://host:port/<exp>/<run>/artifacts}. As in MLflow's Python client, a host in the
     * artifact URI wins over the tracking server's (with the tracking URI's scheme), and a path prefix of the tracking
     * URI (a server behind a reverse proxy) is kept.
     */
    static URI artifactUploadUri(String trackingUri, String artifactUri, String path) throws IOException {
        if (artifactUri == null || !artifactUri.startsWith("mlflow-artifacts:")) {
            throw new IOException("MLflow at " + trackingUri + " stores this run's artifacts at '" + artifactUri
                    + "', which only Python MLflow can write to. edgewise uploads artifacts through the server's"
                    + " artifact proxy: start the server with artifact serving (the default `mlflow server`,"
                    + " not --no-serve-artifacts) so new runs get mlflow-artifacts: URIs."
                    + " The local run store still has the artifact.");
        }
        try {
            URI tracking = new URI(trackingUri);
            URI artifacts = new URI(artifactUri);
            String authority = artifacts.getRawAuthority() != null ? artifacts.getRawAuthority() : tracking.getRawAuthority();
            String basePath = tracking.getPath() == null ? "" : stripTrailingSlash(tracking.getPath());
            String runPath = artifacts.getPath() == null ? "" : stripTrailingSlash(artifacts.getPath());
            if (!runPath.isEmpty() && !runPath.startsWith("/")) {
                runPath = "/" + runPath;
            }
            String fullPath = basePath + "/api/2.0/mlflow-artifacts/artifacts" + runPath + "/" + ArtifactPaths.check(path);
            return new URI(tracking.getScheme(), authority, fullPath, null, null);
        } catch (URISyntaxException e) {
            throw new IOException("cannot build an artifact upload URL from tracking URI '" + trackingUri
                    + "' and artifact URI '" + artifactUri + "': " + e.getMessage(), e);
        }
    }

    private interface ClientCall<T> {
        T run();
    }

    private interface ClientAction {
        void run();
    }

    private <T> T call(String what, ClientCall<T> action) throws IOException {
        try {
            return action.run();
        } catch (MlflowHttpException e) {
            throw new IOException("MLflow at " + trackingUri + ": " + what + " failed: HTTP " + e.getStatusCode()
                    + " " + abbreviate(e.getBodyMessage()), e);
        } catch (MlflowClientException e) {
            throw new IOException("MLflow at " + trackingUri + ": " + what + " failed: " + e.getMessage(), e);
        }
    }

    private void callVoid(String what, ClientAction action) throws IOException {
        call(what, () -> {
            action.run();
            return null;
        });
    }

    private String key(String ourRunId) {
        return trackingUri + " " + ourRunId;
    }

    private static Service.RunTag tag(String key, String value) {
        return Service.RunTag.newBuilder().setKey(key).setValue(value).build();
    }

    /** Rough JSON size of one entity: UTF-8 can triple a char, escapes double it; err on the large side. */
    private static int size(String key, String value) {
        return 3 * (key.length() + value.length()) + 32;
    }

    private static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 500 ? s : s.substring(0, 500) + "...";
    }
}
