package dev.edgewise.engine.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The line format of {@code events.jsonl}. Written field by field rather than by reflection so the
 * file format stays put when a record gains a component, and so old run folders stay readable.
 */
final class EventJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private EventJson() {}

    /** Artifact files are written relative to {@code runDir} so a run folder can be moved. */
    static String encode(RunEvent event, Path runDir) throws IOException {
        ObjectNode n = MAPPER.createObjectNode();
        if (event instanceof RunEvent.Started s) {
            n.put("type", "Started");
            n.set("run", runInfo(s.run()));
        } else if (event instanceof RunEvent.Param p) {
            n.put("type", "Param").put("key", p.key()).put("value", p.value());
        } else if (event instanceof RunEvent.Tag t) {
            n.put("type", "Tag").put("key", t.key()).put("value", t.value());
        } else if (event instanceof RunEvent.Metric m) {
            // Jackson writes NaN and infinities as strings ("NaN"), which decode() reads back.
            n.put("type", "Metric").put("key", m.key()).put("value", m.value())
                    .put("step", m.step()).put("timestampMs", m.timestampMs());
        } else if (event instanceof RunEvent.Artifact a) {
            Path file = a.file().toAbsolutePath().normalize();
            Path base = runDir.toAbsolutePath().normalize();
            String stored = file.startsWith(base) ? base.relativize(file).toString().replace('\\', '/') : file.toString();
            n.put("type", "Artifact").put("path", a.path()).put("file", stored);
        } else if (event instanceof RunEvent.Finished f) {
            n.put("type", "Finished").put("status", f.status().name()).put("endTimeMs", f.endTimeMs())
                    .put("error", f.error());
        } else {
            throw new IllegalArgumentException("unknown event " + event);
        }
        return MAPPER.writeValueAsString(n);
    }

    static RunEvent decode(String line, Path runDir) throws IOException {
        JsonNode n = MAPPER.readTree(line);
        if (n == null || !n.isObject()) {
            throw new IOException("not a JSON object: " + line);
        }
        String type = text(n, "type");
        switch (type) {
            case "Started":
                return new RunEvent.Started(runInfo(required(n, "run")));
            case "Param":
                return new RunEvent.Param(text(n, "key"), text(n, "value"));
            case "Tag":
                return new RunEvent.Tag(text(n, "key"), text(n, "value"));
            case "Metric": {
                JsonNode v = required(n, "value");
                double value = v.isTextual() ? Double.parseDouble(v.asText()) : v.asDouble();
                return new RunEvent.Metric(text(n, "key"), value, required(n, "step").asLong(),
                        required(n, "timestampMs").asLong());
            }
            case "Artifact":
                return new RunEvent.Artifact(text(n, "path"), runDir.resolve(text(n, "file")));
            case "Finished":
                return new RunEvent.Finished(RunStatus.valueOf(text(n, "status")),
                        required(n, "endTimeMs").asLong(), nullableText(n, "error"));
            default:
                throw new IOException("unknown event type '" + type + "'");
        }
    }

    static ObjectNode runInfo(RunInfo info) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("runId", info.runId());
        n.put("experimentName", info.experimentName());
        n.put("runName", info.runName());
        n.put("startTimeMs", info.startTimeMs());
        n.put("parentRunId", info.parentRunId());
        n.put("user", info.user());
        return n;
    }

    static RunInfo runInfo(JsonNode n) throws IOException {
        return new RunInfo(text(n, "runId"), nullableText(n, "experimentName"), nullableText(n, "runName"),
                required(n, "startTimeMs").asLong(), nullableText(n, "parentRunId"), nullableText(n, "user"));
    }

    private static JsonNode required(JsonNode n, String field) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IOException("missing field '" + field + "' in " + n);
        }
        return v;
    }

    private static String text(JsonNode n, String field) throws IOException {
        return required(n, field).asText();
    }

    private static String nullableText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
