package dev.edgewise.catalog.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoraNetworkTest {

    /**
     * Pure ALOHA: one SF, one channel, any overlap loses both, no demodulator limit. With offered
     * load G (packets per packet time) the throughput is S = G e^(-2G).
     */
    @Test
    void oneSettingAndSimpleCollisionsIsPureAloha() {
        LoraSettings sf7 = LoraSettings.lorawan(7, 125_000, 1);
        double packetTime = sf7.airtimeSeconds(20);
        int nodes = 1000;
        for (double g : new double[] {0.1, 0.25, 0.5, 1.0}) {
            double interval = nodes * packetTime / g - packetTime; // per node: one packet per (wait + packet time)
            LoraNetwork.Result result = LoraNetwork.run(new LoraNetwork.Config(nodes, interval, 300_000 * packetTime, 20, LoraNetwork.Choice.FIXED,
                    sf7, 1, 14, 2.08, 127.41, 40, true, false, Integer.MAX_VALUE, LoraEnergy.sx1276(14, 3.0), 7));
            double offered = result.sent() * packetTime / result.durationSeconds();
            double throughput = result.received() * packetTime / result.durationSeconds();
            double aloha = offered * Math.exp(-2 * offered);
            assertEquals(aloha, throughput, 0.03 * aloha, "G = " + offered);
            assertEquals(g, offered, 0.03 * g);
        }
    }

    @Test
    void theSameSeedGivesTheSameNetworkAndAnotherSeedAnother() {
        LoraNetwork.Result a = LoraNetwork.run(LoraNetwork.Config.loraSim(200, 60, 3600, 1));
        LoraNetwork.Result b = LoraNetwork.run(LoraNetwork.Config.loraSim(200, 60, 3600, 1));
        LoraNetwork.Result c = LoraNetwork.run(LoraNetwork.Config.loraSim(200, 60, 3600, 2));
        assertEquals(a.sent(), b.sent());
        assertEquals(a.received(), b.received());
        assertEquals(a.energyJoules(), b.energyJoules());
        assertArrayEquals(a.bySpreadingFactor(), b.bySpreadingFactor());
        assertTrue(a.sent() != c.sent() || a.received() != c.received());
    }

    /** LoRaSim's experiment 3: settings by distance, so far nodes use slow SFs; delivery falls as traffic grows. */
    @Test
    void moreTrafficDeliversLessOfIt() {
        LoraNetwork.Result light = LoraNetwork.run(LoraNetwork.Config.loraSim(100, 600, 3600, 3));
        LoraNetwork.Result heavy = LoraNetwork.run(LoraNetwork.Config.loraSim(1000, 20, 3600, 3));
        assertTrue(light.deliveryRate() > 0.95, "light load: " + light.deliveryRate());
        assertTrue(heavy.deliveryRate() < light.deliveryRate() - 0.1, "heavy load: " + heavy.deliveryRate());
        assertTrue(heavy.bytesPerHour() > light.bytesPerHour());
        int[] sfs = heavy.bySpreadingFactor();
        assertTrue(sfs[0] > 0 && sfs[0] + sfs[1] + sfs[2] + sfs[3] + sfs[4] + sfs[5] == 1000);
        // Every packet is accounted for: received, collided, too weak, or without a free demodulator; at most one per node is
        // still on the air when the hour ends.
        long undecided = heavy.sent() - heavy.received() - heavy.collided() - heavy.belowSensitivity() - heavy.noReceiver();
        assertTrue(undecided >= 0 && undecided <= 1000, undecided + " undecided");
        assertEquals(0, heavy.belowSensitivity(), "every node picked a setting that reaches the gateway");
    }
}
