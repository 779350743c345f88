package dev.edgewise.catalog.layers;

import dev.edgewise.dsl.spec.BaseSpec;
import dev.edgewise.dsl.spec.LayerSpec;
import dev.edgewise.dsl.spec.SensorSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The layer stacks of the upward family's roles, from the spec's layer lists: the same
 * {@link Layer} records the C-RNN's stacks use, so accounting and the engine's blocks are shared.
 */
public final class RoleStacks {

    private RoleStacks() {}

    /**
     * What a sensor node computes from an input of {@code input}; a dense layer without units is
     * {@code messageSize} wide.
     *
     * @throws IllegalArgumentException naming the layer (by 0-based index) whose shape does not fit
     */
    public static LayerStack sensor(SensorSpec spec, TensorShape input, int messageSize) {
        return stack("sensor", spec.layers(), input, messageSize);
    }

    /** What the base station computes from {@code width} concatenated message values. */
    public static LayerStack base(BaseSpec spec, int width) {
        return stack("base", spec.layers(), TensorShape.of(width), null);
    }

    private static LayerStack stack(String name, List<LayerSpec> specs, TensorShape input, Integer messageSize) {
        List<Layer> layers = new ArrayList<>();
        TensorShape shape = input;
        for (int i = 0; i < specs.size(); i++) {
            Layer layer = layer(specs.get(i), messageSize, i);
            try {
                shape = layer.output(shape);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + i + " (" + specs.get(i).type().yamlName() + "): " + e.getMessage(), e);
            }
            layers.add(layer);
        }
        return new LayerStack(name, input, layers);
    }

    static Layer layer(LayerSpec spec, Integer messageSize, int index) {
        return switch (spec.type()) {
            case CONV -> new Layer.Conv2d(spec.filters(), spec.kernel(),
                    spec.padding() == LayerSpec.Padding.SAME ? spec.kernel() / 2 : 0);
            case MAXPOOL -> new Layer.MaxPool(spec.size());
            case DENSE -> {
                if (spec.units() != null) {
                    yield new Layer.Dense(spec.units());
                }
                if (messageSize == null) {
                    throw new IllegalArgumentException("layer " + index + " (dense) needs 'units': only the sensor's layers may take"
                            + " exchange.message_size by leaving it out");
                }
                yield new Layer.Dense(messageSize);
            }
            case DROPOUT -> new Layer.Dropout(spec.rate());
            case LSTM -> new Layer.Lstm(spec.units(), Boolean.TRUE.equals(spec.sequences()));
            case RELU -> new Layer.Relu();
            case SIGMOID -> new Layer.Sigmoid();
            case TANH -> new Layer.Tanh();
            case FLATTEN -> new Layer.Flatten();
        };
    }
}
