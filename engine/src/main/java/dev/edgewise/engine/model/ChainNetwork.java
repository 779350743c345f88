package dev.edgewise.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * One network whose layer groups run on a chain of devices, trained end to end: device g runs its
 * group (none for a relay) and sends the result to device g + 1, which reads it as it arrived.
 * What crosses a hop is quantized (when {@code quantize[g]}: activations, not raw readings) and
 * multiplied by a delivery mask, 0 for every value of a lost packet or a silent sender.
 *
 * <p>Inputs: the window {@code (B, T, 1)}, then one mask per hop, {@code (B or 1, T, W)} for a
 * sequence or {@code (B or 1, W)} for one step. Output: the last group's {@code (B, 1)}.
 */
public final class ChainNetwork extends AbstractBlock {

    private final List<Block> groups = new ArrayList<>();
    private final boolean[] computes;
    private final boolean[] quantize;
    private final MessageQuantizer quantizer;

    /**
     * @param groups each device's block, null for a relay (it forwards what it received)
     * @param quantize per hop, whether what crosses it is quantized
     * @param quantizer null for unquantized messages
     */
    public ChainNetwork(List<Block> groups, boolean[] quantize, MessageQuantizer quantizer) {
        if (quantize.length != groups.size() - 1) {
            throw new IllegalArgumentException("one hop between each two devices: " + groups.size() + " devices, " + quantize.length + " hops");
        }
        this.computes = new boolean[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            Block group = groups.get(g);
            computes[g] = group != null;
            this.groups.add(group == null ? null : addChildBlock("device" + g, group));
        }
        this.quantize = quantize.clone();
        this.quantizer = quantizer;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray a = inputs.get(0);
        for (int g = 0; g < groups.size(); g++) {
            if (computes[g]) {
                a = groups.get(g).forward(store, new NDList(a), training).singletonOrThrow();
            }
            if (g < quantize.length) {
                if (quantize[g] && quantizer != null) {
                    a = quantizer.apply(a, training);
                }
                a = a.mul(inputs.get(1 + g));
            }
        }
        return new NDList(a);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape shape = inputShapes[0];
        for (int g = 0; g < groups.size(); g++) {
            if (computes[g]) {
                shape = groups.get(g).getOutputShapes(new Shape[] {shape})[0];
            }
        }
        return new Shape[] {shape};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = inputShapes[0];
        for (int g = 0; g < groups.size(); g++) {
            if (computes[g]) {
                groups.get(g).initialize(manager, dataType, shape);
                shape = groups.get(g).getOutputShapes(new Shape[] {shape})[0];
            }
        }
    }
}
