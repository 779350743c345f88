package dev.edgewise.catalog.lora;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Many LoRa nodes sending to one gateway, simulated event by event in the model of LoRaSim (Bor,
 * Roedig, Voigt and Alonso, "Do LoRa low-power wide-area networks scale?", MSWiM 2016):
 * <ul>
 *   <li>nodes uniform in a disk around the gateway whose radius is where the most sensitive
 *       setting is just reached at the transmit power; log-distance path loss
 *       {@code L = L0 + 10 gamma log(d / d0)} (LoRaSim's code takes the natural logarithm, for the
 *       path loss and the radius alike; {@link Config#naturalLog} keeps that, or uses log10);
 *   <li>each node waits an exponential time (mean {@link Config#meanIntervalSeconds}), sends one
 *       packet of {@link Config#packetBytes}, and waits again after it ended;
 *   <li>settings: fixed for every node, or (LoRaSim's experiment 3) per node the SF and bandwidth
 *       with the shortest time on air whose sensitivity the received power beats, coding rate 4/5;
 *   <li>a packet weaker than the sensitivity is lost; two packets on one channel and one SF that
 *       overlap in time collide. With the full check (LoRaSim's {@code full_collision}), the
 *       newcomer survives if the other ends within the newcomer's first 3 preamble symbols
 *       (8 - 5 of 8), and otherwise the stronger survives when the powers differ by 6 dB or
 *       more, else both are lost. Without it, both are lost.
 *   <li>the gateway demodulates at most {@link Config#receivers} packets at once; a packet that
 *       arrives when all are busy is not received (LoRaSim counts such packets but still lets
 *       them through: a deviation, on the physical side).
 * </ul>
 * Deterministic per seed: placement, channels and every node's send times come from streams split
 * off one {@code SplittableRandom} in node order; events at equal times are handled in the order
 * they were scheduled.
 */
public final class LoraNetwork {

    /** How nodes pick their modulation. */
    public enum Choice { FIXED, FASTEST_REACHING }

    /**
     * One simulation.
     *
     * @param nodes how many nodes send
     * @param meanIntervalSeconds the mean of each node's exponential wait between packets
     * @param durationSeconds simulated time
     * @param packetBytes PHY payload per packet
     * @param choice fixed settings for all, or the fastest that reaches (LoRaSim's experiment 3)
     * @param fixed the settings for {@link Choice#FIXED} (and the coding rate and framing for the other choice)
     * @param channels how many channels nodes pick from at random (1: LoRaSim's single 868 MHz channel)
     * @param txPowerDbm transmit power
     * @param pathLossExponent gamma (2.08 in LoRaSim)
     * @param referenceLossDb L0 at the reference distance (127.41 dB)
     * @param referenceDistanceMeters d0 (40 m)
     * @param naturalLog whether the path-loss logarithm is natural (LoRaSim's code) or decimal
     * @param fullCollision LoRaSim's full check (timing and capture), or any overlap loses both
     * @param receivers concurrent demodulations at the gateway (8 for the SX1301)
     * @param energy the transmit current and voltage
     * @param seed the simulation's seed
     */
    public record Config(int nodes, double meanIntervalSeconds, double durationSeconds, int packetBytes, Choice choice, LoraSettings fixed,
            int channels, double txPowerDbm, double pathLossExponent, double referenceLossDb, double referenceDistanceMeters, boolean naturalLog,
            boolean fullCollision, int receivers, LoraEnergy energy, long seed) {

        public Config {
            if (nodes < 1 || !(meanIntervalSeconds > 0) || !(durationSeconds > 0) || packetBytes < 1 || channels < 1 || receivers < 1) {
                throw new IllegalArgumentException("nodes, interval, duration, packet size, channels and receivers must be positive");
            }
        }

        /** LoRaSim's experiment 3 with the full collision check: 20-byte packets, 14 dBm, one channel, 8 receivers, 3 V. */
        public static Config loraSim(int nodes, double meanIntervalSeconds, double durationSeconds, long seed) {
            return new Config(nodes, meanIntervalSeconds, durationSeconds, 20, Choice.FASTEST_REACHING, LoraSettings.lorawan(7, 125_000, 1), 1, 14,
                    2.08, 127.41, 40, true, true, 8, LoraEnergy.sx1276(14, 3.0), seed);
        }

        /** The disk's radius: where the best sensitivity is just reached. */
        public double radiusMeters() {
            double best = choice == Choice.FIXED ? Sensitivity.dBm(fixed.spreadingFactor(), fixed.bandwidthHz()) : Sensitivity.best();
            double exponent = (txPowerDbm - best - referenceLossDb) / (10 * pathLossExponent);
            return referenceDistanceMeters * (naturalLog ? Math.exp(exponent) : Math.pow(10, exponent));
        }

        double receivedPowerDbm(double meters) {
            double ratio = Math.max(meters, 1e-3) / referenceDistanceMeters;
            return txPowerDbm - (referenceLossDb + 10 * pathLossExponent * (naturalLog ? Math.log(ratio) : Math.log10(ratio)));
        }
    }

    /**
     * What the gateway got.
     *
     * @param sent packets sent
     * @param received packets received intact
     * @param collided packets lost to a collision
     * @param belowSensitivity packets too weak to be received
     * @param noReceiver packets that found every demodulator busy
     * @param energyJoules transmit energy of all packets sent
     * @param airtimeSeconds time on air of all packets sent
     * @param packetBytes payload per packet
     * @param durationSeconds simulated time
     * @param bySpreadingFactor nodes per SF, index 0 for SF7
     */
    public record Result(long sent, long received, long collided, long belowSensitivity, long noReceiver, double energyJoules, double airtimeSeconds,
            int packetBytes, double durationSeconds, int[] bySpreadingFactor) {

        /** Data extraction rate: received / sent (LoRaSim's "DER method 2"). */
        public double deliveryRate() {
            return sent == 0 ? 0 : (double) received / sent;
        }

        /** Payload bytes received per hour. */
        public double bytesPerHour() {
            return received * (double) packetBytes * 3600 / durationSeconds;
        }

        /** Transmit energy per payload byte received, in joules (infinite if nothing arrived). */
        public double joulesPerDeliveredByte() {
            return energyJoules / (received * (double) packetBytes);
        }
    }

    private record Node(LoraSettings settings, double rssi, int channel, double airtime, SplittableRandom random) {}

    /** A packet in reception at the gateway. */
    private static final class Reception {
        final Node node;
        final double start;
        final double end;
        boolean collided;
        final boolean demodulated;

        Reception(Node node, double start, boolean demodulated) {
            this.node = node;
            this.start = start;
            this.end = start + node.airtime;
            this.demodulated = demodulated;
        }
    }

    private record Event(double time, long order, int node, boolean start) {}

    private LoraNetwork() {}

    /** Runs one simulation. */
    public static Result run(Config config) {
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom placement = root.split();
        double radius = config.radiusMeters();
        List<Node> nodes = new ArrayList<>();
        int[] bySf = new int[6];
        for (int i = 0; i < config.nodes(); i++) {
            double distance = radius * Math.sqrt(placement.nextDouble()); // uniform over the disk's area
            placement.nextDouble(); // the angle: drawn to keep the stream's shape, irrelevant to a single gateway
            int channel = config.channels() == 1 ? 0 : placement.nextInt(config.channels());
            double rssi = config.receivedPowerDbm(distance);
            LoraSettings settings = config.choice() == Choice.FIXED ? config.fixed() : fastestReaching(rssi, config);
            if (settings.spreadingFactor() >= 7) {
                bySf[settings.spreadingFactor() - 7]++;
            }
            nodes.add(new Node(settings, rssi, channel, settings.airtimeSeconds(config.packetBytes()), root.split()));
        }

        PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.time() != b.time() ? Double.compare(a.time(), b.time())
                : Long.compare(a.order(), b.order()));
        long order = 0;
        for (int i = 0; i < nodes.size(); i++) {
            events.add(new Event(wait(nodes.get(i), config), order++, i, true));
        }
        List<Reception> atGateway = new ArrayList<>();
        Reception[] current = new Reception[nodes.size()];
        long sent = 0, received = 0, collided = 0, weak = 0, busy = 0;
        double airtime = 0;
        while (!events.isEmpty()) {
            Event event = events.poll();
            if (event.time() > config.durationSeconds()) {
                break;
            }
            Node node = nodes.get(event.node());
            if (event.start()) {
                sent++;
                airtime += node.airtime();
                if (node.rssi() >= sensitivity(node.settings())) {
                    long demodulating = atGateway.stream().filter(r -> r.demodulated).count();
                    Reception packet = new Reception(node, event.time(), demodulating < config.receivers());
                    for (Reception other : atGateway) {
                        if (other.node.channel() == node.channel() && other.node.settings().spreadingFactor() == node.settings().spreadingFactor()) {
                            collide(packet, other, config.fullCollision());
                        }
                    }
                    atGateway.add(packet);
                    current[event.node()] = packet;
                } else {
                    weak++;
                }
                events.add(new Event(event.time() + node.airtime(), order++, event.node(), false));
            } else {
                Reception packet = current[event.node()];
                if (packet != null) {
                    atGateway.remove(packet);
                    current[event.node()] = null;
                    if (packet.collided) {
                        collided++;
                    } else if (!packet.demodulated) {
                        busy++;
                    } else {
                        received++;
                    }
                }
                events.add(new Event(event.time() + wait(node, config), order++, event.node(), true));
            }
        }
        // Packets still on the air at the end count as sent but were never decided; LoRaSim counts them the same way.
        double energy = config.energy().joules(airtime);
        return new Result(sent, received, collided, weak, busy, energy, airtime, config.packetBytes(), config.durationSeconds(), bySf);
    }

    /** The newcomer {@code p1} against a packet {@code p2} already in reception on its channel and SF. */
    private static void collide(Reception p1, Reception p2, boolean full) {
        if (!full) {
            p1.collided = true;
            p2.collided = true;
            return;
        }
        // The newcomer may lose its first n - 5 of 8 preamble symbols and still lock on.
        double criticalSectionStart = p1.start + p1.node.settings().symbolSeconds() * (8 - 5);
        if (p2.end <= criticalSectionStart) {
            return;
        }
        double difference = p1.node.rssi() - p2.node.rssi();
        if (Math.abs(difference) < 6) {
            p1.collided = true;
            p2.collided = true;
        } else if (difference < 0) {
            p1.collided = true;
        } else {
            p2.collided = true;
        }
    }

    private static double wait(Node node, Config config) {
        return -config.meanIntervalSeconds() * Math.log(1 - node.random().nextDouble());
    }

    private static double sensitivity(LoraSettings settings) {
        return settings.spreadingFactor() < 7 ? Double.NEGATIVE_INFINITY : Sensitivity.dBm(settings.spreadingFactor(), settings.bandwidthHz());
    }

    /** The reachable SF and bandwidth with the shortest time on air, with the configured framing and coding rate. */
    static LoraSettings fastestReaching(double rssi, Config config) {
        LoraSettings best = null;
        double bestAirtime = Double.POSITIVE_INFINITY;
        for (int sf = 7; sf <= 12; sf++) {
            for (double bandwidth : Sensitivity.BANDWIDTHS_HZ) {
                if (Sensitivity.dBm(sf, bandwidth) <= rssi) {
                    LoraSettings candidate = new LoraSettings(sf, bandwidth, config.fixed().codingRate(), config.fixed().preambleSymbols(),
                            config.fixed().explicitHeader(), config.fixed().crc(), config.fixed().lowDataRate());
                    double airtime = candidate.airtimeSeconds(config.packetBytes());
                    if (airtime < bestAirtime) {
                        best = candidate;
                        bestAirtime = airtime;
                    }
                }
            }
        }
        if (best == null) {
            throw new IllegalStateException("a node at " + rssi + " dBm reaches the gateway with no setting");
        }
        return best;
    }
}
