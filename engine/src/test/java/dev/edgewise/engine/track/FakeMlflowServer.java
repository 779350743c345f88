package dev.edgewise.engine.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MLflow REST endpoints edgewise calls, on 127.0.0.1, with every request recorded. It keeps
 * what it is sent the way MLflow's file store does (a metric value logged twice is there twice,
 * so a client that resends is caught), enforces the real server's log-batch limits, and can be
 * made to misbehave: answer with an error before or after applying a request, stall past the
 * client's timeout after applying it, or stop and restart on the same port with its data kept
 * (like a server with a database behind it).
 */
final class FakeMlflowServer implements AutoCloseable {

    record Request(String method, String path, String query, byte[] body) {

        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String endpoint() {
            return path.startsWith(API) ? path.substring(API.length()) : path;
        }
    }

    /** What to do to one request instead of answering it normally. */
    sealed interface Fault {
        /** Answer {@code status} without applying the request. */
        record FailBefore(int status) implements Fault {}

        /** Apply the request, then answer {@code status}: the client cannot know it was applied. */
        record FailAfter(int status) implements Fault {}

        /** Apply the request, then answer only after {@code millis}: past the client's timeout. */
        record StallAfter(long millis) implements Fault {}

        /**
         * Hold the request {@code millis}, then apply it and answer: a frozen server (SIGSTOP) that
         * resumes and applies what it had received long after the client gave up and moved on.
         */
        record StallBefore(long millis) implements Fault {}
    }

    /** One metric value as stored. */
    record StoredMetric(String key, double value, long timestamp, long step) {}

    static final String API = "/api/2.0/mlflow/";
    static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts/";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final int port;
    private HttpServer server;
    private ExecutorService executor;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final Map<String, byte[]> uploads = new LinkedHashMap<>();
    private final Map<String, String> experiments = new HashMap<>();
    private final Map<String, ObjectNode> runs = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> runTags = new HashMap<>();
    private final Map<String, Map<String, String>> runParams = new HashMap<>();
    private final Map<String, List<StoredMetric>> runMetrics = new HashMap<>();
    private int nextExperimentId = 1;

    /** {@code %1$s} experiment id, {@code %2$s} run id, {@code %3$s} host:port. */
    volatile String artifactUriFormat = "mlflow-artifacts:/%1$s/%2$s/artifacts";
    volatile boolean failLogBatch;
    /** Decides, per request, whether and how it misbehaves; null answers every request normally. */
    volatile Function<Request, Fault> faults;

    static {
        // Without it the JDK's server waits for delayed ACKs (about 40 ms per exchange on loopback).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    FakeMlflowServer() throws IOException {
        start(0);
        this.port = server.getAddress().getPort();
    }

