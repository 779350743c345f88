package dev.edgewise.engine.family.codec;

import dev.edgewise.catalog.layers.Layer;
import dev.edgewise.catalog.layers.LayerStack;
import dev.edgewise.catalog.layers.TensorShape;
import dev.edgewise.dsl.spec.CodecModelSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.engine.device.LayerFootprints;
import dev.edgewise.engine.device.ModelFootprint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the codec's two roles need on a device: the camera runs the encoder, the gateway the
 * decoder. Patches are coded one after another by the same network (the paper's reason to cut
 * an image: the activations of one patch, not of the whole image, must fit the accelerator's RAM),
 * so activations are one patch's while the input buffer and the operations are the whole image's.
 */
final class CodecBudget {

    private CodecBudget() {}

    static Map<String, ModelFootprint> footprints(ExperimentSpec spec, int height, int width, int channels) {
        CodecModelSpec model = (CodecModelSpec) spec.model();
        int perPatch = spec.exchange().messageSize() / model.patches();
        int patchSide = height / model.grid();
        Map<String, ModelFootprint> roles = new LinkedHashMap<>();
        roles.put("camera", encoder(model.channels(), model.patches(), patchSide + 2 * model.padding(), channels, perPatch));
        roles.put("gateway", decoder(model.channels(), model.patches(), patchSide + 2 * model.padding(), channels, perPatch));
        return roles;
    }

    /** One patch's encoder as a layer stack: 3x3 same convolutions, ReLU, 2x2 max-pooling, then flatten and the bottleneck (none when perPatch is 0). */
    static LayerStack encoderStack(List<Integer> stages, int paddedSide, int channels, int perPatch) {
        List<Layer> layers = new ArrayList<>();
        for (int filters : stages) {
            layers.add(new Layer.Conv2d(filters, 3, 1));
            layers.add(new Layer.Relu());
            layers.add(new Layer.MaxPool(2));
        }
        if (perPatch > 0) {
            layers.add(new Layer.Flatten());
            layers.add(new Layer.Dense(perPatch));
        }
        return new LayerStack("encoder", TensorShape.of(channels, paddedSide, paddedSide), layers);
    }

    /** The camera's footprint: one patch's stack, its input and operations times the patches. */
    static ModelFootprint encoder(List<Integer> stages, int patches, int paddedSide, int channels, int perPatch) {
        ModelFootprint one = LayerFootprints.of(encoderStack(stages, paddedSide, channels, perPatch));
        return new ModelFootprint(one.weights(), one.biases(), one.input() * patches, one.inferenceActivations(),
                one.trainingActivations() * patches, one.macs() * patches);
    }

    /** The gateway's decoder: the linear layer back to the last maps, then per stage 2x nearest upsampling and a 3x3 convolution. */
    static ModelFootprint decoder(List<Integer> stages, int patches, int paddedSide, int channels, int perPatch) {
        List<ModelFootprint.Tensor> weights = new ArrayList<>();
        int side = paddedSide >> stages.size();
        long flat = (long) stages.get(stages.size() - 1) * side * side;
        weights.add(new ModelFootprint.Tensor("0:Linear", perPatch * flat, flat));
        long biases = flat;
        long macs = perPatch * flat;
        long inference = perPatch + flat;
        long training = perPatch + flat;
        for (int i = stages.size() - 1; i >= 0; i--) {
            int in = stages.get(i);
            int out = i > 0 ? stages.get(i - 1) : channels;
            side *= 2;
            long upsampled = (long) in * side * side;
            long output = (long) out * side * side;
            weights.add(new ModelFootprint.Tensor((stages.size() - i) + ":Conv2d", (long) in * 9 * out, out));
            biases += out;
            macs += output * 9 * in;
            inference = Math.max(inference, upsampled + output);
            training += upsampled + output;
        }
        return new ModelFootprint(weights, biases, (long) perPatch * patches, inference, training * patches, macs * patches);
    }
}
