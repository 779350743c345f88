package dev.edgewise.engine.family.lora;

import dev.edgewise.catalog.links.LoraLinks;
import dev.edgewise.catalog.lora.LoraNetwork;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.LoraLinksSpec;
import dev.edgewise.dsl.spec.LoraNetworkModelSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One simulated hour (or {@code hours}) of a LoRa network as a spec describes it: LoRaSim's
 * geometry and radio constants (path-loss exponent 2.08, 127.41 dB at 40 m, its natural-log path
 * loss), the links' modulation and transmitter, the model's traffic.
 */
record NetworkRun(LoraNetwork.Result result) {

    /** LoRaSim's log-distance path-loss model: exponent, loss at the reference distance, that distance. */
    private static final double EXPONENT = 2.08;
    private static final double REFERENCE_LOSS_DB = 127.41;
    private static final double REFERENCE_METERS = 40;

    /** The send intervals a capacity search brackets: the paper's shortest, and one a day's worth of quiet. */
    static final double SHORTEST = 2;
    static final double LONGEST = 100_000;

    /** Bisection steps on the log of the interval: the bracket shrinks 2^16 times, to within 0.02 % of an interval. */
    static final int STEPS = 16;

    static NetworkRun of(ExperimentSpec spec, long seed) {
        return of(spec, ((LoraNetworkModelSpec) spec.model()).interval(), seed);
    }

    /**
     * The network's capacity at a delivery rate of {@code percent} %: the shortest send interval (most traffic)
     * found by bisection whose delivery rate is still at least that, with the same seed at every step,
     * and its metrics; null when even the longest interval delivers less.
     */
    static Capacity capacity(ExperimentSpec spec, long seed, int percent) {
        double floor = percent / 100.0;
        NetworkRun quiet = of(spec, LONGEST, seed);
        if (!quiet.meets(floor)) {
            return null;
        }
        NetworkRun busy = of(spec, SHORTEST, seed);
        if (busy.meets(floor)) {
            return new Capacity(SHORTEST, busy);
        }
        double lo = Math.log(SHORTEST);
        double hi = Math.log(LONGEST);
        NetworkRun best = quiet;
        double bestInterval = LONGEST;
        for (int step = 0; step < STEPS; step++) {
            double mid = (lo + hi) / 2;
            NetworkRun run = of(spec, Math.exp(mid), seed);
            if (run.meets(floor)) {
                hi = mid;
                best = run;
                bestInterval = Math.exp(mid);
            } else {
                lo = mid;
            }
        }
        return new Capacity(bestInterval, best);
    }

    /**
     * Whether at least {@code floor} of the packets sent arrived. A network that sent nothing in the
     * simulated time (a short simulation at a long interval) lost nothing, so it meets any floor: the
     * search then moves to busier loads, where packets are sent.
     */
    private boolean meets(double floor) {
        return result.sent() == 0 || result.deliveryRate() >= floor;
    }

    /** A capacity found: the send interval and the network's run at it. */
    record Capacity(double interval, NetworkRun run) {}

    private static NetworkRun of(ExperimentSpec spec, double interval, long seed) {
        LoraNetworkModelSpec model = (LoraNetworkModelSpec) spec.model();
        LoraLinksSpec links = (LoraLinksSpec) spec.links();
        LoraLinks radio = new LoraLinks(links);
        int packetBytes = model.packetBytes() != null ? model.packetBytes() : links.payloadBytes() + links.overhead();
        LoraNetwork.Choice choice = model.settings() == LoraNetworkModelSpec.Settings.FIXED ? LoraNetwork.Choice.FIXED
                : LoraNetwork.Choice.FASTEST_REACHING;
        LoraNetwork.Config config = new LoraNetwork.Config(spec.topology().nodes(), interval, model.hours() * 3600, packetBytes, choice,
                radio.settings(), model.channels(), links.txPower(), EXPONENT, REFERENCE_LOSS_DB, REFERENCE_METERS, true, model.fullCollision(),
                model.receivers(), radio.energy(), seed);
        return new NetworkRun(LoraNetwork.run(config));
    }

    /**
     * The network's metrics, and what they mean for messages of {@code packets} packets of which a
     * {@code needed} fraction must arrive: each packet arrives with the network's delivery rate, on
     * its own (collisions of one message's packets are taken as independent, which holds when a
     * node's packets are far apart in time, as the duty cycle makes them).
     */
    Map<String, Double> metrics(int packets, double needed) {
        double sent = result.sent();
        double hours = result.durationSeconds() / 3600;
        double delivery = result.deliveryRate();
        double messageDelivery = atLeast((int) Math.ceil(needed * packets - 1e-9), packets, delivery);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("packets_sent", sent);
        metrics.put("packets_received", (double) result.received());
        metrics.put("delivery_rate", delivery);
        metrics.put("collided_fraction", sent == 0 ? 0 : result.collided() / sent);
        metrics.put("below_sensitivity_fraction", sent == 0 ? 0 : result.belowSensitivity() / sent);
        metrics.put("busy_fraction", sent == 0 ? 0 : result.noReceiver() / sent);
        metrics.put("offered_bytes_per_hour", sent * result.packetBytes() / hours);
        metrics.put("throughput_bytes_per_hour", result.bytesPerHour());
        metrics.put("energy_per_delivered_byte_j", result.joulesPerDeliveredByte());
        metrics.put("message_delivery_rate", messageDelivery);
        metrics.put("messages_delivered_per_hour", sent / packets / hours * messageDelivery);
        return metrics;
    }

    /** P(at least {@code k} of {@code n} independent trials succeed), each with probability {@code p}. */
    static double atLeast(int k, int n, double p) {
        if (k <= 0) {
            return 1;
        }
        if (p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return 1;
        }
        double total = 0;
        double logP = Math.log(p);
        double logQ = Math.log1p(-p);
        for (int i = k; i <= n; i++) {
            total += Math.exp(logChoose(n, i) + i * logP + (n - i) * logQ);
        }
        return Math.min(1, total);
    }

    private static double logChoose(int n, int k) {
        double sum = 0;
        for (int i = 1; i <= k; i++) {
            sum += Math.log((double) (n - k + i) / i);
        }
        return sum;
    }
}
