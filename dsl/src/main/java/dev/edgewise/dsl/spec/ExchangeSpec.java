package dev.edgewise.dsl.spec;

/** What crosses the links, and how often: the message-passing scheme a model family uses. */
@Doc("What crosses the links. kind peer: gated latent messages between neighbours over R rounds (the C-RNN);"
        + " kind upward: one pass from the sensor nodes to a base station (split inference).")
@Variants({PeerExchangeSpec.class, UpwardExchangeSpec.class})
public interface ExchangeSpec extends VariantSpec {

    /** v: values in one message. */
    int messageSize();

    /** Bits of one unquantized value on the air. */
    int bits();

    /** Rounds of messages per sample (1 for a single pass). */
    default int rounds() {
        return 1;
    }

    /** q, or null when values are sent unquantized. */
    default Integer quantizedBits() {
        return null;
    }

    /** Bits one value takes on the air: q when quantized, else {@link #bits()}. */
    default int bitsPerValue() {
        return quantizedBits() != null ? quantizedBits() : bits();
    }
}
