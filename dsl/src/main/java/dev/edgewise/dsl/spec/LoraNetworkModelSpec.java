package dev.edgewise.dsl.spec;

import java.util.List;

@Doc("A LoRa network with no learned model: every one of topology.nodes nodes sends messages of 'message_bytes' (an image,"
        + " say) to one gateway through links of kind lora, which give the radio settings. Alone, a run measures one link:"
        + " packets, time on air, energy and the duty cycle's wait per message. With 'interval' it also simulates the whole"
        + " network in the model of LoRaSim (Bor et al., MSWiM 2016): nodes uniform in a disk around the gateway, Poisson sends,"
        + " log-distance path loss, collisions with capture, at most 'receivers' demodulations at once; and reports delivery,"
        + " throughput, energy per delivered byte, and messages delivered per hour when a message needs a 'needed' fraction"
        + " of its packets. Trains nothing and reads no data (data.source: none). Exchange kind upward.")
@Variant("lora-network")
public record LoraNetworkModelSpec(
        @Doc("Bytes of one message (e.g. a 2,500-byte image), sent as packets of links.payload bytes.")
        @Default("2500") @Range(min = 1, max = 100_000_000)
        int messageBytes,
        @Doc("Fraction of a message's packets that must arrive for it to count as delivered: 1 for JPEG (a lost packet"
                + " loses the rest), less for a loss-tolerant codec.")
        @Default("1.0") @Range(min = 0.01, max = 1)
        double needed,
        @Doc("Mean seconds between one node's packets in the network simulation (exponential waits). Unset: no simulation,"
                + " the link alone.")
        @Default("~") @Range(min = 0.001, max = 1e9)
        Double interval,
        @Doc("Delivery rates in per cent (e.g. [95, 80]) at which to find the network's capacity: for each, the send interval"
                + " at which the delivery rate falls to it (bisection on a log scale from 2 s to 100,000 s, the same seed at every"
                + " step), and the throughput and energy per delivered byte there. Unset: none.")
        @Default("[]")
        List<Integer> deliveryFloors,
        @Doc("Simulated hours.") @Default("1.0") @Range(min = 0.001, max = 10_000)
        double hours,
        @Doc("How nodes pick their modulation in the simulation. fastest: per node the spreading factor and bandwidth with the"
                + " shortest time on air whose sensitivity its received power beats (LoRaSim's experiment 3); fixed: every node"
                + " uses links' settings.")
        @Default("fastest")
        Settings settings,
        @Doc("Bytes of every simulated packet on the air. Unset: links.payload + links.overhead. LoRaSim sends 20.")
        @Default("~") @Range(min = 1, max = 255)
        Integer packetBytes,
        @Doc("Channels nodes pick from at random (LoRaSim: 1).") @Default("1") @Range(min = 1, max = 64)
        int channels,
        @Doc("Packets the gateway demodulates at once (an SX1301: 8).") @Default("8") @Range(min = 1, max = 1024)
        int receivers,
        @Doc("LoRaSim's full collision check (timing and 6 dB capture); false: any overlap on one channel and SF loses both.")
        @Default("true")
        boolean fullCollision) implements ModelSpec {

    public LoraNetworkModelSpec {
        deliveryFloors = List.copyOf(deliveryFloors);
        for (int floor : deliveryFloors) {
            if (floor < 1 || floor > 99) {
                throw new FieldException("delivery_floors", "a delivery floor is a per cent from 1 to 99, got " + floor, "e.g. delivery_floors: [95, 80]");
            }
        }
    }

    /** Whether runs simulate the network (at one load, or searching the loads of the floors). */
    public boolean simulates() {
        return interval != null || !deliveryFloors.isEmpty();
    }

    /** How nodes pick their modulation. */
    public enum Settings implements SpecEnum {
        FASTEST,
        FIXED
    }
}
