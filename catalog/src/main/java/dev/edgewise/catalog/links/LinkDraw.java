package dev.edgewise.catalog.links;

import java.util.Arrays;

/**
 * One draw of a {@link LinkModel} for {@code samples} samples of a {@link LinkShape}: which
 * senders are silent, and which packets arrive. Flat, row-major arrays, no per-element objects:
 *
 * <ul>
 *   <li>{@code alive[b * senders + j]}: 0 when sender {@code j} is silent for the whole of sample
 *       {@code b} (node failure), 1 otherwise;
 *   <li>{@code arrived[((((b * rounds + r) * receivers + i) * senders + j) * packets + k]}: 1 when
 *       packet {@code k} of the message from {@code j} to {@code i} in round {@code r} of sample
 *       {@code b} reached {@code i}, 0 when it was lost. Independent of {@code alive}: a silent
 *       sender's packets may read 1 here; the masks and counts combine the two.
 * </ul>
 *
 * <p>Packing is pinned: values go into packets in order, {@link #valuesPerPacket()} per packet,
 * and a value never straddles two packets, so value {@code v} travels in packet {@link
 * #packetOf(int) v / valuesPerPacket} and the last packet may carry fewer values. A model with one
 * packet per message has {@code valuesPerPacket = values}.
 *
 * <p>The arrays are owned by the draw and not copied: do not modify them. Counts cover every
 * (receiver, sender) pair of the shape, neighbour or not; a caller with a graph sums the
 * per-message counts over its edges instead.
 */
public final class LinkDraw {

    private final int samples;
    private final LinkShape shape;
    private final int valuesPerPacket;
    private final int packets;
    private final float[] alive;
    private final float[] arrived;

