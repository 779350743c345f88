package dev.edgewise.engine.train;

/**
 * Post-training weight quantization, per tensor and symmetric: a tensor's values map to integers
 * in [-(2^(b-1) - 1), 2^(b-1) - 1] with one float32 scale, max|w| / (2^(b-1) - 1), so zero stays
 * exactly zero and the range is used on both sides. Biases are not quantized (they are few, and
 * integer kernels keep them at higher precision).
 */
public final class WeightQuantizer {

    private final int bits;

    public WeightQuantizer(int bits) {
        if (bits < 2 || bits > 16) {
            throw new IllegalArgumentException("weight bits must be in 2..16, got " + bits);
        }
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    /** The largest integer level: 127 for int8, 7 for int4. */
    public int maxLevel() {
        return (1 << (bits - 1)) - 1;
    }

    /** The scale of a tensor: max|w| / maxLevel (1 for an all-zero tensor, so dequantizing gives zeros). */
    public float scale(float[] values) {
        float max = 0f;
        for (float v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max == 0f ? 1f : max / maxLevel();
    }

    /** The integer levels of {@code values}. */
    public int[] quantize(float[] values, float scale) {
        int[] levels = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            levels[i] = Math.max(-maxLevel(), Math.min(maxLevel(), Math.round(values[i] / scale)));
        }
        return levels;
    }

    public static float[] dequantize(int[] levels, float scale) {
        float[] values = new float[levels.length];
        for (int i = 0; i < levels.length; i++) {
            values[i] = levels[i] * scale;
        }
        return values;
    }

    /** The values as the quantized model holds them. */
    public float[] roundTrip(float[] values) {
        float scale = scale(values);
        return dequantize(quantize(values, scale), scale);
    }

    /** Bytes of a quantized weight tensor: its levels packed at {@code bits} each, plus its float32 scale. */
    public long bytes(long values) {
        return (values * bits + 7) / 8 + 4;
    }
}
