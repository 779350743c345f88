package dev.edgewise.engine.family.autoencoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgewise.engine.cli.Edgewise;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A family that exists only in the tests (this package and one line in META-INF/services) goes
 * through every part of the harness as a built-in does: validate, inspect, a sweep run in child
 * JVMs, the run store, compare, and a CI entry with its reference. No core code knows it.
 */
class AutoencoderFamilyTest {

    static final String EXPERIMENT = """
            name: ae
            seed: 3
            data: {source: mnist, view: quadrants, train_samples: 64, test_samples: 32, holdout: 0.9}
            topology: {nodes: 4, graph: star}
            model: {kind: autoencoder, hidden: 16}
            exchange: {kind: upward, message_size: 8, bits: 32}
            links: {kind: packets, payload: 8, failure: 0.2}
            task: {kind: pixels}
            training: {epochs: 2, batch_size: 16}
            sweep: {grid: {exchange.message_size: [4, 8]}}
            """;

    static final String ENTRY = """
            experiment: experiments/ae.yaml
            overrides:
              training.epochs: 1
            metrics:
              test_mse: {abs: 0.001, better: lower}
              test_bits_per_sample: {abs: 0}
            """;

    @TempDir
    static Path root;

    static Result run;

    @BeforeAll
    static void writeAndRun() throws IOException {
        Files.createDirectories(root.resolve("experiments"));
        Files.writeString(root.resolve("experiments/ae.yaml"), EXPERIMENT);
        run = execute("run", root.resolve("experiments/ae.yaml").toString(), "--runs", runs(), "--mlruns",
                root.resolve("mlruns").toString());
    }

    static String runs() {
        return root.resolve("runs").toString();
    }

    @Test
    void validateAcceptsItsKindsAndRefusesAKeyItDoesNotHave() throws IOException {
        Result ok = execute("validate", root.resolve("experiments/ae.yaml").toString());
        assertEquals(0, ok.code(), ok.err());

        Path bad = root.resolve("bad.yaml");
        Files.writeString(bad, EXPERIMENT.replace("hidden: 16", "hidden: 16, features: 25"));
        Result refused = execute("validate", bad.toString());
        assertEquals(2, refused.code(), refused.out());
        assertTrue(refused.err().startsWith(bad + ":5:"), refused.err());
        assertTrue(refused.err().contains("'features' is a key of model kind crnn"), refused.err());
    }

    @Test
    void inspectPrintsWhatTheFamilyCounts() {
        Result inspect = execute("inspect", root.resolve("experiments/ae.yaml").toString());
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.out().contains("ae: autoencoder, N = 4, code 8 values per node"), inspect.out());
        assertTrue(inspect.out().contains("| bits on the air | 1,024 |"), inspect.out());
    }

    @Test
    void aSweepRunsEveryPointThroughTheSharedLoopsAndAccountant() throws IOException {
        assertEquals(0, run.code(), run.out() + run.err());
        List<JsonNode> results = new ArrayList<>();
        for (Path dir : runDirs()) {
            Path file = dir.resolve("artifacts/results.json");
            if (Files.exists(file)) {
                results.add(new ObjectMapper().readTree(file.toFile()));
            }
        }
        assertEquals(2, results.size(), "two points with results, and the sweep's parent");
        for (JsonNode r : results) {
            double bits = r.get("test_bits_per_sample").asDouble();
            assertTrue(bits == 4 * 4 * 32 || bits == 4 * 8 * 32, "every node sends its code, lost packets included: " + bits);
            assertTrue(r.get("test_delivered_fraction").asDouble() < 1, "packet loss reaches the family");
            assertTrue(r.get("test_mse").asDouble() > 0 && r.get("test_mse").asDouble() < 0.5, r.toString());
        }
    }

    @Test
    void compareShowsTheFamilysMetrics() throws IOException {
        List<String> ids = new ArrayList<>();
        for (Path dir : runDirs()) {
            if (Files.exists(dir.resolve("artifacts/results.json"))) {
                ids.add(dir.getFileName().toString());
            }
        }
        Result compare = execute("compare", ids.get(0), ids.get(1), "--runs", runs());
        assertEquals(0, compare.code(), compare.err());
        assertTrue(compare.out().contains("test_mse"), compare.out());
        assertTrue(compare.out().contains("exchange.message_size"), compare.out());
    }

    @Test
    void aCiEntryRecordsItsReferenceAndThenPasses() throws IOException {
        Files.createDirectories(root.resolve("ci"));
        Files.writeString(root.resolve("ci/ae.yaml"), ENTRY);
        String[] suite = {"--suite", root.resolve("ci").toString(), "--runs", root.resolve("ci-runs").toString(), "--mlruns",
            root.resolve("ci-mlruns").toString()};
        Result update = execute(concat("ci", "--update", suite));
        assertEquals(0, update.code(), update.out() + update.err());
        Result pass = execute(concat("ci", null, suite));
        assertEquals(0, pass.code(), pass.out() + pass.err());
        assertTrue(pass.out().contains("test_mse"), pass.out());
    }

    record Result(int code, String out, String err) {}

    /** The command line in this JVM, as a user runs it. */
    static Result execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Edgewise.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    private static String[] concat(String command, String flag, String[] rest) {
        List<String> args = new ArrayList<>(List.of(command));
        if (flag != null) {
            args.add(flag);
        }
        args.addAll(List.of(rest));
        return args.toArray(String[]::new);
    }

    private static List<Path> runDirs() throws IOException {
        try (Stream<Path> dirs = Files.list(root.resolve("runs/ae"))) {
            return dirs.sorted().toList();
        }
    }
}
