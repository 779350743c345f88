package dev.edgewise.catalog.layers;

import java.util.ArrayList;
import java.util.List;

/** Layers applied in order to an input of a known shape, with the accounting of each. */
public record LayerStack(String name, TensorShape input, List<Layer> layers) {

    public LayerStack {
        layers = List.copyOf(layers);
        TensorShape shape = input;
        for (Layer layer : layers) {
            shape = layer.output(shape); // fails early, with the layer's name, on a shape mismatch
        }
    }

    public TensorShape output() {
        TensorShape shape = input;
        for (Layer layer : layers) {
            shape = layer.output(shape);
        }
        return shape;
    }

    /** One row per layer: what it is, its output shape, parameters and FLOPs for one sample. */
    public List<LayerAccount> account(FlopConvention convention) {
        List<LayerAccount> rows = new ArrayList<>();
        TensorShape shape = input;
        Layer previous = null;
        for (Layer layer : layers) {
            TensorShape output = layer.output(shape);
            rows.add(new LayerAccount(layer.kind(), shape, output, layer.parameters(shape), convention.flops(layer, shape, previous)));
            previous = layer;
            shape = output;
        }
        return rows;
    }

    public long parameters() {
        return account(FlopConvention.PAPER).stream().mapToLong(LayerAccount::parameters).sum();
    }

    public long flops(FlopConvention convention) {
        return account(convention).stream().mapToLong(LayerAccount::flops).sum();
    }

    public record LayerAccount(String kind, TensorShape input, TensorShape output, long parameters, long flops) {}
}