    private void start(int onPort) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
        server.createContext(API, this::api);
        server.createContext(ARTIFACTS, this::artifact);
        // Several threads: a stalled answer must not hold up the next request.
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-mlflow");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
    }

    String uri() {
        return "http://" + hostPort();
    }

    String hostPort() {
        return "127.0.0.1:" + port;
    }

    /** Stops listening: clients get "connection refused" until {@link #restart}. Data is kept. */
    synchronized void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Listens again on the same port, with everything it had. */
    synchronized void restart() throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                start(port);
                return;
            } catch (IOException e) {
                last = e;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        throw last;
    }

    List<Request> calls(String endpoint) {
        return requests.stream().filter(r -> r.endpoint().equals(endpoint)).toList();
    }

    /** A run that exists on the server without any tracker of ours having created it. */
    synchronized String seedRun(String experimentName, Map<String, String> tags) {
        String expId = experiments.computeIfAbsent(experimentName, n -> String.valueOf(nextExperimentId++));
        return newRun(expId, "seeded", 0, tags);
    }

    /** Server run ids tagged with our run id. */
    synchronized List<String> runsTagged(String ourRunId) {
        List<String> out = new ArrayList<>();
        runTags.forEach((id, tags) -> {
            if (ourRunId.equals(tags.get(MlflowRestTracker.TAG_EDGEWISE_RUN_ID))) {
                out.add(id);
            }
        });
        return out;
    }

    synchronized Map<String, String> params(String serverRunId) {
        return new LinkedHashMap<>(runParams.get(serverRunId));
    }

    synchronized Map<String, String> tags(String serverRunId) {
        return new LinkedHashMap<>(runTags.get(serverRunId));
    }

    /** Stores one more value, as a request the client never saw answered would. */
    synchronized void addMetric(String serverRunId, String key, double value, long timestamp, long step) {
        runMetrics.computeIfAbsent(serverRunId, k -> new ArrayList<>()).add(new StoredMetric(key, value, timestamp, step));
    }

    synchronized List<StoredMetric> metrics(String serverRunId) {
        return new ArrayList<>(runMetrics.get(serverRunId));
    }

    synchronized String status(String serverRunId) {
        return runs.get(serverRunId).path("status").asText();
    }

    /** Artifact path (relative to the run's artifact root) -> bytes, for one run. */
    synchronized Map<String, byte[]> artifacts(String serverRunId) {
        ObjectNode info = runs.get(serverRunId);
        String prefix = ARTIFACTS + info.path("experiment_id").asText() + "/" + serverRunId + "/artifacts/";
        Map<String, byte[]> out = new LinkedHashMap<>();
        uploads.forEach((path, bytes) -> {
            if (path.startsWith(prefix)) {
                out.put(path.substring(prefix.length()), bytes);
            }
        });
        return out;
    }

    /** How many PUTs each artifact path got, to tell an idempotent re-upload from a missing one. */
    long uploadsOf(String pathEnd) {
        return requests.stream().filter(r -> r.method().equals("PUT") && r.path().endsWith(pathEnd)).count();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void api(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        Request r = new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(), body);
        requests.add(r);
        Fault fault = faultFor(r);
        if (fault instanceof Fault.FailBefore f) {
            error(ex, f.status(), "INTERNAL_ERROR", "injected failure before applying " + r.endpoint());
            return;
        }
        if (fault instanceof Fault.StallBefore s) {
            try {
                Thread.sleep(s.millis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Answer answer;
        synchronized (this) {
            answer = handle(r);
        }
        finish(ex, fault, answer);
    }

    private record Answer(int status, JsonNode body) {}

    private Answer handle(Request r) {
        Map<String, String> query = query(r.query());
        switch (r.endpoint()) {
            case "experiments/get-by-name" -> {
                String name = query.get("experiment_name");
                String id = experiments.get(name);
                if (id == null) {
                    return errorAnswer(404, "RESOURCE_DOES_NOT_EXIST", "Could not find experiment with name '" + name + "'");
                }
                ObjectNode e = MAPPER.createObjectNode().put("experiment_id", id).put("name", name).put("lifecycle_stage", "active");
                return new Answer(200, MAPPER.createObjectNode().set("experiment", e));
            }
            case "experiments/create" -> {
                String name = r.json().get("name").asText();
                if (experiments.containsKey(name)) {
                    return errorAnswer(400, "RESOURCE_ALREADY_EXISTS", "Experiment '" + name + "' already exists.");
                }
                String id = String.valueOf(nextExperimentId++);
                experiments.put(name, id);
                return new Answer(200, MAPPER.createObjectNode().put("experiment_id", id));
            }
            case "runs/create" -> {
                JsonNode in = r.json();
                Map<String, String> tags = new LinkedHashMap<>();
                in.path("tags").forEach(t -> tags.put(t.get("key").asText(), t.get("value").asText()));
                String id = newRun(in.get("experiment_id").asText(), in.path("run_name").asText(), in.path("start_time").asLong(), tags);
                return new Answer(200, runJson(id, false));
            }
            case "runs/get" -> {
                String id = query.get("run_id");
                if (!runs.containsKey(id)) {
                    return errorAnswer(404, "RESOURCE_DOES_NOT_EXIST", "Run '" + id + "' not found");
                }
                return new Answer(200, runJson(id, true));
            }
            case "runs/search" -> {
                Matcher m = Pattern.compile("tags\\.`([^`]+)` = '([^']*)'").matcher(r.json().path("filter").asText());
                ArrayNode found = MAPPER.createArrayNode();
                if (m.matches()) {
                    runTags.forEach((id, tags) -> {
                        if (m.group(2).equals(tags.get(m.group(1)))) {
                            found.add(MAPPER.createObjectNode().set("info", runs.get(id)));
                        }
                    });
                }
                return new Answer(200, MAPPER.createObjectNode().set("runs", found));
            }
            case "runs/log-batch" -> {
                JsonNode in = r.json();
                int metrics = in.path("metrics").size();
                int paramsAndTags = in.path("params").size() + in.path("tags").size();
                String id = in.path("run_id").asText();
                if (failLogBatch) {
                    return errorAnswer(400, "INVALID_PARAMETER_VALUE", "log-batch refused for this test");
                }
                if (metrics > 1000 || paramsAndTags > 100 || metrics + paramsAndTags > 1000) {
                    return errorAnswer(400, "INVALID_PARAMETER_VALUE", "A batch logging request can contain at most 1000"
                            + " metrics, 100 params+tags and 1000 entities; got " + metrics + " and " + paramsAndTags);
                }
                if (!runs.containsKey(id)) {
                    return errorAnswer(404, "RESOURCE_DOES_NOT_EXIST", "Run '" + id + "' not found");
                }
                Map<String, String> params = runParams.get(id);
                for (JsonNode p : in.path("params")) {
                    String old = params.get(p.get("key").asText());
                    if (old != null && !old.equals(p.get("value").asText())) {
                        return errorAnswer(400, "INVALID_PARAMETER_VALUE", "Changing param values is not allowed. Param with key='"
                                + p.get("key").asText() + "' was already logged with value='" + old + "'");
                    }
                }
                in.path("params").forEach(p -> params.put(p.get("key").asText(), p.get("value").asText()));
                in.path("tags").forEach(t -> runTags.get(id).put(t.get("key").asText(), t.get("value").asText()));
                in.path("metrics").forEach(m -> runMetrics.get(id).add(new StoredMetric(m.get("key").asText(),
                        m.get("value").isTextual() ? Double.parseDouble(m.get("value").asText()) : m.get("value").asDouble(),
                        m.get("timestamp").asLong(), m.path("step").asLong())));
                return new Answer(200, MAPPER.createObjectNode());
            }
            case "runs/update" -> {
                JsonNode in = r.json();
                ObjectNode info = runs.get(in.get("run_id").asText());
                info.put("status", in.get("status").asText()).put("end_time", in.get("end_time").asLong());
                return new Answer(200, MAPPER.createObjectNode().set("run_info", info));
            }
            case "metrics/get-history" -> {
                String id = query.get("run_id");
                String key = query.get("metric_key");
                ArrayNode out = MAPPER.createArrayNode();
                for (StoredMetric m : runMetrics.getOrDefault(id, List.of())) {
                    if (m.key().equals(key)) {
                        out.addObject().put("key", m.key()).put("value", m.value()).put("timestamp", m.timestamp()).put("step", m.step());
                    }
                }
                return new Answer(200, MAPPER.createObjectNode().set("metrics", out));
            }
            case "artifacts/list" -> {
                String id = query.get("run_id");
                String path = query.getOrDefault("path", "");
                String prefix = ARTIFACTS + runs.get(id).path("experiment_id").asText() + "/" + id + "/artifacts/"
                        + (path.isEmpty() ? "" : path + "/");
                ArrayNode files = MAPPER.createArrayNode();
                Set<String> dirs = new LinkedHashSet<>();
                uploads.forEach((p, bytes) -> {
                    if (p.startsWith(prefix)) {
                        String rest = p.substring(prefix.length());
                        int slash = rest.indexOf('/');
                        String child = (path.isEmpty() ? "" : path + "/") + (slash < 0 ? rest : rest.substring(0, slash));
                        if (slash < 0) {
                            files.addObject().put("path", child).put("is_dir", false).put("file_size", bytes.length);
                        } else if (dirs.add(child)) {
                            files.addObject().put("path", child).put("is_dir", true);
                        }
                    }
                });
                return new Answer(200, MAPPER.createObjectNode().put("root_uri", "mlflow-artifacts:/").set("files", files));
            }
            default -> {
                return errorAnswer(404, "ENDPOINT_NOT_FOUND", "no such endpoint " + r.path());
            }
        }
    }

    private void artifact(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        Request r = new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(), body);
        requests.add(r);
        Fault fault = faultFor(r);
        if (fault instanceof Fault.FailBefore f) {
            error(ex, f.status(), "INTERNAL_ERROR", "injected failure before storing " + r.path());
            return;
        }
        if (r.method().equals("GET")) {
            byte[] stored;
            synchronized (this) {
                stored = uploads.get(r.path());
            }
            if (stored == null) {
                error(ex, 404, "RESOURCE_DOES_NOT_EXIST", "no artifact " + r.path());
                return;
            }
            ex.sendResponseHeaders(200, stored.length);
            ex.getResponseBody().write(stored);
            ex.close();
            return;
        }
        if (!r.method().equals("PUT")) {
            error(ex, 405, "BAD_REQUEST", "only PUT and GET here");
            return;
        }
        synchronized (this) {
            uploads.put(r.path(), body);
        }
        finish(ex, fault, new Answer(200, MAPPER.createObjectNode()));
    }

    private Fault faultFor(Request r) {
        Function<Request, Fault> plan = faults;
        return plan == null ? null : plan.apply(r);
    }

    private void finish(HttpExchange ex, Fault fault, Answer answer) throws IOException {
        try {
            if (fault instanceof Fault.FailAfter f) {
                error(ex, f.status(), "INTERNAL_ERROR", "injected failure after applying the request");
            } else if (fault instanceof Fault.StallAfter s) {
                Thread.sleep(s.millis());
                send(ex, answer.status(), answer.body());
            } else {
                send(ex, answer.status(), answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client gave up on a stalled answer and closed the connection.
        }
    }

    private String newRun(String experimentId, String runName, long startTime, Map<String, String> tags) {
        // Server ids differ from ours on purpose: the tracker must map between them.
        String id = UUID.randomUUID().toString().replace("-", "");
        ObjectNode info = MAPPER.createObjectNode()
                .put("run_id", id).put("run_uuid", id).put("experiment_id", experimentId)
                .put("run_name", runName).put("status", "RUNNING").put("start_time", startTime).put("lifecycle_stage", "active")
                .put("artifact_uri", String.format(artifactUriFormat, experimentId, id, hostPort()));
        runs.put(id, info);
        runTags.put(id, new LinkedHashMap<>(tags));
        runParams.put(id, new LinkedHashMap<>());
        runMetrics.put(id, new ArrayList<>());
        return id;
    }

    private ObjectNode runJson(String id, boolean withData) {
        ObjectNode run = MAPPER.createObjectNode();
        run.set("info", runs.get(id));
        ObjectNode data = MAPPER.createObjectNode();
        if (withData) {
            ArrayNode params = data.putArray("params");
            runParams.get(id).forEach((k, v) -> params.addObject().put("key", k).put("value", v));
            ArrayNode tags = data.putArray("tags");
            runTags.get(id).forEach((k, v) -> tags.addObject().put("key", k).put("value", v));
            Map<String, StoredMetric> latest = new LinkedHashMap<>();
            runMetrics.get(id).forEach(m -> latest.put(m.key(), m));
            ArrayNode metrics = data.putArray("metrics");
            latest.values().forEach(m -> metrics.addObject().put("key", m.key()).put("value", m.value())
                    .put("timestamp", m.timestamp()).put("step", m.step()));
        }
        run.set("data", data);
        return MAPPER.createObjectNode().set("run", run);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static Answer errorAnswer(int status, String code, String message) {
        return new Answer(status, MAPPER.createObjectNode().put("error_code", code).put("message", message));
    }

    private static void error(HttpExchange ex, int status, String code, String message) throws IOException {
        send(ex, status, MAPPER.createObjectNode().put("error_code", code).put("message", message));
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
