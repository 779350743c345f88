package dev.edgewise.dsl.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One layer of a role's stack, as written: {@code {type: conv, filters: 32, kernel: 5}}. A flat
 * record (rather than one record per type) because the binder binds records by their keys; the
 * constructor checks that each type gets exactly the keys it uses, so a typo is still an error.
 */
@Doc("One layer: conv (filters, kernel, padding), maxpool (size), dense (units; leave units out on the sensor's last layer"
        + " to take exchange.message_size), dropout (rate), lstm (units, sequences), relu, sigmoid, tanh, flatten.")
public record LayerSpec(
        @Doc("Layer type.") Type type,
        @Doc("dense, lstm: output width.") @Default("~") @Range(min = 1, max = 1_000_000)
        Integer units,
        @Doc("conv: output channels.") @Default("~") @Range(min = 1, max = 65_536)
        Integer filters,
        @Doc("conv: square kernel side.") @Default("~") @Range(min = 1, max = 1_000)
        Integer kernel,
        @Doc("conv: valid (no padding, the C-RNN's) or same (odd kernels keep height and width). Unset: valid.")
        @Default("~")
        Padding padding,
        @Doc("maxpool: square window and stride.") @Default("~") @Range(min = 1, max = 1_000)
        Integer size,
        @Doc("dropout: rate of dropped values in training.") @Default("~") @Range(min = 0, max = 0.95)
        Double rate,
        @Doc("lstm: true passes every time step on (for a stacked lstm), false only the last one. Unset: false.")
        @Default("~")
        Boolean sequences) {

    public LayerSpec {
        Objects.requireNonNull(type, "type");
        Map<String, Object> given = new TreeMap<>();
        given.put("units", units);
        given.put("filters", filters);
        given.put("kernel", kernel);
        given.put("padding", padding);
        given.put("size", size);
        given.put("rate", rate);
        given.put("sequences", sequences);
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Object> key : given.entrySet()) {
            if (key.getValue() != null && !type.allowed().contains(key.getKey())) {
                wrong.add(key.getKey());
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException("a " + type.yamlName() + " layer has no " + String.join(", ", wrong)
                    + (type.allowed().isEmpty() ? " (it takes no keys but type)" : "; it takes " + String.join(", ", type.allowed())));
        }
        for (String key : type.required()) {
            if (given.get(key) == null) {
                throw new IllegalArgumentException("a " + type.yamlName() + " layer needs '" + key + "'");
            }
        }
        if (type == Type.CONV && padding == Padding.SAME && kernel % 2 == 0) {
            throw new IllegalArgumentException("padding 'same' needs an odd kernel, got " + kernel);
        }
    }

    public enum Type implements SpecEnum {
        CONV(List.of("filters", "kernel"), List.of("filters", "kernel", "padding")),
        MAXPOOL(List.of("size"), List.of("size")),
        DENSE(List.of(), List.of("units")),
        DROPOUT(List.of("rate"), List.of("rate")),
        LSTM(List.of("units"), List.of("units", "sequences")),
        RELU(List.of(), List.of()),
        SIGMOID(List.of(), List.of()),
        TANH(List.of(), List.of()),
        FLATTEN(List.of(), List.of());

        private final List<String> required;
        private final List<String> allowed;

        Type(List<String> required, List<String> allowed) {
            this.required = required;
            this.allowed = allowed;
        }

        public List<String> required() {
            return required;
        }

        public List<String> allowed() {
            return allowed;
        }
    }

    public enum Padding implements SpecEnum {
        VALID,
        SAME
    }
}
