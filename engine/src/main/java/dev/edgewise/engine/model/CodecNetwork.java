package dev.edgewise.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.edgewise.engine.loss.Outputs;
import java.util.List;

/**
 * The learned image codec: an encoder on the camera, a decoder on the gateway, and between them
 * the representation quantized and masked by what arrived.
 *
 * <p>Inputs: images {@code (B, C, H, W)} in [0, 1]; a receive mask {@code (B or 1, V)} over the
 * representation's V values in their original order (1: arrived). Outputs, named
 * ({@link Outputs}): the decoded image flattened {@code (B, C*H*W)} (the task output), the same
 * as {@code (B, C, H, W)} ({@link Outputs#IMAGE}), and the representation as sent, quantized
 * {@code (B, V)} ({@link Outputs#REPRESENTATION}); the decoder reads it times the mask.
 *
 * <p>Encoder, per patch of {@code (C, h + 2p, w + 2p)} (a g x g grid of patches, p zero pixels on
 * every side): per stage a 3x3 convolution (padding 1, so the size stays), ReLU (not after the last
 * stage: the representation keeps its negative half), 2x2 max pooling; then flatten and a linear
 * layer to V / g^2 values. Decoder, the mirror: a linear layer back to the last stage's maps (no
 * activation), then per stage nearest 2x upsampling and a 3x3 convolution, ReLU between stages and
 * a sigmoid at the output; the padding is cropped and the patches put back together.
 */
public final class CodecNetwork extends AbstractBlock {

    private final int channels;
    private final int grid;
    private final int padding;
    private final List<Integer> stages;
    private final int perPatch;
    private final int side;
    private final MessageQuantizer quantizer;
    private final SequentialBlock encoder;
    private final Linear expand;
    private final SequentialBlock decoder;

    /**
     * @param channels C of the images
     * @param patchSide h = w of one patch (the image side over the grid)
     * @param grid g, patches per side
     * @param padding p
     * @param stages output channels of each encoder convolution
     * @param representation V, values per image (a multiple of g^2)
     * @param quantizer the levels the representation is rounded to
     */
    public CodecNetwork(int channels, int patchSide, int grid, int padding, List<Integer> stages, int representation, MessageQuantizer quantizer) {
        this.channels = channels;
        this.grid = grid;
        this.padding = padding;
        this.stages = List.copyOf(stages);
        this.perPatch = representation / (grid * grid);
        this.quantizer = quantizer;
        int padded = patchSide + 2 * padding;
        this.side = padded >> stages.size();
        if ((side << stages.size()) != padded || side < 1) {
            throw new IllegalArgumentException("a padded patch of " + padded + " pixels does not halve " + stages.size() + " times");
        }
        this.encoder = addChildBlock("encoder", new SequentialBlock());
        int in = channels;
        for (int i = 0; i < stages.size(); i++) {
            encoder.add(FanInUniform.apply(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(stages.get(i)).build(),
                    (long) in * 9));
            if (i < stages.size() - 1) {
                encoder.add(Activation.reluBlock());
            }
            encoder.add(Pool.maxPool2dBlock(new Shape(2, 2)));
            in = stages.get(i);
        }
        int last = stages.get(stages.size() - 1);
        encoder.add(Blocks.batchFlattenBlock());
        encoder.add(FanInUniform.apply(Linear.builder().setUnits(perPatch).build(), (long) last * side * side));
        this.expand = addChildBlock("expand", FanInUniform.apply(Linear.builder().setUnits((long) last * side * side).build(), perPatch));
        this.decoder = addChildBlock("decoder", new SequentialBlock());
        for (int i = stages.size() - 1; i >= 0; i--) {
            int out = i > 0 ? stages.get(i - 1) : channels;
            decoder.add(nearestUpsampling());
            decoder.add(FanInUniform.apply(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(out).build(),
                    (long) stages.get(i) * 9));
            decoder.add(i > 0 ? Activation.reluBlock() : Activation.sigmoidBlock());
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray images = inputs.get(0);
        long batch = images.getShape().get(0);
        long height = images.getShape().get(2);
        long width = images.getShape().get(3);
        NDArray patches = pad(toPatches(images));
        NDArray codes = encoder.forward(store, new NDList(patches), training).singletonOrThrow().reshape(batch, (long) grid * grid * perPatch);
        NDArray sent = quantizer.apply(codes, training);
        NDArray received = sent.mul(inputs.get(1));
        NDArray maps = expand.forward(store, new NDList(received.reshape(batch * grid * grid, perPatch)), training).singletonOrThrow()
                .reshape(batch * grid * grid, stages.get(stages.size() - 1), side, side);
        NDArray decoded = decoder.forward(store, new NDList(maps), training).singletonOrThrow();
        NDArray image = fromPatches(crop(decoded), batch, height, width);
        return new NDList(Outputs.named(image.reshape(batch, -1), Outputs.TASK), Outputs.named(image, Outputs.IMAGE),
                Outputs.named(sent, Outputs.REPRESENTATION));
    }

    /** (B, C, g h, g w) to (B g g, C, h, w), patches row by row. */
    private NDArray toPatches(NDArray images) {
        if (grid == 1) {
            return images;
        }
        Shape s = images.getShape();
        long h = s.get(2) / grid;
        long w = s.get(3) / grid;
        return images.reshape(s.get(0), channels, grid, h, grid, w).transpose(0, 2, 4, 1, 3, 5).reshape(s.get(0) * grid * grid, channels, h, w);
    }

    private NDArray fromPatches(NDArray patches, long batch, long height, long width) {
        if (grid == 1) {
            return patches;
        }
        long h = height / grid;
        long w = width / grid;
        return patches.reshape(batch, grid, grid, channels, h, w).transpose(0, 3, 1, 4, 2, 5).reshape(batch, channels, height, width);
    }

    private NDArray pad(NDArray patches) {
        if (padding == 0) {
            return patches;
        }
        Shape s = patches.getShape();
        NDManager manager = patches.getManager();
        NDArray rows = manager.zeros(new Shape(s.get(0), s.get(1), padding, s.get(3)), patches.getDataType());
        NDArray tall = rows.concat(patches, 2).concat(rows, 2);
        NDArray columns = manager.zeros(new Shape(s.get(0), s.get(1), s.get(2) + 2L * padding, padding), patches.getDataType());
        return columns.concat(tall, 3).concat(columns, 3);
    }

    private NDArray crop(NDArray patches) {
        if (padding == 0) {
            return patches;
        }
        Shape s = patches.getShape();
        return patches.get(":, :, " + padding + ":" + (s.get(2) - padding) + ", " + padding + ":" + (s.get(3) - padding));
    }

    /** Nearest-neighbour 2x upsampling: every value repeated along rows and columns. */
    private static ai.djl.nn.Block nearestUpsampling() {
        return new ai.djl.nn.LambdaBlock(list -> new NDList(list.singletonOrThrow().repeat(2, 2).repeat(3, 2)), "nearest2x");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape images = inputShapes[0];
        long batch = images.get(0);
        long pixels = images.get(1) * images.get(2) * images.get(3);
        return new Shape[] {new Shape(batch, pixels), images, new Shape(batch, (long) grid * grid * perPatch)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape images = inputShapes[0];
        long patches = images.get(0) * grid * grid;
        long padded = images.get(2) / grid + 2L * padding;
        encoder.initialize(manager, dataType, new Shape(patches, channels, padded, padded));
        expand.initialize(manager, dataType, new Shape(patches, perPatch));
        decoder.initialize(manager, dataType, new Shape(patches, stages.get(stages.size() - 1), side, side));
    }
}
