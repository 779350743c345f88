package dev.edgewise.dsl.spec;

/**
 * Links that carry a message as packets of a fixed payload, each lost on its own: what a family
 * that cuts its message into packets (the codec, JPEG) needs of {@code links:}, whatever the kind.
 */
public interface PacketisedLinksSpec extends LinksSpec {

    /** Bytes of message one packet carries (the kind's {@code payload}, or its default). */
    int payloadBytes();

    /** Probability that one packet is lost, as the spec writes it (0 when the kind derives the loss otherwise). */
    double failure();
}
