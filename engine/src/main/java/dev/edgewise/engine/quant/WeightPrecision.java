package dev.edgewise.engine.quant;

import dev.edgewise.dsl.spec.WeightsSpec;

/**
 * How one weight tensor is stored: float32, IEEE fp16, or symmetric integers of {@code bits} bits
 * in [-(2^(b-1) - 1), 2^(b-1) - 1] with a float32 scale max|w| / (2^(b-1) - 1) per tensor or per
 * output channel (row). Zero stays exactly zero. Biases are not quantized: they are few and
 * integer kernels keep them at higher precision; they take 4 bytes each.
 *
 * @param bits 32, 16, 8 or 4
 * @param perChannel one scale per row of the tensor rather than one per tensor (integers only)
 */
public record WeightPrecision(int bits, boolean perChannel) {

    public static final WeightPrecision FLOAT32 = new WeightPrecision(32, false);

    public WeightPrecision {
        if (bits != 32 && bits != 16 && bits != 8 && bits != 4) {
            throw new IllegalArgumentException("weights are stored at 32, 16, 8 or 4 bits, not " + bits);
        }
    }

    public static WeightPrecision of(WeightsSpec spec) {
        return new WeightPrecision(spec.bits(), spec.scales() == WeightsSpec.Scales.CHANNEL);
    }

    public boolean integer() {
        return bits <= 8;
    }

    /** The largest integer level: 127 for int8, 7 for int4. */
    public int maxLevel() {
        return (1 << (bits - 1)) - 1;
    }

    /**
     * Bytes of a stored weight tensor of {@code values} values in {@code rows} rows: packed at
     * {@code bits} bits (a half-used last byte counts whole), plus a float32 scale per tensor or row.
     */
    public long bytes(long values, long rows) {
        if (!integer()) {
            return values * (bits / 8);
        }
        return (values * bits + 7) / 8 + 4L * (perChannel ? rows : 1);
    }

    /** The values as the stored model holds them (rounded and back to float), tensor of {@code rows} rows, row-major. */
    public float[] roundTrip(float[] values, int rows) {
        if (bits == 32) {
            return values.clone();
        }
        if (bits == 16) {
            float[] out = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = Half.round(values[i]);
            }
            return out;
        }
        float[] out = new float[values.length];
        int groups = perChannel ? rows : 1;
        int size = values.length / groups;
        for (int g = 0; g < groups; g++) {
            float max = 0f;
            for (int i = g * size; i < (g + 1) * size; i++) {
                max = Math.max(max, Math.abs(values[i]));
            }
            // An all-zero group keeps scale 1 so dequantizing gives zeros.
            float scale = max == 0f ? 1f : max / maxLevel();
            for (int i = g * size; i < (g + 1) * size; i++) {
                int level = Math.max(-maxLevel(), Math.min(maxLevel(), Math.round(values[i] / scale)));
                out[i] = level * scale;
            }
        }
        return out;
    }

    /** A short name for metrics and tables: float32, fp16, int8, int4 (with "c" for per-channel scales). */
    public String label() {
        return bits == 32 ? "float32" : bits == 16 ? "fp16" : "int" + bits + (perChannel ? "c" : "");
    }
}
