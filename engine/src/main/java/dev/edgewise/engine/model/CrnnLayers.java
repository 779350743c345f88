package dev.edgewise.engine.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.edgewise.catalog.layers.CrnnStacks;
import java.util.List;

/** The DJL blocks of the communicating C-RNN, built from the catalog's layer stacks. */
public final class CrnnLayers {

    private CrnnLayers() {}

    /** See {@link CrnnStacks#extractor}: 21,330 parameters at features = 50. */
    public static SequentialBlock extractor(int features, double dropout) {
        return LayerBlocks.of(CrnnStacks.extractor(features, dropout));
    }

    /** The classifier head used to pretrain the extractor: dense features->classes. */
    public static Linear classifierHead(int features, int classes) {
        return FanInUniform.apply(Linear.builder().setUnits(classes).build(), features);
    }

    /**
     * See {@link CrnnStacks#cell}: 59 * width + 458 parameters with hidden [50, 8]. Its last dense
     * layer starts live (see {@link LiveStart}): the rows after the features carry s and y.
     */
    public static SequentialBlock cell(int features, int messageSize, List<Integer> hidden) {
        SequentialBlock cell = LayerBlocks.of(CrnnStacks.cell(features, messageSize, hidden));
        Block last = cell.getChildren().get(cell.getChildren().size() - 2).getValue();
        long fanIn = hidden.get(hidden.size() - 1);
        last.setInitializer(LiveStart.weights(fanIn, features), Parameter.Type.WEIGHT);
        last.setInitializer(LiveStart.biases(fanIn, features), Parameter.Type.BIAS);
        return cell;
    }
}
