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
