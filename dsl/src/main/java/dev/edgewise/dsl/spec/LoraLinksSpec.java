package dev.edgewise.dsl.spec;

@Doc("A LoRa radio link: a message goes out as packets of 'payload' bytes (plus 'overhead' framing bytes on the air), each"
        + " lost on its own with probability 'failure'. Every packet's time on air follows Semtech's formula (SX127x datasheets,"
        + " AN1200.13) for the spreading factor, bandwidth, coding rate, preamble, header and CRC; its transmit energy is that"
        + " time times the supply current at tx_power and the voltage. Runs log airtime, energy and the time the duty cycle"
        + " makes a sender wait, per sample. Defaults are LoRaWAN's EU868 uplink framing.")
@Variant("lora")
public record LoraLinksSpec(
        @Doc("Spreading factor: 7 (fastest, shortest range) to 12 (slowest, longest range); 6 only with an implicit header.")
        @Range(min = 6, max = 12)
        int spreadingFactor,
        @Doc("Bandwidth in kHz: 125, 250 or 500 (EU868 uses 125, and 250 at SF7).") @Default("125") @Range(min = 125, max = 500)
        int bandwidth,
        @Doc("Coding rate 4/c, given as c: 5 (4/5, LoRaWAN's) to 8 (4/8).") @Default("5") @Range(min = 5, max = 8)
        int codingRate,
        @Doc("Bytes of message one packet carries (LoRaWAN's application payload). Unset: EU868's largest without a repeater at"
                + " this spreading factor: 51 at SF10-12, 115 at SF9, 242 at SF7-8.")
        @Default("~") @Range(min = 1, max = 255)
        Integer payload,
        @Doc("Framing bytes each packet adds on the air (LoRaWAN: MHDR 1 + FHDR 7 + FPort 1 + MIC 4 = 13).")
        @Default("13") @Range(min = 0, max = 254)
        int overhead,
        @Doc("Whether the last packet of a message is padded to a full payload (the Starfish paper's Table 1 counts every packet"
                + " full); false: it carries only the bytes left.")
        @Default("false")
        boolean pad,
        @Doc("Programmed preamble length in symbols (LoRaWAN: 8).") @Default("8") @Range(min = 6, max = 65_535)
        int preamble,
        @Doc("Whether the PHY header is sent (LoRaWAN uplinks: yes).") @Default("true")
        boolean explicitHeader,
        @Doc("Whether the payload carries a CRC (LoRaWAN uplinks: yes).") @Default("true")
        boolean crc,
        @Doc("Low-data-rate optimisation: auto (on exactly when a symbol lasts more than 16 ms, as at SF11-12/125 kHz), on or off.")
        @Default("auto")
        LowDataRate lowDataRate,
        @Doc("Transmit power in dBm (EU868 allows 14).") @Default("14") @Range(min = -2, max = 20)
        int txPower,
        @Doc("Supply current while transmitting, in mA. Unset: the SX1276's at tx_power (44 mA at 14 dBm, LoRaSim's table).")
        @Default("~") @Range(min = 0.001, max = 1000)
        Double txCurrent,
        @Doc("Supply voltage in volts.") @Default("3.3") @Range(min = 0.1, max = 48)
        double volts,
        @Doc("Fraction of time a sender may be on air (EU868 sub-band g1: 0.01): after a packet of airtime t it waits"
                + " t (1 / duty_cycle - 1).")
        @Default("0.01") @Range(min = 0.0001, max = 1)
        double dutyCycle,
        @Doc("Probability that one packet is lost (independently per packet, link, round and sample).")
        @Default("0.0") @Range(min = 0, max = 1)
        double failure,
        @Doc("The network the link shares: its simulated loss rate replaces 'failure'. Unset: 'failure' alone.")
        @Default("~")
        LoraLoadSpec network,
        @Doc("Probability that a node is silent for a whole sample: it still listens and answers, but transmits nothing.")
        @Default("0.0") @Range(min = 0, max = 1)
        double nodeFailure,
        @Doc("Whether failures also happen during training (true), or only at test.")
        @Default("true")
        boolean inTraining) implements RadioLinksSpec {

    public LoraLinksSpec {
        if (bandwidth != 125 && bandwidth != 250 && bandwidth != 500) {
            throw new FieldException("bandwidth", "LoRa bandwidth must be 125, 250 or 500 kHz, got " + bandwidth, "e.g. bandwidth: 125");
        }
        if (spreadingFactor == 6 && explicitHeader) {
            throw new FieldException("explicit_header", "SF6 works only with an implicit header", "set explicit_header: false, or spreading_factor: 7");
        }
        if (network != null && failure > 0) {
            throw new FieldException("network", "a LoRa link's loss comes from 'failure' or from the simulated 'network', not both",
                    "remove failure (the network gives the loss rate), or remove network");
        }
        if (payload != null && payload + overhead > 255) {
            throw new FieldException("payload", "a LoRa packet holds at most 255 bytes, but payload " + payload + " + overhead " + overhead
                    + " = " + (payload + overhead), "at most payload: " + (255 - overhead));
        }
    }

    /** Message bytes per packet: {@code payload}, or EU868's largest at this spreading factor. */
    @Override
    public int payloadBytes() {
        if (payload != null) {
            return payload;
        }
        return spreadingFactor >= 10 ? 51 : spreadingFactor == 9 ? 115 : 242;
    }

    @Override
    public boolean reliable() {
        return failure == 0 && network == null && nodeFailure == 0;
    }

    /** Low-data-rate optimisation: automatic, forced on or off. */
    public enum LowDataRate implements SpecEnum {
        AUTO,
        ON,
        OFF
    }
}
