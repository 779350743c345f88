package dev.edgewise.engine.quant;

/**
 * IEEE 754 binary16 rounding of a float (round to nearest, ties to even; overflow to infinity;
 * subnormals kept), because Java 17 has no Float.floatToFloat16 (it came in Java 20).
 */
final class Half {

    private Half() {}

    /** {@code value} as the nearest fp16 number, back in a float. */
    static float round(float value) {
        return toFloat(toHalf(value));
    }

    static short toHalf(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xff;
        int mantissa = bits & 0x7fffff;
        if (exponent == 0xff) {
            return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 : 0));
        }
        int e = exponent - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            // Subnormal: shift the mantissa (with its implicit 1) right, rounding to nearest even.
            int m = mantissa | 0x800000;
            int shift = 14 - e;
            int half = m >> shift;
            int rest = m & ((1 << shift) - 1);
            int midpoint = 1 << (shift - 1);
            if (rest > midpoint || rest == midpoint && (half & 1) == 1) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mantissa >> 13);
        int rest = mantissa & 0x1fff;
        // A carry out of the mantissa correctly bumps the exponent (up to infinity).
        if (rest > 0x1000 || rest == 0x1000 && (half & 1) == 1) {
            half++;
        }
        return (short) (sign | half);
    }

    static float toFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign != 0 ? -magnitude : magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }
}
