package dev.edgewise.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Measures a trained network with its weights quantized after training ({@link WeightQuantizer}):
 * for each bit width, the test metrics and the bytes the network and one node's sensor take. The
 * trained weights are restored afterwards, whatever happens.
 */
public final class PostTrainingQuantization {

    private PostTrainingQuantization() {}

    /**
     * @param network the whole network, whose weights are rounded
     * @param sensor one node's sensor stack, for the bytes a node stores
     * @param evaluate the test metrics of the network as it is (accuracy, loss)
     */
    public static Map<String, Double> measure(Block network, Block sensor, Supplier<Map<String, Double>> evaluate, int... bitWidths) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("model_bytes_float32", (double) parameters(network) * 4);
        metrics.put("sensor_bytes_float32", (double) parameters(sensor) * 4);
        List<Pair<Parameter, float[]>> saved = new ArrayList<>();
        for (Pair<String, Parameter> p : network.getParameters()) {
            saved.add(new Pair<>(p.getValue(), p.getValue().getArray().toFloatArray()));
        }
        try {
            for (int bits : bitWidths) {
                WeightQuantizer quantizer = new WeightQuantizer(bits);
                for (Pair<Parameter, float[]> p : saved) {
                    if (quantized(p.getKey())) {
                        assign(p.getKey(), quantizer.roundTrip(p.getValue()));
                    }
                }
                Map<String, Double> evaluation = evaluate.get();
                metrics.put("test_accuracy_int" + bits, evaluation.get("accuracy"));
                metrics.put("test_loss_int" + bits, evaluation.get("loss"));
                metrics.put("model_bytes_int" + bits, (double) bytes(network, quantizer));
                metrics.put("sensor_bytes_int" + bits, (double) bytes(sensor, quantizer));
                restore(saved);
            }
        } finally {
            restore(saved);
        }
        return metrics;
    }

    private static void restore(List<Pair<Parameter, float[]>> saved) {
        for (Pair<Parameter, float[]> p : saved) {
            assign(p.getKey(), p.getValue());
        }
    }

    /** Overwrites a parameter's values; by an engine copy, since MKL-DNN keeps conv weights in a layout set() cannot write. */
    private static void assign(Parameter parameter, float[] values) {
        NDArray array = parameter.getArray();
        try (NDArray fresh = array.getManager().create(values, array.getShape())) {
            fresh.copyTo(array);
        }
    }

    /** Weights are quantized, biases not. */
    private static boolean quantized(Parameter parameter) {
        return parameter.getType() != Parameter.Type.BIAS && !parameter.getName().toLowerCase().contains("bias");
    }

    private static long parameters(Block block) {
        return block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    private static long bytes(Block block, WeightQuantizer quantizer) {
        long bytes = 0;
        for (Parameter p : block.getParameters().values()) {
            bytes += quantized(p) ? quantizer.bytes(p.getArray().size()) : p.getArray().size() * 4;
        }
        return bytes;
    }
}
