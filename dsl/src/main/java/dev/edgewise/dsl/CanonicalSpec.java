package dev.edgewise.dsl;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.edgewise.dsl.spec.ExperimentSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The resolved form of a spec: every key written, defaults filled in, in a fixed order. Two specs
 * that mean the same thing have the same canonical text and so the same hash, whichever front end
 * (YAML, builder, script) produced them.
 */
public final class CanonicalSpec {

    private static final ObjectMapper JSON = configure(JsonMapper.builder().build());
    private static final ObjectMapper YAML = configure(new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build()));

    private CanonicalSpec() {}

    public static String toYaml(ExperimentSpec spec) {
        try {
            return YAML.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write spec as YAML", e);
        }
    }

    public static String toJson(ExperimentSpec spec) {
        try {
            return JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write spec as JSON", e);
        }
    }

    /**
     * {@code sha256:<hex>} of the canonical JSON. The user's data files count by name only: the
     * reader makes their paths absolute (so a sweep point or a re-run finds them from anywhere), and
     * the place a checkout sits in must not change what an experiment is. What the files hold is the
     * data fingerprint's business, a fact recorded beside the hash and part of the run cache key.
     */
    public static String hash(ExperimentSpec spec) {
        try {
            String json = spec.data().file() == null ? toJson(spec) : JSON.writeValueAsString(withFileNames(JSON.valueToTree(spec)));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write spec as JSON", e);
        }
    }

    /** The spec tree with every path under data.file cut to its last element. */
    private static JsonNode withFileNames(JsonNode tree) {
        if (tree.path("data").path("file") instanceof ObjectNode file) {
            for (String key : java.util.List.of("path", "labels")) {
                if (file.path(key).isTextual()) {
                    java.nio.file.Path name = java.nio.file.Path.of(file.path(key).asText()).getFileName();
                    file.put(key, name == null ? file.path(key).asText() : name.toString());
                }
            }
        }
        return tree;
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }
}
