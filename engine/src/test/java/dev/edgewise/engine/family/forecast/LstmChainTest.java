package dev.edgewise.engine.family.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.catalog.links.LoraLinks;
import dev.edgewise.dsl.spec.LoraLinksSpec;
import dev.edgewise.engine.device.LayerFootprints;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a forecaster split across a chain of devices sends per forecast, counted by hand. */
class LstmChainTest {

    private static final int T = 48;
    private static final int H = 8;

    @Test
    void oneLayerOnTheSensorSendsEveryStepsActivations() {
        LstmChain chain = LstmChain.of(T, H, 2, List.of(1, 1), 8, 32);
        assertEquals(List.of("sensor", "gateway"), chain.roles());
        // One hop: 48 steps x 8 values x 8 bits = 3,072 bits = 384 bytes per forecast.
        assertEquals(1, chain.hops().size());
        assertEquals(new LstmChain.Hop(48, 8, 8, true), chain.hops().get(0));
        assertEquals(3_072, chain.bitsPerForecast());
        // The gateway alternative over the same hop: 48 readings x 32 bits = 192 bytes, or 4 bytes if it keeps its window.
        assertEquals(1_536, chain.rawWindowBitsPerForecast());
        assertEquals(32, chain.rawStreamBitsPerForecast());
        // MACs: sensor 48 x 4H x (1 + H) = 13,824; gateway 48 x 4H x 2H + H (dense) = 24,584.
        assertEquals(13_824, chain.macs(0));
        assertEquals(24_584, chain.macs(1));
        assertEquals(LayerFootprints.of(LstmFamily.stack(T, H, 2)).macs(), chain.macs(), "the split computes what the whole network does");
    }

    @Test
    void afterTheLastLstmLayerOnlyTheLastStepCrosses() {
        // Both LSTM layers on the sensor: h_T alone crosses, 8 values x 8 bits = 8 bytes.
        LstmChain chain = LstmChain.of(T, H, 2, List.of(2, 0), 8, 32);
        assertEquals(new LstmChain.Hop(1, 8, 8, true), chain.hops().get(0));
        assertEquals(64, chain.bitsPerForecast());
        assertTrue(chain.groups().get(1).layers().size() == 1, "the gateway runs the dense layer only");
    }

    @Test
    void aSensorWithoutLayersSendsItsRawReadings() {
        LstmChain chain = LstmChain.of(T, H, 2, List.of(0, 2), 8, 32);
        assertEquals(new LstmChain.Hop(48, 1, 32, false), chain.hops().get(0));
        assertEquals(1_536, chain.bitsPerForecast(), "the raw window, unquantized");
        assertTrue(chain.groups().get(0).layers().isEmpty());
    }

    @Test
    void fourDevices() {
        // Layers 3 on [1, 1, 1, 0]: hops of 48 x 8 x 8, 48 x 8 x 8 and (after the last LSTM) 8 x 8 bits.
        LstmChain chain = LstmChain.of(T, H, 3, List.of(1, 1, 1, 0), 4, 32);
        assertEquals(List.of("sensor", "node1", "node2", "gateway"), chain.roles());
        assertEquals(48 * 8 * 4 + 48 * 8 * 4 + 8 * 4, chain.bitsPerForecast());
        assertEquals(3 * 48 * 32, chain.rawWindowBitsPerForecast());
        assertEquals(3 * 32, chain.rawStreamBitsPerForecast());
        // A relay in the middle forwards what it received: [1, 0, 2, 0] has hops 48x8, 48x8 (relayed), 8.
        LstmChain relay = LstmChain.of(T, H, 3, List.of(1, 0, 2, 0), 4, 32);
        assertEquals(List.of(48, 48, 1), relay.hops().stream().map(LstmChain.Hop::rounds).toList());
        assertEquals(0, relay.macs(1));
    }

    @Test
    void oneDeviceSendsNothing() {
        LstmChain chain = LstmChain.of(T, H, 2, List.of(2), 8, 32);
        assertFalse(chain.split());
        assertEquals(0, chain.bitsPerForecast());
    }

    @Test
    void energyModelByHand() {
        LstmChain chain = LstmChain.of(T, H, 2, List.of(1, 1), 8, 32);
        dev.edgewise.dsl.spec.DeviceSpec device = new dev.edgewise.dsl.spec.DeviceSpec(520, 320, 4096, 1.0, 1000.0);
        // Without a radio in the link model: 384 bytes x 1,000 nJ = 384 uJ.
        assertEquals(384.0, LstmChain.radioJoules(48, 64, device, Optional.empty()), 1e-9);
        // Over LoRa SF7/125 kHz, CR 4/5, 8-symbol preamble, explicit header, CRC, 13 bytes of framing: a packet of 8 + 13 bytes
        // is 8 + ceil((8 x 21 - 28 + 28 + 16) / 28) x 5 = 43 payload symbols + 12.25 preamble symbols of 1.024 ms = 56.576 ms;
        // 48 of them at 44 mA x 3.3 V = 0.1452 W: 394,302.3 uJ per forecast.
        LoraLinksSpec spec = new LoraLinksSpec(7, 125, 5, null, 13, false, 8, true, true, LoraLinksSpec.LowDataRate.AUTO, 14, null, 3.3,
                0.01, 0.0, null, 0.0, true);
        LoraLinks lora = new LoraLinks(spec);
        assertEquals(0.056576, lora.packetSeconds(8), 1e-9);
        assertEquals(48 * 0.056576 * 0.044 * 3.3 * 1e6, LstmChain.radioJoules(48, 64, device, Optional.of(lora)), 1e-3);
    }
}
