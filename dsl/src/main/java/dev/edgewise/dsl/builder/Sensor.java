package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.SensorSpec;
import java.util.List;
import java.util.Map;

/** {@code model.sensor:} (model kind split) what each sensor node computes before it transmits. */
public final class Sensor extends Section<Sensor> {

    Sensor(SpecNode node) {
        super(node, SensorSpec.class);
    }

    /** One set of weights for every node (true) or one per node. */
    public Sensor tied(boolean tied) {
        return set("tied", tied);
    }

    /** Where the stack runs: on the node (it sends the output) or at the base (it sends its raw input). */
    public Sensor placement(SensorSpec.Placement placement) {
        return set("placement", placement);
    }

    /** The layers, e.g. {@code layers(Layers.conv(32, 5), Layers.maxpool(2), Layers.flatten(), Layers.dense())}. */
    @SafeVarargs
    public final Sensor layers(Map<String, Object>... layers) {
        return set("layers", List.of(layers));
    }

    public Sensor layers(List<Map<String, Object>> layers) {
        return set("layers", layers);
    }
}
