package dev.edgewise.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.catalog.topology.TopologyRegistry;
import dev.edgewise.dsl.SpecException;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.yaml.YamlSpecReader;
import dev.edgewise.engine.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny upward (split-inference) experiment on real MNIST quadrants, trained for real. */
class SplitEndToEndTest {

    static final Path TINY = Path.of("src/test/resources/tiny-split.yaml");

    static RunResult first;
    static RunResult second;

    @BeforeAll
    static void runTwice(@TempDir Path dir) throws IOException {
        CompiledExperiment experiment = compile(Files.readString(TINY));
        ExperimentRunner runner = new ExperimentRunner(dir.resolve("runs"), List::of, new DatasetRegistry(), DataCache.fromEnvironment(),
                TrainingListener.NONE, "test");
        first = runner.run(experiment, TINY);
        second = runner.run(experiment, TINY);
    }

    static CompiledExperiment compile(String text) {
        return CompiledExperiment.compile(YamlSpecReader.read(text, "tiny-split.yaml"), new TopologyRegistry(), new DatasetRegistry());
    }

    static SpecProblem problem(String text) {
        return assertThrows(SpecException.class, () -> compile(text)).problems().get(0);
    }

    @Test
    void sameSpecAndSeedGiveTheSameMetricsThroughNoiseAndLinkLoss() {
        assertEquals(first.metrics(), second.metrics());
    }

    @Test
    void bitsOnTheAirAreExactAndLinkLossIsCountedAsSent() {
        Map<String, Double> m = first.metrics();
        // 4 nodes x 4 values x 2 bits; link loss drops what arrives, not what is sent.
        assertEquals(32.0, m.get("test_bits_per_sample"));
        assertEquals(4.0, m.get("test_bytes_per_sample"));
        assertEquals(4.0, m.get("test_messages_per_sample"));
        assertEquals(6272.0, m.get("test_raw_bits_per_sample"));
        assertEquals(1 - 32.0 / 6272, m.get("test_bits_saving"), 1e-12);
        double delivered = m.get("test_delivered_fraction");
        assertTrue(delivered > 0.6 && delivered < 0.9, "about 3/4 of the outputs arrive: " + delivered);
    }

    @Test
    void learnsSomethingAndReportsWeightQuantization() {
        Map<String, Double> m = first.metrics();
        assertTrue(m.get("test_accuracy") > 0.3, "above chance (0.1) after six tiny epochs: " + m.get("test_accuracy"));
        for (String key : List.of("test_accuracy_int8", "test_accuracy_int4", "model_bytes_float32", "model_bytes_int8", "model_bytes_int4")) {
            assertTrue(m.containsKey(key), key);
        }
        assertTrue(m.get("model_bytes_int4") < m.get("model_bytes_int8"));
        assertTrue(m.get("model_bytes_int8") < m.get("model_bytes_float32") / 3);
        // conv 4x1x3x3 + 4, dense 196 -> 4 (tied: once).
        assertEquals(4 * 9 + 4 + 196 * 4 + 4, m.get("sensor_parameters"));
        assertEquals(4.0 * (4 * 9 + 4 + 196 * 4 + 4), m.get("sensor_bytes_float32"));
    }

    @Test
    void aViewThatNeedsOtherNodesIsReportedAtTheView() throws IOException {
        SpecProblem p = problem(Files.readString(TINY).replace("nodes: 4, graph: star", "nodes: 3, graph: star"));
        assertEquals("$.data.view", p.path());
        assertEquals(4, p.position().line());
        assertTrue(p.message().contains("needs 4 nodes"), p.message());
    }

    @Test
    void aSensorThatDoesNotOutputTheMessageIsReportedAtItsLayers() throws IOException {
        SpecProblem p = problem(Files.readString(TINY).replace("      - {type: dense}\n", "      - {type: dense, units: 7}\n"));
        assertEquals("$.model.sensor.layers", p.path());
        assertTrue(p.message().contains("outputs 7 values, but a message is exchange.message_size = 4"), p.message());
        assertTrue(p.hint().contains("{type: dense}"), p.hint());
    }

    @Test
    void aBaseThatDoesNotEndInTheClassesIsReportedAtItsLayers() throws IOException {
        SpecProblem p = problem(Files.readString(TINY).replace("{type: dense, units: 10}]", "{type: dense, units: 9}]"));
        assertEquals("$.model.base.layers", p.path());
        assertTrue(p.message().contains("needs 10 values"), p.message());
    }

    @Test
    void aFamilyRefusesAnExchangeKindItDoesNotRun() throws IOException {
        SpecProblem p = problem(Files.readString(TINY).replace("{kind: upward, message_size: 4, bits: 32, quantization: {bits: 2, training: noise},"
                + " lost: drop}", "{kind: peer, message_size: 4, bits: 32}"));
        assertEquals("$.exchange.kind", p.path());
        assertTrue(p.message().contains("model kind split runs exchange kind upward, not peer"), p.message());
        assertTrue(p.hint().contains("exchange.kind: upward"), p.hint());
    }

    @Test
    void aFamilyRefusesALossTermItDoesNotCompute() throws IOException {
        SpecProblem p = problem(Files.readString(TINY) + "loss: {terms: {task: {weight: 1.0}, communication: {weight: 0.5}}}\n");
        assertEquals("$.loss.terms.communication", p.path());
        assertTrue(p.message().contains("model kind split has no loss term 'communication'"), p.message());
    }

    /** Placement moves the sensor stack, not the function: the same seed gives the same outputs, only the bits differ. */
    @Test
    void placementAtTheBaseChangesTheBytesNotTheFunction(@TempDir Path dir) throws IOException {
        String text = Files.readString(Path.of("src/test/resources/tiny-tree.yaml"));
        ExperimentRunner runner = new ExperimentRunner(dir, List::of, new DatasetRegistry(), DataCache.fromEnvironment(), TrainingListener.NONE, "test");
        Map<String, Double> atNode = runner.run(compile(text), null).metrics();
        Map<String, Double> atBase = runner.run(compile(text.replace("tied: true", "tied: true\n    placement: base")), null).metrics();

        assertEquals(atNode.get("test_rmse"), atBase.get("test_rmse"));
        assertEquals(atNode.get("test_accuracy"), atBase.get("test_accuracy"));
        // A binary tree of 5 nodes: hops 0, 1, 1, 2, 2 to node 0 (the base station), 6 transmissions.
        assertEquals(6.0, atNode.get("test_messages_per_sample"));
        assertEquals(6 * 25 * 32 / 8.0, atNode.get("test_bytes_per_sample"), "a feature vector is f_in x 4 bytes per hop");
        assertEquals(6 * 784.0, atBase.get("test_bytes_per_sample"), "a raw digit is 784 bytes per hop");
        assertTrue(Double.isFinite(atNode.get("test_rmse")), "max task: one output, MSE on max/9");
    }
}
