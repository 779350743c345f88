package dev.edgewise.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edgewise ci} on a suite of its own (a tiny MNIST experiment), through the CLI as .ci/run
 * calls it: references are written by running, a run that matches passes, a perturbed reference
 * fails with a message that says what drifted by how much, and the JUnit report says the same.
 */
class CiCommandTest {

    static final String EXPERIMENT = """
            name: tinyci
            seed: 4
            data: {source: mnist, train_samples: 64, test_samples: 32, holdout: 0.9}
            topology: {nodes: 2}
            model: {kind: crnn, features: 10, extractor: {pretrain: {epochs: 1, batch_size: 64}}}
            exchange: {kind: peer, rounds: 2}
            training: {epochs: 3, batch_size: 16}
            """;

    static final String ENTRY = """
            # a test entry
            experiment: experiments/tinyci.yaml
            overrides:
              training.epochs: 1
            metrics:
              test_rmse: {abs: 0.01, better: lower}
              cell_parameters: {abs: 0}
            """;

    @TempDir
    static Path root;

    static CliTest.Result update;
    static CliTest.Result pass;

    static CliTest.Result ci(String... extra) {
        String[] args = new String[extra.length + 8];
        String[] base = {"ci", "--suite", root.resolve("ci").toString(), "--runs", root.resolve("runs").toString(), "--mlruns",
            root.resolve("mlruns").toString(), "--junit=" + root.resolve("junit.xml")};
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliTest.execute(args);
    }

    @BeforeAll
    static void writeTheSuiteAndItsReferences() throws IOException {
        Files.createDirectories(root.resolve("experiments"));
        Files.createDirectories(root.resolve("ci"));
        Files.writeString(root.resolve("experiments/tinyci.yaml"), EXPERIMENT);
        Files.writeString(root.resolve("ci/tinyci.yaml"), ENTRY);
        update = ci("--update");
        pass = ci();
    }

    @Test
    void updateWritesReferencesFromRealRunsAndSaysWhatChanged() throws IOException {
        assertEquals(0, update.code(), update.out() + update.err());
        assertTrue(update.out().contains("results/tinyci.json:"), update.out());
        assertTrue(update.out().contains("test_rmse") && update.out().contains("new: "), update.out());
        var reference = new ObjectMapper().readTree(root.resolve("results/tinyci.json").toFile());
        assertEquals(59.0 * (10 + 4) + 458, reference.at("/points/run/metrics/cell_parameters").asDouble());
        assertTrue(reference.at("/points/run/spec_hash").asText().startsWith("sha256:"));
        assertEquals("1", reference.at("/recorded_with/omp_num_threads").asText(), "reference runs have their threads pinned");
    }

    @Test
    void aRunThatMatchesItsReferencePasses() throws IOException {
        assertEquals(0, pass.code(), pass.out() + pass.err());
        assertTrue(pass.out().contains("tinyci: cached"), "the second run of the suite reuses the first's runs: " + pass.out());
        assertTrue(pass.out().contains("CI suite: 2 check(s), 0 failed"), pass.out());
        String junit = Files.readString(root.resolve("junit.xml"));
        assertTrue(junit.contains("<testsuite name=\"edgewise-ci\" tests=\"2\" failures=\"0\" errors=\"0\""), junit);
    }

    @Test
    void aPerturbedReferenceFailsWithAReadableMessage() throws IOException {
        Path file = root.resolve("results/tinyci.json");
        String original = Files.readString(file);
        try {
            ObjectNode reference = (ObjectNode) new ObjectMapper().readTree(original);
            ObjectNode metrics = (ObjectNode) reference.at("/points/run/metrics");
            double rmse = metrics.get("test_rmse").asDouble();
            metrics.put("test_rmse", rmse - 0.05);
            Files.writeString(file, new ObjectMapper().writeValueAsString(reference));

            CliTest.Result drift = ci();

            assertEquals(1, drift.code(), drift.out());
            assertTrue(drift.out().contains("FAIL tinyci: test_rmse drifted from "), drift.out());
            assertTrue(drift.out().contains("allowed: +0.01 (lower is better)"), drift.out());
            assertTrue(drift.out().contains("DRIFT"), drift.out());
            String junit = Files.readString(root.resolve("junit.xml"));
            assertTrue(junit.contains("failures=\"1\""), junit);
            assertTrue(junit.contains("<failure type=\"DRIFT\" message=\"test_rmse drifted from"), junit);
        } finally {
            Files.writeString(file, original);
        }
    }

    @Test
    void anExperimentTheSuiteDoesNotCoverFailsItUntilItIsCoveredOrExcused() throws IOException {
        Path extra = root.resolve("experiments/new-table.yaml");
        Files.writeString(extra, EXPERIMENT.replace("tinyci", "newtable"));
        try {
            CliTest.Result uncovered = ci();
            assertEquals(1, uncovered.code(), uncovered.out());
            assertTrue(uncovered.out().contains("experiments/new-table.yaml is not in the CI suite"), uncovered.out());

            Files.writeString(root.resolve("ci/suite.yaml"), "not_covered:\n  experiments/new-table.yaml: a draft\n");
            assertEquals(java.util.List.of(), dev.edgewise.engine.ci.CiSuite.load(root.resolve("ci")).uncovered(), "excused with a reason");
        } finally {
            Files.delete(extra);
            Files.deleteIfExists(root.resolve("ci/suite.yaml"));
        }
    }

    @Test
    void aMistakeInACiFileIsReportedAtItsLine() throws IOException {
        Path bad = root.resolve("ci/broken.yaml");
        Files.writeString(bad, "experiment: experiments/tinyci.yaml\noverrides:\n  training.epochs: many\nmetrics:\n  test_rmse: {abs: -1}\n");
        try {
            CliTest.Result result = ci();
            assertEquals(2, result.code(), result.out() + result.err());
            assertTrue(result.err().contains("ci/broken.yaml:5:20: -1.0 is out of range: expected at least 0 (at $.metrics.test_rmse.abs)"),
                    result.err());
            assertFalse(result.err().contains("\tat "), result.err());
        } finally {
            Files.delete(bad);
        }
    }

    @Test
    void aMetricTheExperimentDoesNotLogIsReportedAtItsLineWithTheNearestName() throws IOException {
        Path bad = root.resolve("ci/typo.yaml");
        Files.writeString(bad, "experiment: experiments/tinyci.yaml\nmetrics:\n  test_rsme: {abs: 0.01}\n  n7/test_rmse: {abs: 0.01}\n");
        try {
            CliTest.Result result = ci();
            assertEquals(2, result.code(), result.out() + result.err());
            assertTrue(result.err().contains("ci/typo.yaml:3:14: 'test_rsme' is not a metric that experiments/tinyci.yaml logs"
                    + " (at $.metrics.test_rsme)"), result.err());
            assertTrue(result.err().contains("hint: did you mean 'test_rmse'?"), result.err());
            assertTrue(result.err().contains("ci/typo.yaml:4:17: 'n7/test_rmse' is not a metric"), result.err());
        } finally {
            Files.delete(bad);
        }
    }
}