    /**
     * @param valuesPerPacket values one packet can carry (may exceed {@code values}: then one packet);
     *     {@code packets = ceil(values / valuesPerPacket)}
     * @param alive {@code samples * senders} entries, each 0 or 1
     * @param arrived {@code samples * rounds * receivers * senders * packets} entries, each 0 or 1
     */
    public LinkDraw(int samples, LinkShape shape, int valuesPerPacket, float[] alive, float[] arrived) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1, got " + samples);
        }
        if (valuesPerPacket < 1) {
            throw new IllegalArgumentException("valuesPerPacket must be at least 1, got " + valuesPerPacket);
        }
        this.samples = samples;
        this.shape = shape;
        this.valuesPerPacket = valuesPerPacket;
        this.packets = (shape.values() + valuesPerPacket - 1) / valuesPerPacket;
        this.alive = checked("alive", alive, size(samples, shape.senders()));
        this.arrived = checked("arrived", arrived, size(samples, shape.messages(), packets));
    }

    /** A draw with one packet per message: all its values share the message's fate. */
    public static LinkDraw ofMessages(int samples, LinkShape shape, float[] alive, float[] arrived) {
        return new LinkDraw(samples, shape, shape.values(), alive, arrived);
    }

    public int samples() {
        return samples;
    }

    public LinkShape shape() {
        return shape;
    }

    /** Packets per message. */
    public int packets() {
        return packets;
    }

    /** Values one packet can carry; the last (or only) packet of a message may carry fewer. */
    public int valuesPerPacket() {
        return valuesPerPacket;
    }

    /** {@code alive[b * senders + j]}, the array itself (do not modify). */
    public float[] alive() {
        return alive;
    }

    /** {@code arrived[(((b * rounds + r) * receivers + i) * senders + j) * packets + k]}, the array itself (do not modify). */
    public float[] arrived() {
        return arrived;
    }

    /** Whether {@code sender} transmits in {@code sample} (did not fail). */
    public boolean alive(int sample, int sender) {
        return alive[sample * shape.senders() + sender] == 1f;
    }

    /** Whether packet {@code packet} of the message from {@code sender} to {@code receiver} arrived, ignoring node failure. */
    public boolean arrived(int sample, int round, int receiver, int sender, int packet) {
        return arrived[message(sample, round, receiver, sender) * packets + packet] == 1f;
    }

    /** The packet value {@code value} travels in: {@code value / valuesPerPacket}. */
    public int packetOf(int value) {
        return value / valuesPerPacket;
    }

    /** Values packet {@code packet} carries: {@code valuesPerPacket}, or fewer for the last. */
    public int valuesIn(int packet) {
        return Math.min(valuesPerPacket, shape.values() - packet * valuesPerPacket);
    }

    /**
     * 1 where the whole message arrived: the sender is alive and every packet of the message
     * arrived; {@code [samples, rounds, receivers, senders]} row-major.
     */
    public float[] messageMask() {
        int senders = shape.senders();
        float[] mask = new float[samples * shape.messages()];
        for (int m = 0; m < mask.length; m++) {
            int sample = m / shape.messages();
            if (alive[sample * senders + m % senders] == 0f) {
                continue;
            }
            boolean all = true;
            for (int k = 0, at = m * packets; k < packets && all; k++, at++) {
                all = arrived[at] == 1f;
            }
            mask[m] = all ? 1f : 0f;
        }
        return mask;
    }

    /**
     * 1 where a value arrived: the sender is alive and the packet carrying the value arrived;
     * {@code [samples, rounds, receivers, senders, values]} row-major. Split inference reads zeros
     * for the values of a lost packet.
     */
    public float[] valueMask() {
        int senders = shape.senders();
        int values = shape.values();
        float[] mask = new float[size(samples, shape.messages(), values)];
        for (int m = 0; m < samples * shape.messages(); m++) {
            int sample = m / shape.messages();
            if (alive[sample * senders + m % senders] == 0f) {
                continue;
            }
            for (int k = 0; k < packets; k++) {
                if (arrived[m * packets + k] == 1f) {
                    int from = m * values + k * valuesPerPacket;
                    Arrays.fill(mask, from, from + valuesIn(k), 1f);
                }
            }
        }
        return mask;
    }

    /** Packets of one message that were sent and lost; 0 when the sender is silent (it sent nothing). */
    public int packetsLost(int sample, int round, int receiver, int sender) {
        return alive(sample, sender) ? packets - arrivedPackets(message(sample, round, receiver, sender)) : 0;
    }

    /** Packets of one message that were sent and arrived; 0 when the sender is silent. */
    public int packetsDelivered(int sample, int round, int receiver, int sender) {
        return alive(sample, sender) ? arrivedPackets(message(sample, round, receiver, sender)) : 0;
    }

    /** Values of one message that arrived (the values of its delivered packets); 0 when the sender is silent. */
    public int valuesDelivered(int sample, int round, int receiver, int sender) {
        if (!alive(sample, sender)) {
            return 0;
        }
        int first = message(sample, round, receiver, sender) * packets;
        int count = 0;
        for (int k = 0; k < packets; k++) {
            count += arrived[first + k] == 1f ? valuesIn(k) : 0;
        }
        return count;
    }

    /** Packets sent in the whole draw: every packet of every message of an alive sender. */
    public long packetsSent() {
        long alivePairs = 0;
        for (float a : alive) {
            alivePairs += a == 1f ? 1 : 0;
        }
        return alivePairs * shape.rounds() * shape.receivers() * packets;
    }

    /** Packets of alive senders that arrived, in the whole draw. */
    public long packetsDelivered() {
        long count = 0;
        for (int m = 0; m < samples * shape.messages(); m++) {
            if (alive[m / shape.messages() * shape.senders() + m % shape.senders()] == 1f) {
                count += arrivedPackets(m);
            }
        }
        return count;
    }

    /** Packets of alive senders that were lost, in the whole draw: {@code packetsSent() - packetsDelivered()}. */
    public long packetsLost() {
        return packetsSent() - packetsDelivered();
    }

    private int message(int sample, int round, int receiver, int sender) {
        return ((sample * shape.rounds() + round) * shape.receivers() + receiver) * shape.senders() + sender;
    }

    private int arrivedPackets(int message) {
        int count = 0;
        for (int k = 0, at = message * packets; k < packets; k++, at++) {
            count += arrived[at] == 1f ? 1 : 0;
        }
        return count;
    }

    /** The product of {@code factors}, or an error naming the overflow instead of a negative array size. */
    static int size(int... factors) {
        long product = 1;
        for (int f : factors) {
            if (f < 0) {
                throw new IllegalArgumentException("a link draw's sizes cannot be negative, got " + Arrays.toString(factors));
            }
            product *= f;
            if (product > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("a link draw of " + Arrays.toString(factors)
                        + " entries is too large for one array; draw fewer samples at a time");
            }
        }
        return (int) product;
    }

    private static float[] checked(String name, float[] array, int length) {
        if (array.length != length) {
            throw new IllegalArgumentException(name + " must have " + length + " entries, got " + array.length);
        }
        return array;
    }
}
