package dev.edgewise.catalog.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoraEnergyTest {

    /**
     * Starfish Table 1's energies divided by its airtimes imply a transmit current of 44.6 to
     * 45.5 mA; the SX1276 draws 44 mA at 14 dBm, so this model gives 1.3 to 3.4 % less charge
     * (the residue: the paper's figures likely include the MCU or a slightly higher power).
     */
    @Test
    void tableOneChargeWithinThePapersImpliedCurrent() {
        double[][] rows = {{4.40, 55.61}, {2.20, 27.76}, {14.89, 188.25}, {7.78, 97.16}, {160.97, 1996.10}, {90.32, 1127.20}};
        LoraEnergy sx1276 = LoraEnergy.sx1276(14, 3.3);
        for (double[] row : rows) {
            double impliedMilliamperes = row[1] / 1e6 * 3600 / row[0] * 1000;
            assertTrue(impliedMilliamperes > 44.5 && impliedMilliamperes < 45.6, impliedMilliamperes + " mA");
            double ours = sx1276.microampereHours(row[0]);
            assertTrue(ours < row[1] && ours > row[1] * 0.96, ours + " uAh against the paper's " + row[1]);
        }
        assertEquals(53.78, sx1276.microampereHours(4.40), 0.01);
    }

    @Test
    void joulesAreCurrentTimesVoltageTimesTime() {
        assertEquals(0.044 * 3.0 * 2.0, LoraEnergy.sx1276(14, 3.0).joules(2.0), 1e-12);
    }
}
