package dev.edgewise.dsl.builder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Layers as the YAML writes them ({@code {type: conv, filters: 32, kernel: 5}}), for the layer
 * lists of {@link Sensor} and {@link Base}. Plain maps, checked when the experiment is built.
 */
public final class Layers {

    private Layers() {}

    public static Map<String, Object> conv(int filters, int kernel) {
        return layer("conv", "filters", filters, "kernel", kernel);
    }

    /** A convolution that keeps height and width (odd kernels). */
    public static Map<String, Object> convSame(int filters, int kernel) {
        Map<String, Object> layer = conv(filters, kernel);
        layer.put("padding", "same");
        return layer;
    }

    public static Map<String, Object> maxpool(int size) {
        return layer("maxpool", "size", size);
    }

    public static Map<String, Object> dense(int units) {
        return layer("dense", "units", units);
    }

    /** The sensor's last dense layer, exchange.message_size wide. */
    public static Map<String, Object> dense() {
        return layer("dense");
    }

    public static Map<String, Object> dropout(double rate) {
        return layer("dropout", "rate", rate);
    }

    public static Map<String, Object> lstm(int units, boolean sequences) {
        return layer("lstm", "units", units, "sequences", sequences);
    }

    public static Map<String, Object> relu() {
        return layer("relu");
    }

    public static Map<String, Object> sigmoid() {
        return layer("sigmoid");
    }

    public static Map<String, Object> tanh() {
        return layer("tanh");
    }

    public static Map<String, Object> flatten() {
        return layer("flatten");
    }

    private static Map<String, Object> layer(String type, Object... keysAndValues) {
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("type", type);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            layer.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return layer;
    }
}
