package dev.edgewise.engine.family.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgewise.engine.cli.Edgewise;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A LoRa link and a LoRa network through the command line: nothing trained, no data read, every number from the spec. */
class LoraNetworkFamilyTest {

    static final String LINK = """
            name: lora-link
            data: {source: none}
            topology: {nodes: 1, graph: star}
            model: {kind: lora-network, message_bytes: 2500}
            exchange: {kind: upward, message_size: 1}
            links: {kind: lora, spreading_factor: 12, coding_rate: 6, payload: 51, pad: true}
            loss: {terms: {task: {weight: 1.0}}}
            training: {epochs: 1}
            """;

    @TempDir
    Path root;

    @Test
    void oneImageOnABadLinkTakesTable1sAirtimeAndCharge() throws IOException {
        Result run = run(LINK);
        assertEquals(0, run.code(), run.err());
        JsonNode m = metrics();
        assertEquals(50.0, m.get("packets_per_message").asDouble(), "ceil(2500 / 51)");
        assertEquals(160.97, Math.round(m.get("airtime_per_message_s").asDouble() * 100) / 100.0, "Starfish Table 1, bad link, baseline");
        // 44 mA for 160.97 s: 1,967.4 uAh (the table's 1,996.1 implies 44.6 mA).
        assertEquals(0.044 * m.get("airtime_per_message_s").asDouble() / 3600 * 1e6, m.get("charge_per_message_uah").asDouble(), 1e-9);
        assertEquals(m.get("airtime_per_message_s").asDouble() * 99, m.get("duty_cycle_wait_per_message_s").asDouble(), 1e-9,
                "1 % duty cycle: 99 times the airtime off the air");
        assertTrue(!m.has("delivery_rate"), "no network simulated, so no delivery claimed");
        assertTrue(run.out().contains("airtime_per_message_s"), "the run prints its own metrics: " + run.out());
    }

    @Test
    void aNetworkIsSimulatedDeterministicallyAndDeliversLessUnderLoad() throws IOException {
        String network = LINK.replace("name: lora-link", "name: lora-net")
                .replace("topology: {nodes: 1, graph: star}", "topology: {nodes: 300, graph: star}")
                .replace("model: {kind: lora-network, message_bytes: 2500}", "model: {kind: lora-network, message_bytes: 200, interval: 30, hours: 0.25, needed: 0.8}")
                .replace("links: {kind: lora, spreading_factor: 12, coding_rate: 6, payload: 51, pad: true}", "links: {kind: lora, spreading_factor: 7, payload: 50}");
        assertEquals(0, run(network).code());
        JsonNode first = metrics();
        double delivery = first.get("delivery_rate").asDouble();
        assertTrue(delivery > 0.2 && delivery < 1, "300 nodes every 30 s collide sometimes: " + delivery);
        assertEquals(first.get("packets_received").asDouble() / first.get("packets_sent").asDouble(), delivery, 1e-12);
        assertEquals(NetworkRun.atLeast(4, 4, delivery), first.get("message_delivery_rate").asDouble(), 1e-12,
                "4 packets a message, 80 % needed: all 4");

        Files.walk(root.resolve("runs")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        assertEquals(0, run(network + "\n").code());
        assertEquals(first, metrics(), "the same seed simulates the same hour");
    }

    /** The capacity search gives a finite interval and throughput even where the quietest load sends nothing in the simulated time. */
    @Test
    void theCapacitySearchFindsTheLoadAtTheFloorEvenInAShortSimulation() throws IOException {
        String search = LINK.replace("topology: {nodes: 1, graph: star}", "topology: {nodes: 100, graph: star}")
                .replace("model: {kind: lora-network, message_bytes: 2500}",
                        "model: {kind: lora-network, message_bytes: 20, packet_bytes: 20, delivery_floors: [95, 80], hours: 0.05}")
                .replace("links: {kind: lora, spreading_factor: 12, coding_rate: 6, payload: 51, pad: true}", "links: {kind: lora, spreading_factor: 7}");
        assertEquals(0, run(search).code());
        JsonNode m = metrics();
        double at95 = m.get("interval_at_delivery_95_s").asDouble();
        double at80 = m.get("interval_at_delivery_80_s").asDouble();
        assertTrue(at95 > 2 && at95 < 100_000, "an interval inside the bracket: " + at95);
        assertTrue(at80 < at95, "tolerating more loss allows more traffic: " + at80 + " against " + at95);
        assertTrue(m.get("throughput_at_delivery_80_bytes_per_hour").asDouble() > m.get("throughput_at_delivery_95_bytes_per_hour").asDouble());
    }

    @Test
    void aNetworkRefusesDataAndNonLoraLinksAtTheirKeys() throws IOException {
        String bad = LINK.replace("data: {source: none}", "data: {source: mnist}").replace("links: {kind: lora, spreading_factor: 12, coding_rate: 6,"
                + " payload: 51, pad: true}", "links: {kind: packets, payload: 51}");
        Path file = Files.writeString(root.resolve("bad.yaml"), bad);
        Result refused = execute("validate", file.toString());
        assertEquals(2, refused.code(), refused.out());
        assertTrue(refused.err().contains("bad.yaml:2:"), "data.source at its line: " + refused.err());
        assertTrue(refused.err().contains("set data.source: none"), refused.err());
        assertTrue(refused.err().contains("set links.kind: lora"), refused.err());
    }

    @Test
    void loraLinkKeysAreCheckedWhereTheyAreWritten() throws IOException {
        Path file = Files.writeString(root.resolve("bad.yaml"), LINK.replace("payload: 51", "payload: 250"));
        Result refused = execute("validate", file.toString());
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("a LoRa packet holds at most 255 bytes, but payload 250 + overhead 13 = 263"), refused.err());
        assertTrue(refused.err().contains("at most payload: 242"), refused.err());
    }

    @Test
    void atLeastKOfNIsTheBinomialTail() {
        assertEquals(1.0, NetworkRun.atLeast(0, 5, 0.3));
        assertEquals(0.9 * 0.9 * 0.9, NetworkRun.atLeast(3, 3, 0.9), 1e-12);
        assertEquals(1 - 0.1 * 0.1 * 0.1 - 3 * 0.9 * 0.01, NetworkRun.atLeast(2, 3, 0.9), 1e-12);
        assertEquals(0.0, NetworkRun.atLeast(1, 3, 0.0));
    }

    private Result run(String yaml) throws IOException {
        Path file = Files.writeString(root.resolve("experiment.yaml"), yaml);
        return execute("run", file.toString(), "--runs", root.resolve("runs").toString(), "--mlruns", root.resolve("mlruns").toString());
    }

    private JsonNode metrics() throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("runs"))) {
            Path file = files.filter(p -> p.getFileName().toString().equals("results.json")).findFirst().orElseThrow();
            return new ObjectMapper().readTree(file.toFile());
        }
    }

    record Result(int code, String out, String err) {}

    static Result execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Edgewise.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }
}
