package dev.edgewise.catalog.lora;

/**
 * One LoRa transmitter's modulation and framing, and what follows from it: symbol time, bit rate
 * and time on air by Semtech's formula (SX1272/3/6/7/8 datasheets, AN1200.13):
 * <pre>
 *   T_sym      = 2^SF / BW
 *   T_preamble = (n_preamble + 4.25) T_sym
 *   n_payload  = 8 + max(ceil((8 PL - 4 SF + 28 + 16 CRC - 20 IH) / (4 (SF - 2 DE))) (CR + 4), 0)
 *   T_air      = T_preamble + n_payload T_sym
 * </pre>
 * with IH = 1 for an implicit header, CRC = 1 with a payload CRC, and DE = 1 when low-data-rate
 * optimisation is on, which {@link LowDataRate#AUTO} turns on when a symbol lasts more than 16 ms
 * (as the radios mandate for SF11 and SF12 at 125 kHz).
 *
 * @param spreadingFactor SF, 6 to 12
 * @param bandwidthHz 125,000, 250,000 or 500,000 (any positive value is accepted for other bands)
 * @param codingRate CR, 1 to 4 for the code rates 4/5 to 4/8
 * @param preambleSymbols programmed preamble length (8 in LoRaWAN)
 * @param explicitHeader whether the PHY header is sent (LoRaWAN uplinks: yes); SF6 allows only implicit
 * @param crc whether the payload carries a CRC (LoRaWAN uplinks: yes)
 * @param lowDataRate low-data-rate optimisation
 */
public record LoraSettings(int spreadingFactor, double bandwidthHz, int codingRate, int preambleSymbols, boolean explicitHeader, boolean crc,
        LowDataRate lowDataRate) {

    /** Low-data-rate optimisation: forced on or off, or on exactly when a symbol lasts more than 16 ms. */
    public enum LowDataRate { AUTO, ON, OFF }

    public LoraSettings {
        if (spreadingFactor < 6 || spreadingFactor > 12) {
            throw new IllegalArgumentException("spreading factor must be 6 to 12, got " + spreadingFactor);
        }
        if (!(bandwidthHz > 0)) {
            throw new IllegalArgumentException("bandwidth must be positive, got " + bandwidthHz);
        }
        if (codingRate < 1 || codingRate > 4) {
            throw new IllegalArgumentException("coding rate must be 1 to 4 (4/5 to 4/8), got " + codingRate);
        }
        if (preambleSymbols < 6) {
            throw new IllegalArgumentException("a LoRa preamble has at least 6 symbols, got " + preambleSymbols);
        }
        if (spreadingFactor == 6 && explicitHeader) {
            throw new IllegalArgumentException("SF6 works only with an implicit header");
        }
    }

    /** LoRaWAN's uplink framing at these SF, bandwidth and coding rate: 8 preamble symbols, explicit header, CRC, automatic DE. */
    public static LoraSettings lorawan(int spreadingFactor, double bandwidthHz, int codingRate) {
        return new LoraSettings(spreadingFactor, bandwidthHz, codingRate, 8, true, true, LowDataRate.AUTO);
    }

    /** Seconds per symbol, 2^SF / BW. */
    public double symbolSeconds() {
        return Math.pow(2, spreadingFactor) / bandwidthHz;
    }

    /** Whether low-data-rate optimisation is on for these settings. */
    public boolean lowDataRateOptimised() {
        return switch (lowDataRate) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> symbolSeconds() > 0.016;
        };
    }

    /** Symbols after the preamble for a PHY payload of {@code bytes} bytes. */
    public int payloadSymbols(int bytes) {
        int de = lowDataRateOptimised() ? 1 : 0;
        int ih = explicitHeader ? 0 : 1;
        double bits = 8.0 * bytes - 4.0 * spreadingFactor + 28 + 16 * (crc ? 1 : 0) - 20 * ih;
        int blocks = (int) Math.ceil(bits / (4.0 * (spreadingFactor - 2 * de)));
        return 8 + Math.max(blocks * (codingRate + 4), 0);
    }

    /** Time on air of one packet with a PHY payload of {@code bytes} bytes, in seconds. */
    public double airtimeSeconds(int bytes) {
        return (preambleSymbols + 4.25) * symbolSeconds() + payloadSymbols(bytes) * symbolSeconds();
    }

    /** The raw bit rate, SF x BW / 2^SF x 4 / (4 + CR), in bits per second. */
    public double bitrate() {
        return spreadingFactor * bandwidthHz / Math.pow(2, spreadingFactor) * 4.0 / (4 + codingRate);
    }
}
