package dev.edgewise.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgewise.catalog.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a run in a child JVM reports back to the process that started it, as a small JSON file
 * written atomically at the end (a child that died leaves none, which says so too).
 *
 * @param status FINISHED or FAILED
 * @param runDir the run store folder, or null when the run failed before it had one
 * @param error the error of a failed run, else null
 */
public record PointResult(String runId, String status, boolean cached, double seconds, Path runDir, Map<String, Double> metrics,
        String error) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public PointResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    public void write(Path file) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("runId", runId).put("status", status).put("cached", cached).put("seconds", seconds)
                .put("runDir", runDir == null ? null : runDir.toString()).put("error", error);
        ObjectNode m = n.putObject("metrics");
        metrics.forEach((k, v) -> {
            if (Double.isFinite(v)) {
                m.put(k, v);
            } else {
                m.put(k, v.toString());
            }
        });
        AtomicFiles.writeString(file, JSON.writeValueAsString(n));
    }

    public static Optional<PointResult> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode n = JSON.readTree(file.toFile());
        Map<String, Double> metrics = new LinkedHashMap<>();
        n.path("metrics").fields().forEachRemaining(f -> metrics.put(f.getKey(),
                f.getValue().isTextual() ? Double.parseDouble(f.getValue().asText()) : f.getValue().asDouble()));
        String dir = n.path("runDir").isNull() ? null : n.path("runDir").asText(null);
        return Optional.of(new PointResult(n.path("runId").asText(), n.path("status").asText(), n.path("cached").asBoolean(),
                n.path("seconds").asDouble(), dir == null ? null : Path.of(dir), metrics,
                n.path("error").isNull() ? null : n.path("error").asText(null)));
    }
}
