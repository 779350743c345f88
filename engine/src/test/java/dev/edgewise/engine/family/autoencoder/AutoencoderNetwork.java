package dev.edgewise.engine.family.autoencoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Inputs: node views {@code (B, N, k)} and a delivery mask {@code (B or 1, N)}. Output: the
 * decoded image {@code (B, pixels)}. One encoder, tied across nodes (folded into the batch).
 */
final class AutoencoderNetwork extends AbstractBlock {

    private final Block encoder;
    private final Block decoder;
    private final int nodes;
    private final int code;

    AutoencoderNetwork(int nodes, int hidden, int code, int pixels) {
        this.nodes = nodes;
        this.code = code;
        this.encoder = addChildBlock("encoder", new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(code).build()));
        this.decoder = addChildBlock("decoder", new SequentialBlock()
                .add(Linear.builder().setUnits(pixels).build()).add(Activation.sigmoidBlock()));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray views = inputs.get(0);
        long batch = views.getShape().get(0);
        NDArray codes = encoder.forward(store, new NDList(views.reshape(batch * nodes, -1)), training).singletonOrThrow()
                .reshape(batch, nodes, code);
        NDArray received = codes.mul(inputs.get(1).expandDims(2)).reshape(batch, nodes * code);
        return decoder.forward(store, new NDList(received), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return decoder.getOutputShapes(new Shape[] {new Shape(inputShapes[0].get(0), (long) nodes * code)});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        encoder.initialize(manager, dataType, new Shape(batch * nodes, inputShapes[0].get(2)));
        decoder.initialize(manager, dataType, new Shape(batch, (long) nodes * code));
    }
}
