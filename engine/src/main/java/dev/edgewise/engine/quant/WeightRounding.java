package dev.edgewise.engine.quant;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A block's weights at a storage precision: which parameters are quantized (weights, not biases),
 * their exact stored bytes, and rounding them in place after training (PTQ).
 */
public final class WeightRounding {

    private WeightRounding() {}

    /** Weights are quantized, biases not. */
    public static boolean quantized(Parameter parameter) {
        return parameter.getType() != Parameter.Type.BIAS && !parameter.getName().toLowerCase().contains("bias");
    }

    /** Output channels of a weight tensor: its first dimension (an LSTM's fused (4H, in) matrix has 4H rows, one per gate unit). */
    public static int rows(NDArray array) {
        return array.getShape().dimension() == 0 ? 1 : (int) array.getShape().get(0);
    }

    /** Bytes the block's parameters take stored at {@code precision}: packed weights with their scales, float32 biases. */
    public static long bytes(Block block, WeightPrecision precision) {
        long bytes = 0;
        for (Parameter p : block.getParameters().values()) {
            long size = p.getArray().size();
            bytes += quantized(p) ? precision.bytes(size, rows(p.getArray())) : size * 4;
        }
        return bytes;
    }

    /** Rounds every weight of {@code block} to {@code precision} in place; returns the float values, for {@link #restore}. */
    public static Map<Parameter, float[]> round(Block block, WeightPrecision precision) {
        Map<Parameter, float[]> saved = new LinkedHashMap<>();
        for (Parameter p : block.getParameters().values()) {
            if (quantized(p)) {
                float[] values = p.getArray().toFloatArray();
                saved.put(p, values);
                assign(p.getArray(), precision.roundTrip(values, rows(p.getArray())));
            }
        }
        return saved;
    }

    public static void restore(Map<Parameter, float[]> saved) {
        saved.forEach((p, values) -> assign(p.getArray(), values));
    }

    /** Overwrites an array's values by an engine copy (MKL-DNN keeps some weights in a layout set() cannot write). */
    static void assign(NDArray array, float[] values) {
        try (NDArray fresh = array.getManager().create(values, array.getShape())) {
            fresh.copyTo(array);
        }
    }
}
