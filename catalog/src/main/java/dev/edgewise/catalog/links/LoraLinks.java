package dev.edgewise.catalog.links;

import dev.edgewise.catalog.lora.LoraEnergy;
import dev.edgewise.catalog.lora.LoraNetwork;
import dev.edgewise.catalog.lora.LoraSettings;
import dev.edgewise.dsl.spec.LoraLinksSpec;
import dev.edgewise.dsl.spec.LoraLoadSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A LoRa link ({@code kind: lora}): loss as {@link PacketLinks} (a packet of {@code payload} bytes
 * lost on its own with probability {@code failure}, in the same draw order), and a {@link Radio}
 * whose packets cost Semtech's time on air ({@link LoraSettings}) for {@code payload + overhead}
 * bytes, and that time times the supply current and voltage ({@link LoraEnergy}) in energy.
 * With {@code network}, the loss rate is that of a simulated network ({@link LoraNetwork}) of
 * nodes sending full packets with this link's settings: 1 - received / sent.
 */
public final class LoraLinks extends SpecLinks<LoraLinksSpec> implements Radio {

    /** Simulated loss rates by (settings, packet bytes, transmitter, network): a channel is made per evaluation. */
    private static final Map<List<Object>, Double> SIMULATED = new ConcurrentHashMap<>();

    private final LoraSettings settings;
    private final LoraEnergy energy;
    private final double failure;

    public LoraLinks(LoraLinksSpec spec) {
        super(spec);
        Draws.probability("failure", spec.failure());
        settings = settings(spec);
        energy = spec.txCurrent() == null ? LoraEnergy.sx1276(spec.txPower(), spec.volts())
                : new LoraEnergy(spec.txCurrent() / 1000.0, spec.volts());
        failure = spec.network() == null ? spec.failure() : simulatedLoss(spec.network());
    }

    /** The loss rate of the network the link shares, simulated once per distinct network. */
    private double simulatedLoss(LoraLoadSpec network) {
        int packetBytes = spec().payloadBytes() + spec().overhead();
        List<Object> key = List.of(settings, packetBytes, spec().txPower(), energy, network);
        return SIMULATED.computeIfAbsent(key, k -> {
            LoraNetwork.Config config = new LoraNetwork.Config(network.nodes(), network.interval(), network.hours() * 3600, packetBytes,
                    LoraNetwork.Choice.FIXED, settings, 1, spec().txPower(), 2.08, 127.41, 40, true, true, 8, energy, network.seed());
            LoraNetwork.Result result = LoraNetwork.run(config);
            return result.sent() == 0 ? 0.0 : 1.0 - result.deliveryRate();
        });
    }

    /** The probability that one packet is lost: {@code failure}, or the simulated network's loss rate. */
    public double failure() {
        return failure;
    }

    /** The modulation and framing of {@code spec}. */
    public static LoraSettings settings(LoraLinksSpec spec) {
        LoraSettings.LowDataRate lowDataRate = switch (spec.lowDataRate()) {
            case AUTO -> LoraSettings.LowDataRate.AUTO;
            case ON -> LoraSettings.LowDataRate.ON;
            case OFF -> LoraSettings.LowDataRate.OFF;
        };
        return new LoraSettings(spec.spreadingFactor(), spec.bandwidth() * 1000.0, spec.codingRate() - 4, spec.preamble(),
                spec.explicitHeader(), spec.crc(), lowDataRate);
    }

    /** The modulation and framing. */
    public LoraSettings settings() {
        return settings;
    }

    /** The transmitter's current and voltage. */
    public LoraEnergy energy() {
        return energy;
    }

    @Override
    public int packets(LinkShape shape) {
        return shape.packets(spec().payloadBytes());
    }

    @Override
    public LinkDraw draw(int samples, LinkShape shape, SplittableRandom random) {
        return Draws.independent(samples, shape, shape.valuesPerPacket(spec().payloadBytes()), failure, spec().nodeFailure(), random);
    }

    @Override
    public Optional<Radio> radio() {
        return Optional.of(this);
    }

    @Override
    public int payload() {
        return spec().payloadBytes();
    }

    @Override
    public boolean padded() {
        return spec().pad();
    }

    @Override
    public double packetSeconds(int bytes) {
        if (bytes < 1 || bytes > payload()) {
            throw new IllegalArgumentException("a packet carries 1 to " + payload() + " bytes of message, not " + bytes);
        }
        return settings.airtimeSeconds(bytes + spec().overhead());
    }

    @Override
    public double watts() {
        return energy.txCurrentAmperes() * energy.volts();
    }

    @Override
    public double dutyCycle() {
        return spec().dutyCycle();
    }
}
