package dev.edgewise.engine.family.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.data.SeriesDatasets;
import dev.edgewise.catalog.data.TaylorDeb;
import dev.edgewise.engine.cli.Edgewise;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forecaster through the command line on the real taylor series (Debian's r-cran-forecast,
 * fetched by apt-get download on first use: skipped where apt has no package lists).
 */
class LstmFamilyTest {

    static final String EXPERIMENT = """
            name: forecast
            seed: 3
            data: {source: taylor, holdout: 0.25, train_samples: 300, test_samples: 100}
            topology: {nodes: 1, graph: line}
            model: {kind: lstm, hidden: 8, weights: {bits: %d, method: %s}}
            exchange: {kind: upward}
            task: {kind: forecasting, window: 24, season: 48}
            training: {epochs: 2, batch_size: 32, learning_rate: 0.01}
            devices: {roles: {sensor: {device: esp32}}}
            """;

    @TempDir
    static Path root;

    @BeforeAll
    static void needsTheSeries() {
        assumeTrue(dev.edgewise.engine.AptPackages.know(TaylorDeb.PACKAGE), "apt cannot fetch " + TaylorDeb.PACKAGE + " here (not Debian, or no package lists: run"
                + " apt-get update)");
    }

    @Test
    void aRunIsDeterministicAndReportsTheBaselinesOnTheSameTestWindows() throws IOException {
        JsonNode first = run("a", 32, "ptq");
        JsonNode again = run("b", 32, "ptq");
        assertEquals(first.get("test_mae").asDouble(), again.get("test_mae").asDouble(), "same spec and seed, same metrics");
        assertEquals(first.get("test_rmse").asDouble(), again.get("test_rmse").asDouble());

        // Persistence and seasonal naive by hand, on the first 100 of the last 1,008 steps (holdout 0.25 of 4,032).
        double[] mw = SeriesDatasets.load("taylor", DataCache.fromEnvironment()).column("demand_mw");
        double persistence = 0;
        double seasonal = 0;
        for (int t = 3024; t < 3124; t++) {
            persistence += Math.abs(mw[t] - mw[t - 1]);
            seasonal += Math.abs(mw[t] - mw[t - 48]);
        }
        assertEquals(persistence / 100, first.get("persistence_mae").asDouble(), 1e-9);
        assertEquals(seasonal / 100, first.get("seasonal_mae").asDouble(), 1e-9);
        double mae = first.get("test_mae").asDouble();
        assertTrue(mae > 0 && mae < 5000, "MAE in MW: " + mae);
        // 4H(1 + H + 2) + H + 1 = 32 x 11 + 9 = 361 parameters at float32.
        assertEquals(361, first.get("parameters").asDouble());
        assertEquals(361 * 4, first.get("model_bytes").asDouble());
        assertEquals((24 + 2 * 8 + 4 * 8 + 8) * 4, first.get("sensor_ram_bytes").asDouble());
    }

    @Test
    void int4WeightsAfterOrDuringTraining() throws IOException {
        JsonNode ptq = run("ptq", 4, "ptq");
        JsonNode qat = run("qat", 4, "qat");
        // Weights 32 + 256 + 8 values at 4 bits, a scale each; biases 8H + 1 = 65 float32.
        double bytes = 16 + 4 + 128 + 4 + 4 + 4 + 65 * 4;
        assertEquals(bytes, ptq.get("model_bytes").asDouble());
        assertEquals(bytes, qat.get("model_bytes").asDouble());
        assertTrue(ptq.has("test_mae_float32"), "PTQ reports the float model beside the rounded one");
        assertTrue(qat.get("test_mae").asDouble() > 0);
    }

    static final String SPLIT = """
            name: split
            seed: 3
            data: {source: taylor, holdout: 0.25, train_samples: 200, test_samples: 100}
            topology: {nodes: 2, graph: line}
            model: {kind: lstm, hidden: 8, layers: 2, placement: [1, 1]}
            exchange: {kind: upward, quantization: {bits: 8, range: clip}}
            links: {kind: packets, payload: 4, failure: 0.3}
            task: {kind: forecasting, window: 24, season: 48}
            training: {epochs: 1, batch_size: 32, learning_rate: 0.01}
            devices:
              catalogue: {dev: {sram_kb: 520, heap_kb: 320, flash_kb: 4096, mac_nj: 2.0, radio_nj_per_byte: 100}}
              roles: {sensor: {device: dev}, gateway: {device: dev}}
            """;

