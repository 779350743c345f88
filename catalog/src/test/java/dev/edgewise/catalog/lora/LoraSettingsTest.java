package dev.edgewise.catalog.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoraSettingsTest {

    /** Semtech's LoRa calculator: explicit header, CRC, 8 preamble symbols, CR 4/5, 125 kHz. */
    @Test
    void semtechCalculatorExamples() {
        assertEquals(164.864, LoraSettings.lorawan(9, 125_000, 1).airtimeSeconds(13) * 1000, 1e-9);
        assertEquals(41.216, LoraSettings.lorawan(7, 125_000, 1).airtimeSeconds(10) * 1000, 1e-9);
        LoraSettings sf11 = LoraSettings.lorawan(11, 125_000, 1);
        assertTrue(sf11.lowDataRateOptimised(), "a 16.4 ms symbol turns low-data-rate optimisation on");
        assertEquals(577.536, sf11.airtimeSeconds(10) * 1000, 1e-9);
        assertFalse(LoraSettings.lorawan(10, 125_000, 1).lowDataRateOptimised());
    }

    /**
     * Starfish Table 1: a 2.5 kB image sent as full packets (PHY payload 255, 128 or 64 bytes, of
     * which 242, 115 or 51 are image: 11, 22 or 50 packets). The paper's footnote says implicit
     * header; its airtimes come out exactly with an explicit one.
     */
    @Test
    void starfishTableOneAirtimes() {
        assertImageAirtime(4.40, 7, 125_000, 1, 255, 11);   // good, baseline
        assertImageAirtime(2.20, 7, 250_000, 1, 255, 11);   // good, lossy
        assertImageAirtime(14.89, 9, 125_000, 1, 128, 22);  // average, baseline
        assertImageAirtime(7.78, 8, 125_000, 1, 255, 11);   // average, lossy
        assertImageAirtime(160.97, 12, 125_000, 2, 64, 50); // bad, baseline (CR 4/6)
        assertImageAirtime(90.32, 11, 125_000, 2, 64, 50);  // bad, lossy
    }

    @Test
    void starfishTableOneBitrates() {
        assertEquals(5_469, Math.round(LoraSettings.lorawan(7, 125_000, 1).bitrate()));
        assertEquals(10_938, Math.round(LoraSettings.lorawan(7, 250_000, 1).bitrate()));
        assertEquals(1_758, Math.round(LoraSettings.lorawan(9, 125_000, 1).bitrate()));
        assertEquals(3_125, Math.round(LoraSettings.lorawan(8, 125_000, 1).bitrate()));
        assertEquals(244.14, LoraSettings.lorawan(12, 125_000, 2).bitrate(), 0.01); // the paper prints 245
        assertEquals(448, Math.round(LoraSettings.lorawan(11, 125_000, 2).bitrate()));
    }

    @Test
    void impossibleSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LoraSettings.lorawan(13, 125_000, 1));
        assertThrows(IllegalArgumentException.class, () -> LoraSettings.lorawan(6, 125_000, 1)); // SF6 needs an implicit header
        assertThrows(IllegalArgumentException.class, () -> LoraSettings.lorawan(7, 125_000, 5));
    }

    private static void assertImageAirtime(double seconds, int sf, double bandwidth, int codingRate, int packetBytes, int packets) {
        double airtime = packets * LoraSettings.lorawan(sf, bandwidth, codingRate).airtimeSeconds(packetBytes);
        assertEquals(seconds, Math.round(airtime * 100) / 100.0, 1e-9, "SF" + sf + "/" + bandwidth);
    }
}
