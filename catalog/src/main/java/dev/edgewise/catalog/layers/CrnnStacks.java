package dev.edgewise.catalog.layers;

import java.util.ArrayList;
import java.util.List;

/** The layer stacks of the communicating C-RNN (DESIGN.md), as data. */
public final class CrnnStacks {

    public static final TensorShape DIGIT = TensorShape.of(1, 28, 28);

    private CrnnStacks() {}

    /**
     * conv 1->10 5x5, maxpool 2, ReLU, conv 10->20 5x5, channel dropout, maxpool 2, ReLU, flatten
     * (320), dense 320->features. 21,330 parameters at 50 features.
     */
    public static LayerStack extractor(int features, double dropout) {
        return new LayerStack("extractor", DIGIT, List.of(
                new Layer.Conv2d(10, 5),
                new Layer.MaxPool(2),
                new Layer.Relu(),
                new Layer.Conv2d(20, 5),
                new Layer.ChannelDropout(dropout),
                new Layer.MaxPool(2),
                new Layer.Relu(),
                new Layer.Flatten(),
                new Layer.Dense(features)));
    }

    /**
     * The cell f_theta on z = [x, s, d] of width features + 2v: dense through {@code hidden}, back to
     * the width of z, ReLU after each. 59 (f_in + 2v) + 458 parameters with hidden [50, 8].
     */
    public static LayerStack cell(int features, int messageSize, List<Integer> hidden) {
        int width = features + 2 * messageSize;
        List<Layer> layers = new ArrayList<>();
        for (int units : hidden) {
            layers.add(new Layer.Dense(units));
            layers.add(new Layer.Relu());
        }
        layers.add(new Layer.Dense(width));
        layers.add(new Layer.Relu());
        return new LayerStack("cell", TensorShape.of(width), layers);
    }
}
