package dev.edgewise.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.catalog.links.LinkDraw;
import dev.edgewise.catalog.links.LinkShape;
import dev.edgewise.catalog.links.Radio;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one byte accountant: what was sent counts whether or not it arrived; what arrived is reported beside it. */
class TrafficTest {

    @Test
    void broadcastsInRoundsCountEveryMessageOnceAndTheirSlots() {
        // 3 nodes, 2 rounds, v = 2 values at 16 bits: 32 bits a message.
        Traffic traffic = new Traffic(BitAccount.uniform(3, 2, 16, BitAccount.oneHop(3), 0, 1), 3 * 2);
        traffic.startSample();
        traffic.broadcasts(0, 2);
        traffic.broadcasts(2, 1);
        traffic.deliveries(4, 6);
        traffic.startSample();
        traffic.broadcasts(1, 1);
        traffic.deliveries(2, 2);

        Map<String, Double> m = traffic.metrics();
        assertEquals(2.0, m.get("messages_per_sample"));
        assertEquals(4.0 / 12, m.get("sent_fraction"));
        assertEquals(64.0, m.get("bits_per_sample"));
        assertEquals(8.0, m.get("bytes_per_sample"));
        assertEquals(6.0 / 8, m.get("delivered_fraction"));
    }

    @Test
    void anUpwardPassCountsWhatTheAliveSentOverTheirHopsAndWhatArrivedWhole() {
        // 2 senders, 4 values at 8 bits; node 1 is two hops from the base.
        Traffic traffic = new Traffic(BitAccount.uniform(2, 4, 8, new int[] {1, 2}, 16, 8), 0);
        LinkShape shape = new LinkShape(2, 1, 1, 4, 8);
        // Sample 0: both alive, node 1's message lost; sample 1: node 0 silent, node 1's message arrived.
        LinkDraw draw = LinkDraw.ofMessages(2, shape, new float[] {1, 1, 0, 1}, new float[] {1, 0, 1, 1});
        traffic.upward(draw, 2);

        Map<String, Double> m = traffic.metrics();
        assertEquals((3 + 2) / 2.0, m.get("messages_per_sample"), "one transmission per hop");
        assertEquals((32 + 64 + 64) / 2.0, m.get("bits_per_sample"), "a lost message was still sent");
        assertEquals(2.0 / 4, m.get("delivered_fraction"), "node 0's silent sample delivers nothing");
        assertFalse(m.containsKey("sent_fraction"), "a message over several hops has no slot fraction");
        assertTrue(traffic.rawMetrics().get("bits_saving") > 0);
    }

    /** A radio with 10-byte packets of 1 ms per byte, 1 W, and a 10 % duty cycle. */
    private static final Radio RADIO = new Radio() {
        @Override public int payload() { return 10; }
        @Override public boolean padded() { return false; }
        @Override public double packetSeconds(int bytes) { return bytes / 1000.0; }
        @Override public double watts() { return 1; }
        @Override public double dutyCycle() { return 0.1; }
    };

    @Test
    void overARadioEveryTransmissionCostsAirtimeEnergyAndTheBusiestSendersWait() {
        // 2 nodes, 3 values at 8 bits (3 bytes, 3 ms); node 1 is two hops away, so its message is on the air twice.
        Traffic traffic = new Traffic(BitAccount.uniform(2, 3, 8, new int[] {1, 2}, 3, 8), 0).onAir(Optional.of(RADIO));
        traffic.sample(new boolean[] {true, true});   // 3 transmissions: 9 ms; node 1 busiest with 6 ms, waits 54 ms
        traffic.sample(new boolean[] {true, false});  // 1 transmission: 3 ms; node 0 waits 27 ms
        Map<String, Double> m = traffic.metrics();
        assertEquals(0.006, m.get("airtime_per_sample_s"), 1e-12);
        assertEquals(0.006, m.get("energy_per_sample_j"), 1e-12);
        assertEquals((0.054 + 0.027) / 2, m.get("duty_cycle_wait_per_sample_s"), 1e-12);
        assertEquals(m, traffic.metrics(), "reading the metrics twice changes nothing");
    }

    @Test
    void withoutARadioNoRadioMetricIsClaimed() {
        Traffic traffic = new Traffic(BitAccount.uniform(1, 3, 8, BitAccount.oneHop(1), 3, 8), 0).onAir(Optional.empty());
        traffic.sample(new boolean[] {true});
        assertFalse(traffic.metrics().containsKey("airtime_per_sample_s"));
    }
}
