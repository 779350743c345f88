package dev.edgewise.dsl.spec;

@Doc("Packetised loss: a message of B bytes goes out as ceil(B / payload) packets, each lost on its own with probability"
        + " 'failure'. What a lost packet costs depends on the family: split inference reads zeros for the values it carried;"
        + " the C-RNN loses the whole message (its gate treats a message as one unit).")
@Variant("packets")
public record PacketLinksSpec(
        @Doc("Bytes of message a packet carries (e.g. 51 for LoRa at SF12/125 kHz in EU868).") @Range(min = 1, max = 65_535)
        int payload,
        @Doc("Probability that one packet is lost (independently per packet, link, round and sample).")
        @Default("0.0") @Range(min = 0, max = 1)
        double failure,
        @Doc("Probability that a node is silent for a whole sample: it still listens and answers, but transmits nothing.")
        @Default("0.0") @Range(min = 0, max = 1)
        double nodeFailure,
        @Doc("Whether failures also happen during training (true), or only at test.")
        @Default("true")
        boolean inTraining) implements PacketisedLinksSpec {

    @Override
    public int payloadBytes() {
        return payload;
    }

    @Override
    public boolean reliable() {
        return failure == 0 && nodeFailure == 0;
    }
}
