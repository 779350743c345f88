package dev.edgewise.catalog.links;

/**
 * Who transmits to whom in one sample: in each of {@code rounds} rounds, every sender {@code j}
 * sends one message of {@code values} values, {@code bitsPerValue} bits each, to every receiver
 * {@code i}. Peer exchange is {@code receivers = senders = N}: every ordered pair, neighbour or not
 * (and {@code i == j}), so a draw's position in the random stream never depends on the graph; the
 * caller applies adjacency. An upward pass to a base station is {@code receivers = 1}.
 *
 * <p>Packing, for models that split a message into packets of a payload of {@code B} bytes: values
 * go into packets in order, {@link #valuesPerPacket(int) floor(8 B / bitsPerValue)} values per
 * packet (at least one), and a value never straddles two packets, so the last packet may carry fewer
 * values and a value wider than a payload still takes one packet of its own.
 *
 * @param senders nodes that transmit, at least 1
 * @param receivers nodes that listen, at least 1
 * @param rounds transmissions per (receiver, sender) pair and sample, at least 1
 * @param values values in one message, at least 1
 * @param bitsPerValue bits one value takes on the air, at least 1
 */
public record LinkShape(int senders, int receivers, int rounds, int values, int bitsPerValue) {

    public LinkShape {
        positive("senders", senders);
        positive("receivers", receivers);
        positive("rounds", rounds);
        positive("values", values);
        positive("bitsPerValue", bitsPerValue);
    }

    /** Every ordered pair of {@code nodes} nodes, in each of {@code rounds} rounds. */
    public static LinkShape peers(int nodes, int rounds, int values, int bitsPerValue) {
        return new LinkShape(nodes, nodes, rounds, values, bitsPerValue);
    }

    /** Every node to one base station, once. */
    public static LinkShape upward(int nodes, int values, int bitsPerValue) {
        return new LinkShape(nodes, 1, 1, values, bitsPerValue);
    }

    /** Messages in one sample: {@code rounds * receivers * senders}. */
    public int messages() {
        return Math.multiplyExact(Math.multiplyExact(rounds, receivers), senders);
    }

    /** Bits of one message: {@code values * bitsPerValue}. */
    public long bitsPerMessage() {
        return (long) values * bitsPerValue;
    }

    /** Values one packet of {@code payload} bytes carries: {@code max(1, floor(8 payload / bitsPerValue))}. */
    public int valuesPerPacket(int payload) {
        positive("payload", payload);
        return (int) Math.max(1, 8L * payload / bitsPerValue);
    }

    /** Packets one message takes with a payload of {@code payload} bytes: {@code ceil(values / valuesPerPacket)}. */
    public int packets(int payload) {
        int perPacket = valuesPerPacket(payload);
        return (values + perPacket - 1) / perPacket;
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
