package dev.edgewise.catalog.lora;

/**
 * Energy of transmissions: time on air times the radio's supply current at a transmit power,
 * times the supply voltage. A model, not a measurement: it leaves out the MCU, the receive
 * windows and sleep.
 *
 * @param txCurrentAmperes the supply current while transmitting
 * @param volts the supply voltage
 */
public record LoraEnergy(double txCurrentAmperes, double volts) {

    /**
     * The SX1276's transmit current by output power, -2 to +20 dBm, in mA, as LoRaSim tabulates it
     * (RFO/PA0 to 1 dBm, PA_BOOST above; 44 mA at 14 dBm, the EU868 limit).
     */
    private static final double[] SX1276_TX_MILLIAMPERES = {22, 22, 22, 23, 24, 24, 24, 25, 25, 25, 25, 26, 31, 32, 34, 35, 44, 82, 85, 90, 105,
            115, 125};

    public LoraEnergy {
        if (!(txCurrentAmperes > 0) || !(volts > 0)) {
            throw new IllegalArgumentException("current and voltage must be positive");
        }
    }

    /** An SX1276 at {@code dBm} output power (-2 to 20) from {@code volts}. */
    public static LoraEnergy sx1276(int dBm, double volts) {
        if (dBm < -2 || dBm > 20) {
            throw new IllegalArgumentException("the SX1276 transmits at -2 to +20 dBm, got " + dBm);
        }
        return new LoraEnergy(SX1276_TX_MILLIAMPERES[dBm + 2] / 1000.0, volts);
    }

    /** Charge drawn over {@code seconds} on air, in microampere-hours (the unit of the Starfish paper's Table 1). */
    public double microampereHours(double seconds) {
        return txCurrentAmperes * seconds / 3600 * 1e6;
    }

    /** Energy over {@code seconds} on air, in joules. */
    public double joules(double seconds) {
        return txCurrentAmperes * volts * seconds;
    }
}
