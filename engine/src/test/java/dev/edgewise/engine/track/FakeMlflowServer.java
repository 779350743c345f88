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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The handful of MLflow REST endpoints the 2.17 Java client calls for one run, on 127.0.0.1, with
 * every request recorded. It enforces the real server's log-batch limits so a tracker that sends
 * too much fails here as it would there.
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

    static final String API = "/api/2.0/mlflow/";
    static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts/";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final Map<String, byte[]> uploads = new LinkedHashMap<>();
    private final Map<String, String> experiments = new HashMap<>();
    private final Map<String, ObjectNode> runs = new HashMap<>();
    private final Map<String, Map<String, String>> runTags = new HashMap<>();
    private int nextExperimentId = 1;

    /** {@code %1$s} experiment id, {@code %2$s} run id, {@code %3$s} host:port. */
    volatile String artifactUriFormat = "mlflow-artifacts:/%1$s/%2$s/artifacts";
    volatile boolean failLogBatch;

    FakeMlflowServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(API, this::api);
        server.createContext(ARTIFACTS, this::artifact);
        server.start();
    }

    String uri() {
        return "http://" + hostPort();
    }

    String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> calls(String endpoint) {
        return requests.stream().filter(r -> r.endpoint().equals(endpoint)).toList();
    }

    /** A run that exists on the server without any tracker of ours having created it. */
    synchronized String seedRun(String experimentName, Map<String, String> tags) {
        String expId = experiments.computeIfAbsent(experimentName, n -> String.valueOf(nextExperimentId++));
        return newRun(expId, "seeded", tags);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private synchronized void api(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        Request r = new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(), body);
        requests.add(r);
        Map<String, String> query = query(r.query());
        switch (r.endpoint()) {
            case "experiments/get-by-name" -> {
                String name = query.get("experiment_name");
                String id = experiments.get(name);
                if (id == null) {
                    error(ex, 404, "RESOURCE_DOES_NOT_EXIST", "Could not find experiment with name '" + name + "'");
                } else {
                    ObjectNode e = MAPPER.createObjectNode().put("experiment_id", id).put("name", name)
                            .put("lifecycle_stage", "active");
                    ok(ex, MAPPER.createObjectNode().set("experiment", e));
                }
            }
            case "experiments/create" -> {
                String name = r.json().get("name").asText();
                if (experiments.containsKey(name)) {
                    error(ex, 400, "RESOURCE_ALREADY_EXISTS", "Experiment '" + name + "' already exists.");
                    return;
                }
                String id = String.valueOf(nextExperimentId++);
                experiments.put(name, id);
                ok(ex, MAPPER.createObjectNode().put("experiment_id", id));
            }
            case "runs/create" -> {
                JsonNode in = r.json();
                Map<String, String> tags = new LinkedHashMap<>();
                in.path("tags").forEach(t -> tags.put(t.get("key").asText(), t.get("value").asText()));
                String id = newRun(in.get("experiment_id").asText(), in.path("run_name").asText(), tags);
                ok(ex, runJson(id));
            }
            case "runs/get" -> {
                String id = query.get("run_id");
                if (!runs.containsKey(id)) {
                    error(ex, 404, "RESOURCE_DOES_NOT_EXIST", "Run '" + id + "' not found");
                } else {
                    ok(ex, runJson(id));
                }
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
                ok(ex, MAPPER.createObjectNode().set("runs", found));
            }
            case "runs/log-batch" -> {
                JsonNode in = r.json();
                int metrics = in.path("metrics").size();
                int paramsAndTags = in.path("params").size() + in.path("tags").size();
                if (failLogBatch) {
                    error(ex, 400, "INVALID_PARAMETER_VALUE", "log-batch refused for this test");
                } else if (metrics > 1000 || paramsAndTags > 100 || metrics + paramsAndTags > 1000) {
                    error(ex, 400, "INVALID_PARAMETER_VALUE", "A batch logging request can contain at most 1000"
                            + " metrics, 100 params+tags and 1000 entities; got " + metrics + " and " + paramsAndTags);
                } else {
                    ok(ex, MAPPER.createObjectNode());
                }
            }
            case "runs/update" -> {
                JsonNode in = r.json();
                ObjectNode info = runs.get(in.get("run_id").asText());
                info.put("status", in.get("status").asText()).put("end_time", in.get("end_time").asLong());
                ok(ex, MAPPER.createObjectNode().set("run_info", info));
            }
            default -> error(ex, 404, "ENDPOINT_NOT_FOUND", "no such endpoint " + r.path());
        }
    }

    private synchronized void artifact(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        Request r = new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(), body);
        requests.add(r);
        if (!r.method().equals("PUT")) {
            error(ex, 405, "BAD_REQUEST", "only PUT here");
            return;
        }
        uploads.put(r.path(), body);
        ok(ex, MAPPER.createObjectNode());
    }

    private String newRun(String experimentId, String runName, Map<String, String> tags) {
        // Server ids differ from ours on purpose: the tracker must map between them.
        String id = UUID.randomUUID().toString().replace("-", "");
        ObjectNode info = MAPPER.createObjectNode()
                .put("run_id", id).put("run_uuid", id).put("experiment_id", experimentId)
                .put("run_name", runName).put("status", "RUNNING").put("lifecycle_stage", "active")
                .put("artifact_uri", String.format(artifactUriFormat, experimentId, id, hostPort()));
        runs.put(id, info);
        runTags.put(id, new LinkedHashMap<>(tags));
        return id;
    }

    private ObjectNode runJson(String id) {
        ObjectNode run = MAPPER.createObjectNode();
        run.set("info", runs.get(id));
        run.set("data", MAPPER.createObjectNode());
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

    private static void ok(HttpExchange ex, JsonNode body) throws IOException {
        send(ex, 200, body);
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
