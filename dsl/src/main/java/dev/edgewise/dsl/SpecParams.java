package dev.edgewise.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgewise.dsl.spec.ExperimentSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** The resolved spec as flat MLflow params: {@code topology.nodes = 5}, {@code model.cell.hidden = [50,8]}. */
public final class SpecParams {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SpecParams() {}

    public static Map<String, String> of(ExperimentSpec spec) {
        try {
            Map<String, String> params = new TreeMap<>();
            flatten("", JSON.readTree(CanonicalSpec.toJson(spec)), params);
            return params;
        } catch (IOException e) {
            throw new UncheckedIOException("the canonical spec is always valid JSON", e);
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into);
            }
        } else if (node.isValueNode()) {
            into.put(prefix, node.asText());
        } else {
            // Lists stay one param: MLflow compares params as strings anyway.
            into.put(prefix, node.toString());
        }
    }
}
