package dev.edgewise.engine.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import org.mlflow_project.apachehttp.client.config.RequestConfig;
import org.mlflow_project.apachehttp.impl.client.HttpClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs runs live to an MLflow tracking server through the official Java client, and brings a
 * server up to date with a run from the run store ({@link #sync}).
 *
 * <p>Params, tags and metrics are buffered and sent with {@code runs/log-batch} at {@link #flush()}
 * (the engine calls it every epoch), whenever a full request's worth of metrics is waiting, and
 * before the run ends, in requests that respect the server's per-request limits. Artifacts go up as
 * plain HTTP PUTs to the server's artifact proxy: the Java client's own logArtifact shells out to
 * Python MLflow, which edgewise does not require.
 *
 * <p>Every run is tagged {@value #TAG_EDGEWISE_RUN_ID} with our run id, which is how a nested run
 * logged by a later process finds its parent's server-side id, and how sync finds a run again.
 *
 * <p>Failed requests are retried with backoff ({@link Retry}). Resending must never log anything
 * twice, so a request that may have been applied (a timeout, a reset connection, a 5xx) is only
 * resent once the server has been asked what it already holds: a run is looked up by its tag
 * before it is created again, and a batch's metrics are checked against the server's history
 * (MLflow's file store keeps duplicate metric values). Params (same value) and tags, status
 * updates and artifact PUTs are idempotent and simply resent. What is still failing after the
 * retries surfaces as an {@link IOException}; deciding whether to carry on is the caller's.
 *
 * <p>The 2.17 client has no timeouts (a server that stops answering would hold a request forever)
 * and itself resends any 4xx or 5xx three times at once, which would defeat the check above. Its
 * HTTP client is only reachable by reflection; edgewise replaces it with one that has timeouts and
 * no automatic retries, and turns the client's own retries off. If that fails (another client
 * version), a warning says so and logging still works, without timeouts.
 */
public final class MlflowRestTracker implements RunSink, Syncable {

    /** Server limits per log-batch request (mlflow/utils/validation.py). */
    static final int MAX_METRICS_PER_BATCH = 1000;
    static final int MAX_PARAMS_TAGS_PER_BATCH = 100;
    static final int MAX_ENTITIES_PER_BATCH = 1000;
    /** The server refuses bodies over 1 MB; stay well under it, leaving room for JSON framing. */
    static final int MAX_BATCH_BYTES = 800_000;
    /** Our run id on the server's run, so a later process can find the run again. */
    public static final String TAG_EDGEWISE_RUN_ID = "edgewise.run_id";

    private static final Logger log = LoggerFactory.getLogger(MlflowRestTracker.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HISTORY_PAGE = 25_000;
    private static final AtomicBoolean WARNED_CLIENT = new AtomicBoolean();

    /**
     * Our run id -> server run id, per tracking URI, for the whole JVM: a nested run's sink is a
     * different instance from its parent's (one sink serves one run at a time) yet must name the
     * parent's server-side id.
     */
    private static final Map<String, String> SERVER_RUN_IDS = new ConcurrentHashMap<>();

    /**
     * How long to wait and how hard to try.
     *
     * @param connectTimeout to open a connection
     * @param requestTimeout for an answer to an API request
     * @param uploadTimeout for an artifact upload
     */
    public record Resilience(Duration connectTimeout, Duration requestTimeout, Duration uploadTimeout, Retry retry) {

        public static final Resilience DEFAULT =
                new Resilience(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(10), Retry.DEFAULT);
    }

    private final String trackingUri;
    private final Credentials credentials;
    private final Resilience resilience;
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
        this(trackingUri, credentials, Resilience.DEFAULT);
    }

    public MlflowRestTracker(String trackingUri, Credentials credentials, Resilience resilience) {
        String uri = trackingUri.endsWith("/") ? trackingUri.substring(0, trackingUri.length() - 1) : trackingUri;
        if (!uri.startsWith("http://") && !uri.startsWith("https://")) {
            throw new IllegalArgumentException("MLflow tracking URI must start with http:// or https://: " + trackingUri);
        }
        this.trackingUri = uri;
        this.credentials = credentials;
        this.resilience = resilience;
        BasicMlflowHostCreds creds = credentials.token() != null
                ? new BasicMlflowHostCreds(uri, credentials.token())
                : new BasicMlflowHostCreds(uri, credentials.username(), credentials.password());
        this.client = new MlflowClient(creds);
        configureClient(client, resilience);
        this.http = HttpClient.newBuilder().connectTimeout(resilience.connectTimeout()).build();
    }

    /** Gives the client's HTTP layer timeouts and takes its own retries away (see the class comment). */
    private static void configureClient(MlflowClient client, Resilience resilience) {
        try {
            Field callerField = MlflowClient.class.getDeclaredField("httpCaller");
            callerField.setAccessible(true);
            Object caller = callerField.get(client);
            Class<?> callerClass = caller.getClass();
            RequestConfig timeouts = RequestConfig.custom()
                    .setConnectTimeout((int) resilience.connectTimeout().toMillis())
                    .setConnectionRequestTimeout((int) resilience.connectTimeout().toMillis())
                    .setSocketTimeout((int) resilience.requestTimeout().toMillis())
                    .build();
            Field httpClient = callerClass.getDeclaredField("httpClient");
            httpClient.setAccessible(true);
            httpClient.set(caller, HttpClientBuilder.create().setDefaultRequestConfig(timeouts).disableAutomaticRetries().build());
            Field attempts = callerClass.getDeclaredField("maxRetryAttempts");
            attempts.setAccessible(true);
            attempts.setInt(caller, 1);
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (WARNED_CLIENT.compareAndSet(false, true)) {
                log.warn("could not give the MLflow client timeouts ({}): a server that stops answering will hold up"
                        + " its tracker until the run ends; the run itself is not held up", e.toString());
            }
        }
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
            metrics.add(metric(MlflowKeys.check("metric", m.key()), m.value(), m.step(), m.timestampMs()));
            // A full request's worth goes out at once: bounded memory between flushes, full-sized batches.
            if (metrics.size() >= MAX_METRICS_PER_BATCH) {
                sendOneBatch(serverRunId, params, tags, metrics);
            }
        } else if (event instanceof RunEvent.Artifact a) {
            if (artifactUri == null) {
                artifactUri = artifactUri(serverRunId);
            }
            upload(artifactUri, a.path(), a.file());
        } else if (event instanceof RunEvent.Finished f) {
            flush();
            terminate(serverRunId, f.status(), f.endTimeMs());
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
        sendAll(serverRunId, params, tags, metrics);
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
        String id = createRun(info, experimentId);
        run = info;
        serverRunId = id;
        artifactUri = null;
        metrics.clear();
        params.clear();
        tags.clear();
        log.debug("run {} is run {} on {}", info.runId(), id, trackingUri);
    }

    /** Creates the server's run for {@code info}, once: a create whose answer was lost is found by its tag, not repeated. */
    private String createRun(RunInfo info, String experimentId) throws IOException {
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
                log.warn("parent run {} of run {} is not on {}; the run is logged without its parent link"
                        + " (`edgewise sync` adds it once the parent is there)", info.parentRunId(), info.runId(), trackingUri);
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
                return remember(info.runId(), id(client.createRun(request.build())));
            } catch (MlflowClientException | IOException e) {
                Retry.Outcome outcome = Retry.classify(e);
                if (outcome == Retry.Outcome.PERMANENT || attempt >= resilience.retry().attempts()) {
                    throw failure(what, e);
                }
                check |= outcome == Retry.Outcome.AMBIGUOUS;
                retrying(what, e, attempt);
            }
        }
    }

    private String remember(String ourRunId, String serverId) {
        SERVER_RUN_IDS.put(key(ourRunId), serverId);
        return serverId;
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
            // Creating twice is harmless: the second gets RESOURCE_ALREADY_EXISTS and looks the first up.
            id = call("creating experiment '" + name + "'", () -> {
                try {
                    return client.createExperiment(name);
                } catch (MlflowHttpException e) {
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
     * experiments/get-by-name, sent directly rather than through the client: a 404 is the expected
     * answer for a new experiment, and the client would log it as a warning.
     */
    private Optional<JsonNode> lookUpExperiment(String name) throws IOException {
        String query = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        URI uri = URI.create(trackingUri + "/api/2.0/mlflow/experiments/get-by-name?experiment_name=" + query);
        String what = "looking up experiment '" + name + "'";
        HttpResponse<String> response = retried(what, () -> {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri).timeout(resilience.requestTimeout()).GET(), what);
            return r.statusCode() == 404 ? r : ok(r, what);
        });
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        JsonNode experiment = JSON.readTree(response.body()).path("experiment");
        if (!experiment.hasNonNull("experiment_id")) {
            throw new IOException("MLflow at " + trackingUri + ": unexpected answer " + what + ": " + abbreviate(response.body()));
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
        }
    }

    private HttpResponse<String> ok(HttpResponse<String> response, String what) throws IOException {
        if (response.statusCode() / 100 != 2) {
            throw new Retry.HttpStatusException(response.statusCode(), "MLflow at " + trackingUri + ": " + what + " failed: HTTP "
                    + response.statusCode() + " " + abbreviate(response.body()));
        }
        return response;
    }

    /** Our id -> server id: first what this JVM logged, then the server, by the tag we set on every run. */
    private Optional<String> findServerRunId(String ourRunId, String experimentId) throws IOException {
        Optional<String> known = serverRunId(ourRunId);
        if (known.isPresent()) {
            return known;
        }
        List<Service.RunInfo> found = retried("searching for run " + ourRunId, () -> searchByTag(ourRunId, experimentId));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(remember(ourRunId, id(found.get(0))));
    }

    /** Every server run tagged with our run id, oldest first: normally one; more only if an older client created duplicates. */
    private List<Service.RunInfo> searchByTag(String ourRunId, String experimentId) throws IOException {
        String filter = "tags.`" + TAG_EDGEWISE_RUN_ID + "` = '" + ourRunId + "'";
        List<Service.RunInfo> out = new ArrayList<>();
        try {
            for (Service.Run r : client.searchRuns(List.of(experimentId), filter, Service.ViewType.ACTIVE_ONLY, 100).getItems()) {
                out.add(r.getInfo());
            }
        } catch (MlflowClientException e) {
            throw failure("searching for run " + ourRunId, e);
        }
        out.sort(Comparator.comparingLong(Service.RunInfo::getStartTime).thenComparing(MlflowRestTracker::id));
        return out;
    }

    // ------------------------------------------------------------------------------------ batches

    /** Sends all of the given params, tags and metrics to run {@code id}, in batches within the server's limits. */
    private void sendAll(String id, Map<String, String> params, Map<String, String> tags, ArrayDeque<Service.Metric> metrics)
            throws IOException {
        while (!params.isEmpty() || !tags.isEmpty() || !metrics.isEmpty()) {
            sendOneBatch(id, params, tags, metrics);
        }
    }

    private void sendOneBatch(String id, Map<String, String> params, Map<String, String> tags, ArrayDeque<Service.Metric> metrics)
            throws IOException {
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
        logBatch(id, batchMetrics, batchParams, batchTags);
        // Drop only what the server accepted; on failure everything stays buffered.
        batchParams.forEach(p -> params.remove(p.getKey()));
        batchTags.forEach(t -> tags.remove(t.getKey()));
        for (int i = 0; i < batchMetrics.size(); i++) {
            metrics.removeFirst();
        }
    }

    /**
     * One log-batch request, retried. After an answer that was lost (the server may have stored the
     * batch) the metrics are resent only if the server's history does not have them already.
     */
    private void logBatch(String id, List<Service.Metric> batchMetrics, List<Service.Param> batchParams, List<Service.RunTag> batchTags)
            throws IOException {
        String what = "logging a batch of " + batchParams.size() + " params, " + batchTags.size() + " tags and "
                + batchMetrics.size() + " metrics";
        List<Service.Metric> toSend = batchMetrics;
        boolean check = false;
        for (int attempt = 1; ; attempt++) {
            try {
                if (check) {
                    toSend = missingMetrics(id, toSend);
                    check = false;
                }
                if (toSend.isEmpty() && batchParams.isEmpty() && batchTags.isEmpty()) {
                    return;
                }
                client.logBatch(id, toSend, batchParams, batchTags);
                return;
            } catch (MlflowClientException | IOException e) {
                Retry.Outcome outcome = Retry.classify(e);
                if (outcome == Retry.Outcome.PERMANENT || attempt >= resilience.retry().attempts()) {
                    throw failure(what, e);
                }
                check |= outcome == Retry.Outcome.AMBIGUOUS && !toSend.isEmpty();
                retrying(what, e, attempt);
            }
        }
    }

    /** A metric value's identity on the server; NaNs are one value. */
    private record MetricId(String key, long step, long timestamp, long valueBits) {

        static MetricId of(String key, double value, long step, long timestamp) {
            return new MetricId(key, step, timestamp, Double.doubleToLongBits(value));
        }

        static MetricId of(Service.Metric m) {
            return of(m.getKey(), m.getValue(), m.getStep(), m.getTimestamp());
        }
    }

    /** The metrics of {@code wanted} the server does not hold yet, duplicates counted (one held copy matches one wanted). */
    private List<Service.Metric> missingMetrics(String id, List<Service.Metric> wanted) throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        wanted.forEach(m -> keys.add(m.getKey()));
        Map<MetricId, Integer> held = new HashMap<>();
        for (String key : keys) {
            for (Service.Metric m : history(id, key)) {
                held.merge(MetricId.of(m), 1, Integer::sum);
            }
        }
        List<Service.Metric> missing = new ArrayList<>();
        for (Service.Metric m : wanted) {
            MetricId mid = MetricId.of(m);
            Integer count = held.get(mid);
            if (count != null && count > 0) {
                held.put(mid, count - 1);
            } else {
                missing.add(m);
            }
        }
        return missing;
    }

    /** Every value of one metric on the server, page by page. Not retried: callers retry around it. */
    private List<Service.Metric> history(String id, String key) throws IOException {
        List<Service.Metric> out = new ArrayList<>();
        String token = null;
        do {
            String path = "metrics/get-history?run_id=" + encode(id) + "&metric_key=" + encode(key) + "&max_results=" + HISTORY_PAGE
                    + (token == null ? "" : "&page_token=" + encode(token));
            JsonNode page;
            try {
                page = JSON.readTree(client.sendGet(path));
            } catch (MlflowClientException e) {
                throw failure("reading the history of metric '" + key + "'", e);
            }
            for (JsonNode m : page.path("metrics")) {
                JsonNode v = m.path("value");
                double value = v.isTextual() ? Double.parseDouble(v.asText()) : v.asDouble();
                out.add(metric(m.path("key").asText(key), value, m.path("step").asLong(), m.path("timestamp").asLong()));
            }
            token = page.path("next_page_token").asText("");
            token = token.isEmpty() ? null : token;
        } while (token != null);
        return out;
    }

    private void terminate(String id, RunStatus status, long endTimeMs) throws IOException {
        call("ending run " + id, () -> {
            client.setTerminated(id, Service.RunStatus.valueOf(status.name()), endTimeMs);
            return null;
        });
    }

    // ---------------------------------------------------------------------------------- artifacts

    private String artifactUri(String id) throws IOException {
        return call("reading run " + id, () -> client.getRun(id).getInfo().getArtifactUri());
    }

    private void upload(String artifactUri, String path, Path file) throws IOException {
        ArtifactPaths.check(path);
        URI target = artifactUploadUri(trackingUri, artifactUri, path);
        String what = "uploading artifact '" + path + "' to " + target;
        // A PUT replaces the file: sending it again cannot make a duplicate.
        retried(what, () -> ok(send(HttpRequest.newBuilder(target).timeout(resilience.uploadTimeout())
                .PUT(HttpRequest.BodyPublishers.ofFile(file)), what), what));
    }

    /** Artifact path -> size in bytes, for every file of the run on the server. */
    private Map<String, Long> listArtifacts(String id) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        ArrayDeque<String> folders = new ArrayDeque<>(List.of(""));
        while (!folders.isEmpty()) {
            String folder = folders.removeFirst();
            String token = null;
            do {
                String path = "artifacts/list?run_id=" + encode(id) + (folder.isEmpty() ? "" : "&path=" + encode(folder))
                        + (token == null ? "" : "&page_token=" + encode(token));
                JsonNode page = call("listing the artifacts of run " + id, () -> {
                    try {
                        return JSON.readTree(client.sendGet(path));
                    } catch (IOException e) {
                        throw new MlflowClientException(e);
                    }
                });
                for (JsonNode f : page.path("files")) {
                    if (f.path("is_dir").asBoolean()) {
                        folders.add(f.path("path").asText());
                    } else {
                        out.put(f.path("path").asText(), f.path("file_size").asLong(-1));
                    }
                }
                token = page.path("next_page_token").asText("");
                token = token.isEmpty() ? null : token;
            } while (token != null);
        }
        return out;
    }

    /** The bytes of one artifact of a server run (through the artifact proxy). */
    public byte[] download(String serverRunId, String path) throws IOException {
        URI source = artifactUploadUri(trackingUri, artifactUri(serverRunId), path);
        String what = "downloading artifact '" + path + "' from " + source;
        return retried(what, () -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(source).timeout(resilience.uploadTimeout()).GET();
            credentials.authorizationHeader().ifPresent(h -> request.header("Authorization", h));
            try {
                HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() / 100 != 2) {
                    throw new Retry.HttpStatusException(r.statusCode(), "MLflow at " + trackingUri + ": " + what + " failed: HTTP "
                            + r.statusCode());
                }
                return r.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted " + what);
            }
        });
    }

    // --------------------------------------------------------------------------------------- sync

    /**
     * Brings the server up to date with a run from the run store: creates the run if the server has
     * none tagged with its id, then sends the params, tags, metric values and artifacts the server
     * lacks, and its final status. Asking first and sending only the difference is what makes
     * running it twice harmless.
     */
    @Override
    public SyncReport sync(List<RunEvent> events) throws IOException {
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
        String experimentId = experimentId(info.experimentName());
        List<Service.RunInfo> found = retried("searching for run " + info.runId(), () -> searchByTag(info.runId(), experimentId));
        boolean created = found.isEmpty();
        String id = created ? createRun(info, experimentId) : remember(info.runId(), id(found.get(0)));
        if (found.size() > 1) {
            notes.add(found.size() + " server runs carry " + TAG_EDGEWISE_RUN_ID + "=" + info.runId() + "; kept the oldest, " + id
                    + ", and left the others alone");
        }
        Service.Run remote = call("reading run " + id, () -> client.getRun(id));
        if (info.parentRunId() != null) {
            Optional<String> parent = findServerRunId(info.parentRunId(), experimentId);
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
            all.add(metric(MlflowKeys.check("metric", m.key()), m.value(), m.step(), m.timestampMs()));
        }
        List<Service.Metric> missing = created ? all : retried("reading the run's metrics", () -> missingMetrics(id, all));
        int paramCount = params.size();
        int tagCount = tags.size();
        sendAll(id, params, tags, new ArrayDeque<>(missing));
        int artifactCount = 0;
        IOException artifactFailure = null;
        if (!wantArtifacts.isEmpty()) {
            String uri = remote.getInfo().getArtifactUri();
            try {
                Map<String, Long> have = created ? Map.of() : listArtifacts(id);
                for (Map.Entry<String, Path> a : wantArtifacts.entrySet()) {
                    if (!Files.isRegularFile(a.getValue())) {
                        notes.add("artifact '" + a.getKey() + "' is missing from the run store (" + a.getValue() + ")");
                        continue;
                    }
                    Long size = have.get(a.getKey());
                    if (size == null || size != Files.size(a.getValue())) {
                        upload(uri, a.getKey(), a.getValue());
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
                terminate(id, finished.status(), finished.endTimeMs());
                statusUpdated = true;
            }
        }
        if (artifactFailure != null) {
            throw new IOException(artifactFailure.getMessage() + " (params, tags, metrics and status were synced; "
                    + artifactCount + " artifact(s) went up before the failure)", artifactFailure);
        }
        return new SyncReport(info.runId(), name(), id, created, paramCount, tagCount, missing.size(), artifactCount, statusUpdated, notes);
    }

    /** A run as the server has it: what {@code edgewise reproduce} needs of a run it only knows from MLflow. */
    public record RemoteRun(String serverRunId, String experimentId, String runName, Map<String, String> params,
            Map<String, String> tags, List<RunEvent.Metric> metrics) {}

    /** Reads a server run: params, tags and the full history of every metric. */
    public RemoteRun fetch(String serverRunId) throws IOException {
        Service.Run remote = call("reading run " + serverRunId, () -> client.getRun(serverRunId));
        Map<String, String> runParams = new LinkedHashMap<>();
        remote.getData().getParamsList().forEach(p -> runParams.put(p.getKey(), p.getValue()));
        Map<String, String> runTags = new LinkedHashMap<>();
        remote.getData().getTagsList().forEach(t -> runTags.put(t.getKey(), t.getValue()));
        List<RunEvent.Metric> values = new ArrayList<>();
        for (Service.Metric latest : remote.getData().getMetricsList()) {
            for (Service.Metric m : retried("reading metric '" + latest.getKey() + "'", () -> history(serverRunId, latest.getKey()))) {
                values.add(new RunEvent.Metric(m.getKey(), m.getValue(), m.getStep(), m.getTimestamp()));
            }
        }
        values.sort(Comparator.comparingLong(RunEvent.Metric::step).thenComparingLong(RunEvent.Metric::timestampMs));
        return new RemoteRun(serverRunId, remote.getInfo().getExperimentId(), remote.getInfo().getRunName(), runParams, runTags, values);
    }

    // ------------------------------------------------------------------------------------ retries

    private interface Attempt<T> {
        T run() throws IOException;
    }

    /** An idempotent request, tried again after any failure that is not permanent. */
    private <T> T retried(String what, Attempt<T> attempt) throws IOException {
        for (int i = 1; ; i++) {
            try {
                return attempt.run();
            } catch (MlflowClientException | IOException e) {
                if (Retry.classify(e) == Retry.Outcome.PERMANENT || i >= resilience.retry().attempts()) {
                    throw failure(what, e);
                }
                retrying(what, e, i);
            }
        }
    }

    private interface ClientCall<T> {
        T run();
    }

    /** An idempotent call through the MLflow client, retried. */
    private <T> T call(String what, ClientCall<T> action) throws IOException {
        return retried(what, action::run);
    }

    private void retrying(String what, Exception e, int attempt) throws IOException {
        log.debug("MLflow at {}: {} failed (try {} of {}): {}", trackingUri, what, attempt, resilience.retry().attempts(), e.toString());
        resilience.retry().pause(attempt + 1);
    }

    /** One message for every way a request can fail, naming the server and what was being done. */
    private IOException failure(String what, Exception e) {
        if (e instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith("MLflow at ")) {
            return io;
        }
        if (e instanceof MlflowHttpException h) {
            return new IOException("MLflow at " + trackingUri + ": " + what + " failed: HTTP " + h.getStatusCode() + " "
                    + abbreviate(h.getBodyMessage()), e);
        }
        Throwable cause = e instanceof MlflowClientException && e.getCause() != null ? e.getCause() : e;
        return new IOException("MLflow at " + trackingUri + ": " + what + " failed: " + cause, e);
    }

    private static Service.Metric metric(String key, double value, long step, long timestamp) {
        return Service.Metric.newBuilder().setKey(key).setValue(value).setStep(step).setTimestamp(timestamp).build();
    }

    private static String id(Service.RunInfo info) {
        return info.getRunId().isEmpty() ? info.getRunUuid() : info.getRunId();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
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
