package dev.edgewise.engine.family.forecast;

import dev.edgewise.catalog.layers.Layer;
import dev.edgewise.catalog.layers.LayerStack;
import dev.edgewise.catalog.layers.TensorShape;
import dev.edgewise.catalog.links.LinkShape;
import dev.edgewise.catalog.links.Radio;
import dev.edgewise.dsl.spec.DeviceSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.ForecastingTaskSpec;
import dev.edgewise.dsl.spec.LstmModelSpec;
import dev.edgewise.dsl.spec.PlacementSpec;
import dev.edgewise.dsl.spec.UpwardExchangeSpec;
import dev.edgewise.engine.device.DevicePresets;
import dev.edgewise.engine.device.LayerFootprints;
import dev.edgewise.engine.train.BitAccount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The forecaster's layers on a chain of devices ({@code model.placement}): device g runs group g
 * (its LSTM layers; the last device also the dense layer) and sends what it computed to device
 * g + 1 over one hop. What crosses hop g is the output of every layer before it: a sequence (one
 * message of W values per time step, {@code rounds = window}) while a later LSTM layer still needs
 * every step, or one message of W values per forecast once only the last step is needed (after
 * the network's last LSTM layer). A hop before any LSTM layer carries the raw readings (1 value per
 * step at the data's bits, unquantized): placement {@code [0, L]} is a gateway receiving every raw
 * reading. Activations go at exchange.quantization's q bits, or exchange.bits when unquantized.
 *
 * <p>Bytes per forecast are exact and fixed by the plan: {@code sum over hops of rounds x W x bits
 * / 8} (a node that fails sends nothing; a lost packet was still sent). The raw-readings references
 * over the same hops: the window of readings per forecast ({@code window x rawBits} per hop), and a
 * gateway that keeps its own window and so needs only the newest reading per forecast ({@code
 * rawBits} per hop).
 *
 * @param groups the layer stack each device runs (a relay's is empty), sensor first
 * @param hops what crosses each hop, hop g from device g to g + 1
 * @param rawBits bits of one raw reading
 */
record LstmChain(List<LayerStack> groups, List<Hop> hops, int window, int rawBits) {

    LstmChain {
        groups = List.copyOf(groups);
        hops = List.copyOf(hops);
    }

    /**
     * What one hop carries per forecast: {@code rounds} messages of {@code values} values at {@code
     * bitsPerValue} bits.
     *
     * @param activations true for LSTM activations (quantized), false for raw readings
     */
    record Hop(int rounds, int values, int bitsPerValue, boolean activations) {

        /** Bits of one message. */
        long messageBits() {
            return (long) values * bitsPerValue;
        }

        /** Bits per forecast on this hop. */
        long bits() {
            return rounds * messageBits();
        }

        /** One sender, one receiver, {@code rounds} messages per forecast. */
        LinkShape shape() {
            return new LinkShape(1, 1, rounds, values, bitsPerValue);
        }
    }

    /** The chain of {@code spec} (one group, no hop, when the model is not placed); raw readings at {@code rawBits}. */
    static LstmChain of(ExperimentSpec spec, int rawBits) {
        LstmModelSpec model = (LstmModelSpec) spec.model();
        return of(((ForecastingTaskSpec) spec.task()).window(), model.hidden(), model.layers(), placement(model),
                bitsOnAir((UpwardExchangeSpec) spec.exchange()), rawBits);
    }

    static List<Integer> placement(LstmModelSpec model) {
        return model.placement() != null ? model.placement() : List.of(model.layers());
    }

    /** Bits of one activation on the air: q when quantized, else exchange.bits. */
    static int bitsOnAir(UpwardExchangeSpec exchange) {
        return exchange.quantizedBits() != null ? exchange.quantizedBits() : exchange.bits();
    }

    static LstmChain of(int window, int hidden, int layers, List<Integer> placement, int activationBits, int rawBits) {
        List<LayerStack> groups = new ArrayList<>();
        List<Hop> hops = new ArrayList<>();
        TensorShape shape = TensorShape.of(window, 1);
        int layer = 0;
        for (int g = 0; g < placement.size(); g++) {
            List<Layer> stack = new ArrayList<>();
            for (int k = 0; k < placement.get(g); k++, layer++) {
                stack.add(new Layer.Lstm(hidden, layer < layers - 1));
            }
            boolean last = g == placement.size() - 1;
            if (last) {
                stack.add(new Layer.Dense(1));
            }
            LayerStack group = new LayerStack(role(g, placement.size()), shape, stack);
            groups.add(group);
            shape = group.output();
            if (!last) {
                boolean activations = layer > 0;
                int rounds = shape.rank() == 2 ? shape.dim(0) : 1;
                hops.add(new Hop(rounds, shape.dim(shape.rank() - 1), activations ? activationBits : rawBits, activations));
            }
        }
        return new LstmChain(groups, hops, window, rawBits);
    }

    /** Role names along the chain: sensor, node1, ..., gateway (one device: sensor). */
    static String role(int g, int devices) {
        if (g == 0) {
            return LstmFamily.ROLE;
        }
        return g == devices - 1 ? "gateway" : "node" + g;
    }

    List<String> roles() {
        return groups.stream().map(LayerStack::name).toList();
    }

    boolean split() {
        return !hops.isEmpty();
    }

    /** Exact bits on the air per forecast, every hop's messages counted once. */
    long bitsPerForecast() {
        return hops.stream().mapToLong(Hop::bits).sum();
    }

    /** Raw readings over the same hops, the whole window per forecast. */
    long rawWindowBitsPerForecast() {
        return (long) hops.size() * window * rawBits;
    }

    /** Raw readings over the same hops, the newest reading per forecast (the gateway keeps its window). */
    long rawStreamBitsPerForecast() {
        return (long) hops.size() * rawBits;
    }

    /** Every hop's sender's messages in bits (bitsPerValue 1), raw input the window of readings per hop: for {@code Traffic}. */
    BitAccount account() {
        int n = hops.size();
        long[] values = new long[n];
        long[] raw = new long[n];
        for (int g = 0; g < n; g++) {
            values[g] = hops.get(g).messageBits();
            raw[g] = (long) window * rawBits;
        }
        return new BitAccount(values, 1, BitAccount.oneHop(n), raw, 1);
    }

    /** Multiply-accumulates of one forecast on each device. */
    long macs(int group) {
        return LayerFootprints.of(groups.get(group)).macs();
    }

    long macs() {
        long total = 0;
        for (int g = 0; g < groups.size(); g++) {
            total += macs(g);
        }
        return total;
    }

    /**
     * The energy model, per forecast, for the roles placed on devices that give energy figures:
     * {@code <role>_compute_uj} = MACs x the device's mac_nj; {@code <role>_radio_uj} = what the role
     * sends (every message, no failure): its time on air x the radio's transmit power when the link
     * model has a radio, else its bytes x the device's radio_nj_per_byte. {@code energy_per_forecast_uj}
     * sums every role's when all of them are modelled. Beside it, the raw-readings gateway on the same
     * devices and links: the sensor sends the newest reading per forecast over every hop and the
     * gateway runs the whole network ({@code raw_gateway_energy_uj}). A model, not a measurement:
     * receive, idle and sleep power, and the MCU's time awake while the radio sends, are not in it.
     */
    Map<String, Double> energy(ExperimentSpec spec, Optional<Radio> radio) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (spec.devices() == null) {
            return metrics;
        }
        double total = 0;
        double raw = 0;
        boolean complete = true;
        for (int g = 0; g < groups.size(); g++) {
            String role = groups.get(g).name();
            PlacementSpec placement = spec.devices().roles().get(role);
            DeviceSpec device = placement == null ? null : DevicePresets.resolve(spec.devices(), placement.device());
            if (device == null || device.macNj() == null) {
                complete = false;
                continue;
            }
            double compute = macs(g) * device.macNj() * 1e-3;
            metrics.put(role + "_compute_uj", compute);
            total += compute;
            if (g == groups.size() - 1) {
                raw += macs() * device.macNj() * 1e-3;
                break;
            }
            Hop hop = hops.get(g);
            Double sent = radioJoules(hop.rounds(), hop.messageBits(), device, radio);
            Double rawSent = radioJoules(1, rawBits, device, radio);
            if (sent == null) {
                complete = false;
                continue;
            }
            metrics.put(role + "_radio_uj", sent);
            total += sent;
            raw += rawSent;
        }
        if (complete) {
            metrics.put("energy_per_forecast_uj", total);
            metrics.put("raw_gateway_energy_uj", raw);
        }
        return metrics;
    }

    /** Microjoules to send {@code messages} messages of {@code bits} bits; null when neither the link nor the device says. */
    static Double radioJoules(int messages, long bits, DeviceSpec device, Optional<Radio> radio) {
        if (radio.isPresent()) {
            return messages * radio.get().messageSeconds(bits) * radio.get().watts() * 1e6;
        }
        if (device.radioNjPerByte() == null) {
            return null;
        }
        return messages * ((bits + 7) / 8) * device.radioNjPerByte() * 1e-3;
    }

    /** The names {@link #energy} may give for {@code roles}. */
    static List<String> energyNames(List<String> roles) {
        List<String> names = new ArrayList<>();
        for (int g = 0; g < roles.size(); g++) {
            names.add(roles.get(g) + "_compute_uj");
            if (g < roles.size() - 1) {
                names.add(roles.get(g) + "_radio_uj");
            }
        }
        names.add("energy_per_forecast_uj");
        names.add("raw_gateway_energy_uj");
        return names;
    }
}
