package dev.edgewise.engine.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlflow.tracking.MlflowClientException;

/**
 * A run's artifacts, as plain HTTP through the server's artifact proxy: the Java client's own
 * logArtifact shells out to Python MLflow, which edgewise does not require. A PUT replaces the
 * file, so an upload is simply resent after any failure.
 */
final class MlflowArtifacts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MlflowTransport transport;

    MlflowArtifacts(MlflowTransport transport) {
        this.transport = transport;
    }

    /** The run's artifact root, as the server reports it. */
    String artifactUri(String serverRunId) throws IOException {
        return transport.call("reading run " + serverRunId, () -> transport.client().getRun(serverRunId).getInfo().getArtifactUri());
    }

    void upload(String artifactUri, String path, Path file) throws IOException {
        ArtifactPaths.check(path);
        URI target = artifactUploadUri(transport.trackingUri(), artifactUri, path);
        String what = "uploading artifact '" + path + "' to " + target;
        transport.retried(what, () -> transport.ok(transport.send(HttpRequest.newBuilder(target)
                .timeout(transport.resilience().uploadTimeout()).PUT(HttpRequest.BodyPublishers.ofFile(file)), what), what));
    }

    /** Artifact path -> size in bytes, for every file of the run on the server. */
    Map<String, Long> list(String serverRunId) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        ArrayDeque<String> folders = new ArrayDeque<>(List.of(""));
        while (!folders.isEmpty()) {
            String folder = folders.removeFirst();
            String token = null;
            do {
                String path = "artifacts/list?run_id=" + MlflowTransport.encode(serverRunId)
                        + (folder.isEmpty() ? "" : "&path=" + MlflowTransport.encode(folder))
                        + (token == null ? "" : "&page_token=" + MlflowTransport.encode(token));
                JsonNode page = transport.call("listing the artifacts of run " + serverRunId, () -> {
                    try {
                        return JSON.readTree(transport.client().sendGet(path));
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

    /** The bytes of one artifact of a server run. */
    byte[] download(String serverRunId, String path) throws IOException {
        URI source = artifactUploadUri(transport.trackingUri(), artifactUri(serverRunId), path);
        String what = "downloading artifact '" + path + "' from " + source;
        return transport.retried(what, () -> transport.ok(transport.send(HttpRequest.newBuilder(source)
                .timeout(transport.resilience().uploadTimeout()).GET(), HttpResponse.BodyHandlers.ofByteArray(), what), what).body());
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

    private static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
