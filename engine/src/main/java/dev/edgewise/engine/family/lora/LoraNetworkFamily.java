package dev.edgewise.engine.family.lora;

import dev.edgewise.catalog.links.LoraLinks;
import dev.edgewise.catalog.lora.LoraNetwork;
import dev.edgewise.catalog.lora.LoraSettings;
import dev.edgewise.dsl.spec.ExchangeSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.LoraLinksSpec;
import dev.edgewise.dsl.spec.LoraNetworkModelSpec;
import dev.edgewise.dsl.spec.UpwardExchangeSpec;
import dev.edgewise.engine.family.ArtifactSink;
import dev.edgewise.engine.family.DataShape;
import dev.edgewise.engine.family.FamilyCheck;
import dev.edgewise.engine.family.FamilyRun;
import dev.edgewise.engine.family.InspectTables;
import dev.edgewise.engine.family.ModelFamily;
import dev.edgewise.engine.family.PointSummary;
import dev.edgewise.engine.run.CompiledExperiment;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A LoRa link, or a network of {@code topology.nodes} LoRa nodes and one gateway, that trains
 * nothing: what a message of {@code message_bytes} costs on one link (packets, time on air, energy,
 * the duty cycle's wait), and with {@code interval} what the network delivers (LoRaSim's model,
 * {@link LoraNetwork}). Every number comes from the spec and, for the network, from its seeded
 * simulation.
 */
public final class LoraNetworkFamily implements ModelFamily<LoraNetworkModelSpec> {

    static final List<String> LINK_METRICS = List.of("bitrate_bps", "packets_per_message", "airtime_per_message_s",
            "energy_per_message_j", "charge_per_message_uah", "duty_cycle_wait_per_message_s", "messages_per_hour_duty_cycle");

    static final List<String> NETWORK_METRICS = List.of("packets_sent", "packets_received", "delivery_rate", "collided_fraction",
            "below_sensitivity_fraction", "busy_fraction", "offered_bytes_per_hour", "throughput_bytes_per_hour",
            "energy_per_delivered_byte_j", "message_delivery_rate", "messages_delivered_per_hour");

    @Override
    public Class<LoraNetworkModelSpec> spec() {
        return LoraNetworkModelSpec.class;
    }

    @Override
    public Set<Class<? extends ExchangeSpec>> exchanges() {
        return Set.of(UpwardExchangeSpec.class);
    }

    @Override
    public Set<String> lossTerms() {
        return Set.of("task");
    }

    @Override
    public boolean readsData() {
        return false;
    }

    @Override
    public void check(FamilyCheck<LoraNetworkModelSpec> check) {
        ExperimentSpec spec = check.spec();
        if (!(spec.links() instanceof LoraLinksSpec)) {
            check.problem("$.links.kind", "a LoRa network needs LoRa links: they give the radio settings", "set links.kind: lora");
        }
        if (!"none".equals(spec.data().source())) {
            check.problem("$.data.source", "a LoRa network reads no data, so a record naming dataset '" + spec.data().source()
                    + "' would claim data it never used", "set data.source: none");
        }
    }

    @Override
    public Set<String> metrics(ExperimentSpec spec) {
        Set<String> names = new LinkedHashSet<>(LINK_METRICS);
        LoraNetworkModelSpec model = (LoraNetworkModelSpec) spec.model();
        if (model.interval() != null) {
            names.addAll(NETWORK_METRICS);
        }
        for (int floor : model.deliveryFloors()) {
            names.addAll(capacityMetrics(floor));
        }
        return names;
    }

    /** What a capacity search at {@code floor} % logs: the interval found, and throughput and energy there. */
    static List<String> capacityMetrics(int floor) {
        return List.of("interval_at_delivery_" + floor + "_s", "throughput_at_delivery_" + floor + "_bytes_per_hour",
                "energy_per_delivered_byte_at_delivery_" + floor + "_j");
    }

    @Override
    public Map<String, Double> counts(CompiledExperiment experiment, DataShape data) {
        return link(experiment.spec());
    }

    /** One message on one link: computed from the spec alone. */
    static Map<String, Double> link(ExperimentSpec spec) {
        LoraNetworkModelSpec model = (LoraNetworkModelSpec) spec.model();
        LoraLinks radio = new LoraLinks((LoraLinksSpec) spec.links());
        long bits = 8L * model.messageBytes();
        double airtime = radio.messageSeconds(bits);
        double wait = airtime * (1 / radio.dutyCycle() - 1);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("bitrate_bps", radio.settings().bitrate());
        metrics.put("packets_per_message", (double) radio.packets(bits));
        metrics.put("airtime_per_message_s", airtime);
        metrics.put("energy_per_message_j", radio.energy().joules(airtime));
        metrics.put("charge_per_message_uah", radio.energy().microampereHours(airtime));
        metrics.put("duty_cycle_wait_per_message_s", wait);
        metrics.put("messages_per_hour_duty_cycle", 3600 / (airtime + wait));
        return metrics;
    }

    @Override
    public void inspect(CompiledExperiment experiment, DataShape data, PrintWriter out) {
        ExperimentSpec spec = experiment.spec();
        LoraNetworkModelSpec model = (LoraNetworkModelSpec) spec.model();
        LoraSettings settings = LoraLinks.settings((LoraLinksSpec) spec.links());
        out.printf("%s: LoRa SF%d, %d kHz, CR 4/%d; a %,d-byte message%s%n%n", spec.name(), settings.spreadingFactor(),
                Math.round(settings.bandwidthHz() / 1000), settings.codingRate() + 4, model.messageBytes(),
                model.interval() == null ? ", one link" : String.format(", %,d nodes sending every %.1f s on average for %.2f h",
                        spec.topology().nodes(), model.interval(), model.hours()));
        InspectTables.quantities(out, "One message on one link");
        link(spec).forEach((name, value) -> InspectTables.row(out, name, String.format("%,.4f", value)));
        out.println();
    }

    @Override
    public Map<String, Double> run(FamilyRun run) {
        ExperimentSpec spec = run.spec();
        Map<String, Double> metrics = link(spec);
        LoraNetworkModelSpec model = (LoraNetworkModelSpec) spec.model();
        if (model.interval() != null) {
            int packets = metrics.get("packets_per_message").intValue();
            metrics.putAll(NetworkRun.of(spec, run.seeds().derive("lora.network")).metrics(packets, model.needed()));
        }
        for (int floor : model.deliveryFloors()) {
            NetworkRun.Capacity capacity = NetworkRun.capacity(spec, run.seeds().derive("lora.network"), floor);
            List<String> names = capacityMetrics(floor);
            // NaN, not a made-up number, when even one packet a day per node misses the floor.
            metrics.put(names.get(0), capacity == null ? Double.NaN : capacity.interval());
            metrics.put(names.get(1), capacity == null ? Double.NaN : capacity.run().result().bytesPerHour());
            metrics.put(names.get(2), capacity == null ? Double.NaN : capacity.run().result().joulesPerDeliveredByte());
        }
        return metrics;
    }

    @Override
    public void sweepFigures(List<PointSummary> points, ArtifactSink sink) throws IOException {
        NetworkSummary.write(points, sink);
    }
}
