package dev.edgewise.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * One LSTM layer as the catalog's {@code Layer.Lstm} means it: reads (B, T, F), or a one-channel
 * map (B, 1, T, F) as T steps of F features, and returns every step (B, T, units) or only the last
 * (B, units). Initialised as PyTorch does, U(-1/sqrt(units), 1/sqrt(units)) for every tensor.
 */
final class LstmLayer extends AbstractBlock {

    private final LSTM lstm;
    private final boolean sequences;

    LstmLayer(int units, boolean sequences) {
        this.lstm = addChildBlock("lstm", LSTM.builder().setStateSize(units).setNumLayers(1).optBatchFirst(true).optReturnState(false).build());
        float bound = (float) (1.0 / Math.sqrt(units));
        lstm.setInitializer(new UniformInitializer(bound), Parameter.Type.WEIGHT);
        lstm.setInitializer(new UniformInitializer(bound), Parameter.Type.BIAS);
        this.sequences = sequences;
    }

    private static NDArray steps(NDArray input) {
        Shape shape = input.getShape();
        return shape.dimension() == 4 ? input.reshape(shape.get(0), shape.get(2), shape.get(3)) : input;
    }

    private static Shape steps(Shape shape) {
        return shape.dimension() == 4 ? new Shape(shape.get(0), shape.get(2), shape.get(3)) : shape;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray out = lstm.forward(store, new NDList(steps(inputs.singletonOrThrow())), training).get(0);
        return new NDList(sequences ? out : out.get(new NDIndex(":, -1, :")));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape out = lstm.getOutputShapes(new Shape[] {steps(inputShapes[0])})[0];
        return new Shape[] {sequences ? out : new Shape(out.get(0), out.get(2))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        lstm.initialize(manager, dataType, steps(inputShapes[0]));
    }
}
