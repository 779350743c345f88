package dev.edgewise.engine.family.codec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.edgewise.engine.loss.Outputs;

/**
 * The codec's network followed by the frozen classifier, for the loss terms that judge decoded
 * images with it (perceptual, classification): the codec's outputs as they are, plus the judge's
 * class scores and hidden activations on the decoded images and its activations on the originals
 * ({@link Outputs#JUDGE_SCORES}, {@link Outputs#JUDGE_FEATURES}, {@link Outputs#JUDGE_FEATURES_ORIGINAL}).
 * The classifier is not a child block: its weights are no parameter of this model, so the codec's
 * optimizer never sees them, and {@link FrozenClassifier#judge} computes with copies that carry no
 * gradient; the gradient of a term reaches the codec through the decoded images. Used only when such
 * a term is in the loss, so a codec without one is built, initialised and trained exactly as before.
 */
final class JudgedCodec extends AbstractBlock {

    private final Block codec;
    private final FrozenClassifier judge;

    JudgedCodec(Block codec, FrozenClassifier judge) {
        this.codec = addChildBlock("codec", codec);
        this.judge = judge;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList outputs = codec.forward(store, inputs, training, params);
        NDArray originals = inputs.get(0);
        NDList decoded = judge.judge(outputs.get(0));
        NDList sent = judge.judge(originals.reshape(originals.getShape().get(0), -1));
        NDList all = new NDList(outputs);
        all.add(Outputs.named(decoded.get(0), Outputs.JUDGE_SCORES));
        all.add(Outputs.named(decoded.get(1), Outputs.JUDGE_FEATURES));
        all.add(Outputs.named(sent.get(1), Outputs.JUDGE_FEATURES_ORIGINAL));
        return all;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return codec.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        codec.initialize(manager, dataType, inputShapes);
    }
}
