package dev.edgewise.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.edgewise.dsl.spec.UpwardExchangeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The IoT network as one DNN (split inference): N sensor nodes each run the sensor stack on what
 * they see, quantize its output and send it up; the base station concatenates the N messages
 * (node 0 first) and runs the base stack. Trained end to end.
 *
 * <p>Inputs: node inputs {@code (B, N, 1, h, w)} and a delivery mask {@code (B or 1, N)}, 0 where
 * a node's transmission did not reach the base station, or {@code (B or 1, N, k)} per value sent
 * (a message split into packets loses the values of a lost packet). Output: the base station's {@code (B, out)}.
 *
 * <p>With {@code atBase} the node sends its raw input and the base station runs the sensor stack:
 * the same function, so the mask then applies to the raw input and nothing is quantized.
 * Tied sensors fold the nodes into the batch (one call for all nodes); untied ones run per node.
 */
public final class SplitNetwork extends AbstractBlock {

    private final List<Block> sensors = new ArrayList<>();
    private final Block base;
    private final int nodes;
    private final int messageSize;
    private final MessageQuantizer quantizer;
    private final UpwardExchangeSpec.Lost lost;
    private final boolean atBase;

    /**
     * @param sensor makes one sensor stack; called once when tied, else once per node
     * @param quantizer null for unquantized messages (and always with {@code atBase})
     */
    public SplitNetwork(Supplier<Block> sensor, boolean tied, Block base, int nodes, int messageSize, MessageQuantizer quantizer,
            UpwardExchangeSpec.Lost lost, boolean atBase) {
        for (int n = 0; n < (tied ? 1 : nodes); n++) {
            sensors.add(addChildBlock(tied ? "sensor" : "sensor" + n, sensor.get()));
        }
        this.base = addChildBlock("base", base);
        this.nodes = nodes;
        this.messageSize = messageSize;
        this.quantizer = atBase ? null : quantizer;
        this.lost = lost;
        this.atBase = atBase;
    }

    public List<Block> sensors() {
        return List.copyOf(sensors);
    }

    public Block base() {
        return base;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray delivered = inputs.get(1);
        Shape shape = x.getShape();
        long batch = shape.get(0);
        if (atBase) {
            x = received(x.reshape(batch, nodes, -1), delivered).reshape(shape);
        }
        NDArray messages;
        if (sensors.size() == 1) {
            NDArray folded = x.reshape(new Shape(batch * nodes).addAll(shape.slice(2)));
            messages = sensors.get(0).forward(store, new NDList(folded), training).singletonOrThrow().reshape(batch, nodes, -1);
        } else {
            NDList perNode = new NDList();
            for (int n = 0; n < nodes; n++) {
                perNode.add(sensors.get(n).forward(store, new NDList(x.get(new NDIndex(":, {}", n))), training).singletonOrThrow());
            }
            messages = NDArrays.stack(perNode, 1);
        }
        if (!atBase) {
            if (quantizer != null) {
                messages = quantizer.apply(messages, training);
            }
            messages = received(messages, delivered);
        }
        NDArray concatenated = messages.reshape(batch, -1);
        return base.forward(store, new NDList(concatenated), training);
    }

    /** What the base station reads of {@code (B, N, k)} sent values under a per-node or per-value delivery mask. */
    private NDArray received(NDArray sent, NDArray delivered) {
        boolean perValue = delivered.getShape().dimension() == 3;
        NDArray mask = perValue ? delivered : delivered.expandDims(2);
        NDArray kept = sent.mul(mask);
        if (lost == UpwardExchangeSpec.Lost.DROP) {
            // Inverted-dropout scaling: the base's first layer sees inputs of the usual size whatever arrived.
            NDArray arrived = perValue ? delivered.sum(new int[] {1, 2}, true).squeeze(2) : delivered.sum(new int[] {1}, true);
            long slots = perValue ? nodes * delivered.getShape().get(2) : nodes;
            kept = kept.mul(arrived.maximum(1f).pow(-1).mul(slots).expandDims(2));
        }
        return kept;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        return base.getOutputShapes(new Shape[] {new Shape(batch, (long) nodes * messageWidth(inputShapes[0]))});
    }

    private long messageWidth(Shape input) {
        if (!atBase) {
            return messageSize;
        }
        Shape one = new Shape(1).addAll(input.slice(2));
        return sensors.get(0).getOutputShapes(new Shape[] {one})[0].size();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape perNode = new Shape(inputShapes[0].get(0)).addAll(inputShapes[0].slice(2));
        for (Block sensor : sensors) {
            sensor.initialize(manager, dataType, perNode);
        }
        Shape out = sensors.get(0).getOutputShapes(new Shape[] {perNode})[0];
        base.initialize(manager, dataType, new Shape(inputShapes[0].get(0), nodes * (out.size() / out.get(0))));
    }
}
