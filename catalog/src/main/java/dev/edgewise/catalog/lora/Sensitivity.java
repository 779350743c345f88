package dev.edgewise.catalog.lora;

/**
 * Gateway receiver sensitivity in dBm by spreading factor and bandwidth, as measured for LoRaSim
 * (Bor et al., MSWiM 2016, Table 3; SX1272 at the gateway): a packet received weaker than this is
 * lost.
 */
public final class Sensitivity {

    /** Rows SF7..SF12; columns 125, 250, 500 kHz. */
    private static final double[][] DBM = {
        {-126.5, -124.25, -120.75},
        {-127.25, -126.75, -124.0},
        {-131.25, -128.25, -127.5},
        {-132.75, -130.25, -128.75},
        {-134.5, -132.75, -128.75},
        {-133.25, -132.25, -132.25},
    };
    static final double[] BANDWIDTHS_HZ = {125_000, 250_000, 500_000};

    private Sensitivity() {}

    /** The sensitivity at SF 7-12 and a bandwidth of 125, 250 or 500 kHz. */
    public static double dBm(int spreadingFactor, double bandwidthHz) {
        if (spreadingFactor < 7 || spreadingFactor > 12) {
            throw new IllegalArgumentException("sensitivities are known for SF7 to SF12, not SF" + spreadingFactor);
        }
        for (int b = 0; b < BANDWIDTHS_HZ.length; b++) {
            if (BANDWIDTHS_HZ[b] == bandwidthHz) {
                return DBM[spreadingFactor - 7][b];
            }
        }
        throw new IllegalArgumentException("sensitivities are known for 125, 250 and 500 kHz, not " + bandwidthHz / 1000 + " kHz");
    }

    /** The best (lowest) sensitivity of the table: what the farthest node can still reach with. */
    public static double best() {
        double best = 0;
        for (double[] row : DBM) {
            for (double v : row) {
                best = Math.min(best, v);
            }
        }
        return best;
    }
}
