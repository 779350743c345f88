package dev.edgewise.engine.family.crnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.catalog.topology.TopologyRegistry;
import dev.edgewise.dsl.SpecException;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.yaml.YamlSpecReader;
import dev.edgewise.engine.run.CompiledExperiment;
import dev.edgewise.engine.run.ExperimentRunner;
import dev.edgewise.engine.run.RunResult;
import dev.edgewise.engine.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tiny C-RNN with a learned send decision (exchange.send kind logit), trained for real. */
class LearnedSendRunTest {

    static final Path TINY = Path.of("src/test/resources/tiny.yaml");
    static final String PEER = "exchange: {kind: peer, rounds: 2, message_size: 2}";

    static CompiledExperiment compile(String text) {
        return CompiledExperiment.compile(YamlSpecReader.read(text, "tiny.yaml"), new TopologyRegistry(), new DatasetRegistry());
    }

    @Test
    void theSameSeedGivesTheSameMessagesAndEveryMessageIsCountedAtItsBits(@TempDir Path dir) throws IOException {
        String text = Files.readString(TINY).replace(PEER, "exchange: {kind: peer, rounds: 2, message_size: 2, send: {kind: logit, bias: 0.2}}")
                + "loss: {terms: {task: {weight: 1.0}, communication: {weight: 1.0, budget: 0.3}}}\n";
        CompiledExperiment experiment = compile(text);
        ExperimentRunner runner = new ExperimentRunner(dir.resolve("runs"), List::of, new DatasetRegistry(), DataCache.fromEnvironment(),
                TrainingListener.NONE, "test");

        Map<String, Double> first = runner.run(experiment, TINY).metrics();
        RunResult second = runner.run(experiment, TINY);

        assertEquals(first, second.metrics(), "the logistic noise comes from the seeded engine");
        double messages = first.get("test_messages_per_sample");
        assertTrue(messages >= 0 && messages <= 3 * 2, "at most N x R: " + messages);
        // v = 2 values of 16 bits: 4 bytes per message sent.
        assertEquals(messages * 4, first.get("test_bytes_per_sample"), 1e-9);
    }

    @Test
    void aLearnedSendWithGateAlwaysIsRefusedAtTheSendKey() throws IOException {
        String text = Files.readString(TINY).replace(PEER, "exchange: {kind: peer, rounds: 2, message_size: 2, gate: always, send: {kind: logit}}");

        SpecProblem problem = assertThrows(SpecException.class, () -> compile(text)).problems().get(0);

        assertEquals("$.exchange.send", problem.path());
        assertTrue(problem.hint().contains("gate: always"), problem.hint());
    }
}
