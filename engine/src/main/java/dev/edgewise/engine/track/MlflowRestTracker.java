package dev.edgewise.engine.track;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlflow.api.proto.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs runs live to an MLflow tracking server through the official Java client, and brings a
 * server up to date with a run from the run store ({@link #sync}).
 *
 * <p>Params, tags and metrics are buffered and sent in batches at {@link #flush()} (the engine
 * calls it every epoch), whenever a full request's worth of metrics is waiting, and before the run
 * ends. Artifacts go up as they come.
 *
 * <p>This class holds the run being logged and hands each job to its piece: {@link MlflowTransport}
 * (the client with timeouts, and the retry policy), {@link MlflowRuns} (experiments and runs, each
 * created once), {@link MlflowBatches} (log-batch within the server's limits, without duplicate
 * metrics after a lost answer), {@link MlflowArtifacts} (the artifact proxy) and {@link MlflowSync}
 * (a stored run against the server's copy). What is still failing after the retries surfaces as an
 * {@link IOException}; deciding whether to carry on is the caller's.
 */
public final class MlflowRestTracker implements RunSink, Syncable {

    /** Our run id on the server's run, so a later process can find the run again. */
    public static final String TAG_EDGEWISE_RUN_ID = "edgewise.run_id";

    private static final Logger log = LoggerFactory.getLogger(MlflowRestTracker.class);

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

    private final MlflowTransport transport;
    private final MlflowRuns runs;
    private final MlflowBatches batches;
    private final MlflowArtifacts artifacts;
    private final MlflowSync syncing;

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
        this.transport = new MlflowTransport(uri, credentials, resilience);
        this.runs = new MlflowRuns(transport);
        this.batches = new MlflowBatches(transport);
        this.artifacts = new MlflowArtifacts(transport);
        this.syncing = new MlflowSync(transport, runs, batches, artifacts);
    }

    public String trackingUri() {
        return transport.trackingUri();
    }

    @Override
    public String name() {
        return "MLflow " + trackingUri();
    }

    /** The server's id for one of our runs logged through this JVM to this server. */
    public Optional<String> serverRunId(String ourRunId) {
        return runs.serverRunId(ourRunId);
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
            metrics.add(MlflowBatches.metric(MlflowKeys.check("metric", m.key()), m.value(), m.step(), m.timestampMs()));
            // A full request's worth goes out at once: bounded memory between flushes, full-sized batches.
            if (metrics.size() >= MlflowBatches.MAX_METRICS_PER_BATCH) {
                batches.sendOneBatch(serverRunId, params, tags, metrics);
            }
        } else if (event instanceof RunEvent.Artifact a) {
            if (artifactUri == null) {
                artifactUri = artifacts.artifactUri(serverRunId);
            }
            artifacts.upload(artifactUri, a.path(), a.file());
        } else if (event instanceof RunEvent.Finished f) {
            flush();
            runs.terminate(serverRunId, f.status(), f.endTimeMs());
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
        batches.sendAll(serverRunId, params, tags, metrics);
    }

    @Override
    public void close() {
        transport.close();
    }

    private void start(RunInfo info) throws IOException {
        if (run != null) {
            throw new IllegalStateException("run " + run.runId() + " is still in progress on " + trackingUri());
        }
        String experimentId = runs.experimentId(info.experimentName());
        String id = runs.createRun(info, experimentId);
        run = info;
        serverRunId = id;
        artifactUri = null;
        metrics.clear();
        params.clear();
        tags.clear();
        log.debug("run {} is run {} on {}", info.runId(), id, trackingUri());
    }

    /** The bytes of one artifact of a server run (through the artifact proxy). */
    public byte[] download(String serverRunId, String path) throws IOException {
        return artifacts.download(serverRunId, path);
    }

    /**
     * Brings the server up to date with a run from the run store: creates the run if the server has
     * none tagged with its id, then sends the params, tags, metric values and artifacts the server
     * lacks, and its final status. Running it twice is harmless.
     */
    @Override
    public SyncReport sync(List<RunEvent> events) throws IOException {
        return syncing.sync(events, name());
    }

    /** A run as the server has it: what {@code edgewise reproduce} needs of a run it only knows from MLflow. */
    public record RemoteRun(String serverRunId, String experimentId, String runName, Map<String, String> params,
            Map<String, String> tags, List<RunEvent.Metric> metrics) {}

    /** Reads a server run: params, tags and the full history of every metric. */
    public RemoteRun fetch(String serverRunId) throws IOException {
        return syncing.fetch(serverRunId);
    }
}
