package dev.edgewise.catalog.links;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.catalog.lora.LoraSettings;
import dev.edgewise.dsl.spec.LoraLinksSpec;
import dev.edgewise.dsl.spec.LoraLoadSpec;
import dev.edgewise.dsl.spec.PacketLinksSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LoraLinksTest {

    /** LoRaWAN EU868 framing at {@code sf}/125 kHz, CR 4/5, the given payload, padding and loss. */
    static LoraLinksSpec lora(int sf, Integer payload, boolean pad, double failure, LoraLoadSpec network) {
        return new LoraLinksSpec(sf, 125, 5, payload, 13, pad, 8, true, true, LoraLinksSpec.LowDataRate.AUTO, 14, null, 3.3, 0.01, failure,
                network, 0.0, true);
    }

    @Test
    void packetsCostSemtechsAirtimeForPayloadPlusFraming() {
        LoraLinks links = new LoraLinks(lora(9, null, false, 0, null));
        assertEquals(115, links.payload(), "EU868's largest payload at SF9");
        // 115 bytes of message and 13 of LoRaWAN framing: a 128-byte packet on the air.
        assertEquals(LoraSettings.lorawan(9, 125_000, 1).airtimeSeconds(128), links.packetSeconds(115), 1e-12);
        assertEquals(0.044 * 3.3, links.watts(), 1e-12, "SX1276 at 14 dBm");
    }

    @Test
    void aMessageIsFullPacketsAndARest() {
        LoraLinks links = new LoraLinks(lora(7, 242, false, 0, null));
        long bits = 8L * 2500;
        assertEquals(11, links.packets(bits), "ceil(2500 / 242)");
        assertEquals(10 * links.packetSeconds(242) + links.packetSeconds(80), links.messageSeconds(bits), 1e-12);
        LoraLinks padded = new LoraLinks(lora(7, 242, true, 0, null));
        assertEquals(11 * padded.packetSeconds(242), padded.messageSeconds(bits), 1e-12, "padded: every packet full, as Starfish's Table 1");
        assertEquals(4.40, Math.round(padded.messageSeconds(bits) * 100) / 100.0, 1e-12, "Table 1, good link, baseline");
        assertEquals(1, links.packets(1), "one bit still takes a packet");
        assertEquals(0.0, links.messageSeconds(0));
    }

    @Test
    void lossIsDrawnExactlyAsPacketLinksDrawIt() {
        LinkShape shape = new LinkShape(3, 1, 2, 100, 8);
        LinkDraw lora = new LoraLinks(lora(7, 20, false, 0.3, null)).draw(4, shape, new SplittableRandom(9));
        LinkDraw packets = new PacketLinks(new PacketLinksSpec(20, 0.3, 0, true)).draw(4, shape, new SplittableRandom(9));
        assertArrayEquals(packets.messageMask(), lora.messageMask());
        assertArrayEquals(packets.valueMask(), lora.valueMask());
    }

    @Test
    void aSharedNetworkGivesTheLossRateAndMoreNodesLoseMore() {
        double few = new LoraLinks(lora(7, 20, false, 0, new LoraLoadSpec(20, 60, 1, 1))).failure();
        double many = new LoraLinks(lora(7, 20, false, 0, new LoraLoadSpec(1000, 60, 1, 1))).failure();
        assertTrue(few >= 0 && few < 0.05, "20 nodes every minute hardly collide: " + few);
        assertTrue(many > few + 0.2, "1,000 nodes every minute collide often: " + many + " against " + few);
        assertEquals(many, new LoraLinks(lora(7, 20, false, 0, new LoraLoadSpec(1000, 60, 1, 1))).failure(), "deterministic per seed");
    }
}
