package dev.edgewise.engine.ci;

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
 * The committed reference of one CI entry, {@code results/<name>.json}: for each point, the metric
 * values a run produced when the reference was last updated, with the spec hash and the run id and
 * facts of the run that produced them. Written only by {@code edgewise ci --update}.
 *
 * @param points point label ({@value #SINGLE} for an experiment without a sweep) -> its reference
 * @param recordedWith provenance of the runs (commit, code fingerprint, CPU, threads, versions)
 */
public record Reference(String entry, String experiment, String updated, Map<String, String> recordedWith, Map<String, Point> points) {

    public static final String SINGLE = "run";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public record Point(String specHash, String runId, Map<String, Double> metrics) {
        public Point {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }
    }

    public Reference {
        recordedWith = Collections.unmodifiableMap(new LinkedHashMap<>(recordedWith));
        points = Collections.unmodifiableMap(new LinkedHashMap<>(points));
    }

    public static Optional<Reference> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode n;
        try {
            n = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " is not a readable reference (" + e.getMessage() + "); restore it from git or run"
                    + " `edgewise ci --update`", e);
        }
        Map<String, String> with = new LinkedHashMap<>();
        n.path("recorded_with").fields().forEachRemaining(f -> with.put(f.getKey(), f.getValue().asText()));
        Map<String, Point> points = new LinkedHashMap<>();
        n.path("points").fields().forEachRemaining(p -> {
            Map<String, Double> metrics = new LinkedHashMap<>();
            p.getValue().path("metrics").fields().forEachRemaining(m -> metrics.put(m.getKey(),
                    m.getValue().isTextual() ? Double.parseDouble(m.getValue().asText()) : m.getValue().asDouble()));
            points.put(p.getKey(), new Point(p.getValue().path("spec_hash").asText(null), p.getValue().path("run_id").asText(null), metrics));
        });
        return Optional.of(new Reference(n.path("entry").asText(), n.path("experiment").asText(), n.path("updated").asText(), with, points));
    }

    public void write(Path file) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("entry", entry).put("experiment", experiment).put("updated", updated);
        n.put("note", "written by `edgewise ci --update` from real runs; do not edit by hand");
        ObjectNode with = n.putObject("recorded_with");
        recordedWith.forEach(with::put);
        ObjectNode pointsNode = n.putObject("points");
        points.forEach((label, point) -> {
            ObjectNode p = pointsNode.putObject(label);
            p.put("spec_hash", point.specHash()).put("run_id", point.runId());
            ObjectNode m = p.putObject("metrics");
            point.metrics().forEach((k, v) -> {
                if (Double.isFinite(v)) {
                    m.put(k, v);
                } else {
                    m.put(k, v.toString());
                }
            });
        });
        Files.createDirectories(file.getParent());
        AtomicFiles.writeString(file, JSON.writeValueAsString(n) + "\n");
    }
}
