package dev.edgewise.catalog.links;

/**
 * What a link's transmissions cost on a physical radio: time on air and energy per packet, and the
 * duty cycle a sender must keep. A message of {@code m} bytes goes out as {@code ceil(m / payload)}
 * packets, every one full but the last (unless {@link #padded()}), which carries the rest.
 *
 * <p>Costs are by bytes: a message's bits are rounded up to whole bytes once, so a value never
 * costs a fraction of a byte of airtime but a packed message is not charged for the value-aligned
 * packing of {@link LinkShape} (the two agree for 8-, 16- and 32-bit values).
 *
 * <p>Status: public SPI, experimental.
 */
public interface Radio {

    /** Bytes of message one packet carries. */
    int payload();

    /** Whether the last packet of a message is padded to a full payload. */
    boolean padded();

    /** Seconds on air of one packet carrying {@code bytes} (1 to {@link #payload()}) bytes of message. */
    double packetSeconds(int bytes);

    /** Power drawn while transmitting, in watts. */
    double watts();

    /** Fraction of time a sender may be on air (1: no limit). */
    double dutyCycle();

    /** Packets a message of {@code bits} bits takes (0 for an empty message). */
    default long packets(long bits) {
        long bytes = (bits + 7) / 8;
        return (bytes + payload() - 1) / payload();
    }

    /** Seconds on air of a message of {@code bits} bits, over all its packets. */
    default double messageSeconds(long bits) {
        long bytes = (bits + 7) / 8;
        long full = bytes / payload();
        int rest = (int) (bytes - full * payload());
        double seconds = full * packetSeconds(payload());
        if (rest > 0) {
            seconds += packetSeconds(padded() ? payload() : rest);
        }
        return seconds;
    }
}