    @Test
    void aSplitForecasterSendsExactlyTheHandCountedBytesThroughLossyLinks() throws IOException {
        JsonNode split = runYaml("split", SPLIT);
        // Per forecast: 24 steps x 8 activations x 8 bits = 1,536 bits = 192 bytes, 24 messages; a lost packet was still sent.
        assertEquals(192, split.get("bytes_per_forecast").asDouble());
        assertEquals(192, split.get("test_bytes_per_sample").asDouble());
        assertEquals(24, split.get("test_messages_per_sample").asDouble());
        // A message of 8 bytes is two packets of 4, each lost with p = 0.3: about 0.49 arrive whole.
        double delivered = split.get("test_delivered_fraction").asDouble();
        assertTrue(delivered > 0.4 && delivered < 0.6, "delivered " + delivered);
        // The raw readings over the same hop: the window (24 x 32 bits = 96 bytes), or the newest one (4 bytes).
        assertEquals(24 * 32, split.get("test_raw_bits_per_sample").asDouble());
        assertEquals(-1.0, split.get("test_bits_saving").asDouble(), 1e-12, "the split sends twice the raw window");
        assertEquals(96, split.get("raw_window_bytes_per_forecast").asDouble());
        assertEquals(4, split.get("raw_stream_bytes_per_forecast").asDouble());
        // Energy model: sensor 24 x 32 x 9 = 6,912 MACs x 2 nJ; its 192 bytes x 100 nJ; gateway 24 x 32 x 16 + 8 = 12,296 MACs.
        assertEquals(13.824, split.get("sensor_compute_uj").asDouble(), 1e-9);
        assertEquals(19.2, split.get("sensor_radio_uj").asDouble(), 1e-9);
        assertEquals(24.592, split.get("gateway_compute_uj").asDouble(), 1e-9);
        assertEquals(13.824 + 19.2 + 24.592, split.get("energy_per_forecast_uj").asDouble(), 1e-9);
        // The gateway fed the newest reading: 4 bytes x 100 nJ, and the whole network's 19,208 MACs there.
        assertEquals(0.4 + 19_208 * 2e-3, split.get("raw_gateway_energy_uj").asDouble(), 1e-9);
        assertTrue(split.get("test_mae").asDouble() > 0);
    }

    private static JsonNode runYaml(String dir, String yaml) throws IOException {
        Path file = root.resolve(dir + ".yaml");
        Files.writeString(file, yaml);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Edgewise.execute(new PrintWriter(out, true), new PrintWriter(err, true), "run", file.toString(), "--runs",
                root.resolve(dir).toString(), "--mlruns", root.resolve(dir + "-mlruns").toString());
        assertEquals(0, code, err.toString());
        try (Stream<Path> files = Files.walk(root.resolve(dir))) {
            Path results = files.filter(p -> p.getFileName().toString().equals("results.json")).findFirst().orElseThrow();
            return new ObjectMapper().readTree(results.toFile());
        }
    }

    private static JsonNode run(String dir, int bits, String method) throws IOException {
        Path file = root.resolve(dir + ".yaml");
        Files.writeString(file, EXPERIMENT.formatted(bits, method));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Edgewise.execute(new PrintWriter(out, true), new PrintWriter(err, true), "run", file.toString(), "--runs",
                root.resolve(dir).toString(), "--mlruns", root.resolve(dir + "-mlruns").toString());
        assertEquals(0, code, err.toString());
        try (Stream<Path> files = Files.walk(root.resolve(dir))) {
            Path results = files.filter(p -> p.getFileName().toString().equals("results.json")).findFirst().orElseThrow();
            return new ObjectMapper().readTree(results.toFile());
        }
    }
}
