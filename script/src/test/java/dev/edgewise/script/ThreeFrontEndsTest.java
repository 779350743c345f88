package dev.edgewise.script;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgewise.catalog.Catalog;
import dev.edgewise.dsl.CanonicalSpec;
import dev.edgewise.dsl.builder.Exchange;
import dev.edgewise.dsl.builder.Experiment;
import dev.edgewise.dsl.builder.Layers;
import dev.edgewise.dsl.spec.DataSpec;
import dev.edgewise.dsl.spec.QuantizationSpec;
import dev.edgewise.dsl.builder.Model;
import dev.edgewise.dsl.builder.Task;
import dev.edgewise.dsl.builder.Topology;
import dev.edgewise.dsl.spec.PeerExchangeSpec.Aggregation;
import dev.edgewise.dsl.spec.PeerExchangeSpec.Gate;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.TrainingSpec.Optimizer;
import dev.edgewise.dsl.yaml.YamlSpecReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The quickstart said three ways (YAML, Kotlin script, Java builder) is one spec with one hash. */
class ThreeFrontEndsTest {

    @Test
    void yamlScriptAndJavaBuilderGiveTheSameSpecAndHash() {
        ExperimentSpec yaml = YamlSpecReader.read(Path.of("../experiments/quickstart.yaml")).spec();
        List<ExperimentSpec> script = TestScripts.HOST.load(Path.of("../experiments/quickstart.experiment.kts"), new Catalog())
                .getExperiments().stream().map(loaded -> loaded.spec()).toList();
        ExperimentSpec java = quickstartInJava();

        assertEquals(1, script.size());
        assertEquals(yaml, script.get(0));
        assertEquals(yaml, java);
        assertEquals(CanonicalSpec.hash(yaml), CanonicalSpec.hash(script.get(0)));
        assertEquals(CanonicalSpec.hash(yaml), CanonicalSpec.hash(java));
    }

    static ExperimentSpec quickstartInJava() {
        return Experiment.named("quickstart")
                .description("Communicating C-RNN, max task, N = 5 ring, f_in = 25, v = 2, R = 5")
                .seed(7)
                .data(data -> data.source("mnist").trainSamples(2000).testSamples(500).holdout(0.2))
                .nodes(5)
                .topology(Topology.ring())
                .model(Model.crnn(model -> model
                        .features(25)
                        .extractor(extractor -> extractor
                                .dropout(0.5)
                                .pretrain(pretrain -> pretrain.epochs(8).learningRate(0.01).momentum(0.5).batchSize(64)))
                        .cell(cell -> cell.hidden(50, 8))))
                .exchange(Exchange.peer(exchange -> exchange.rounds(5).messageSize(2).gate(Gate.RELU).aggregation(Aggregation.MAX)))
                .task(Task.max())
                .loss(loss -> loss.task(1.0).communication(communication -> communication.weight(0.0)))
                .training(training -> training.optimizer(Optimizer.ADAM).learningRate(0.005).epochs(20).batchSize(64))
                .tracking(tracking -> tracking.experiment("quickstart"))
                .build();
    }

    /** The split-inference claim (upward family, roles, quantization, baselines) from the Java builder equals its YAML file. */
    @Test
    void theSplitInferenceClaimFromJavaEqualsItsYaml() {
        ExperimentSpec yaml = YamlSpecReader.read(Path.of("../experiments/split/claim96.yaml")).spec();
        List<Map<String, Object>> convPool = List.of(Layers.convSame(32, 5), Layers.maxpool(2), Layers.relu(), Layers.flatten());
        List<Map<String, Object>> sensor = new java.util.ArrayList<>(convPool);
        sensor.add(Layers.dense());
        Map<String, Object> centralised = new java.util.LinkedHashMap<>();
        centralised.put("data.view", "whole");
        centralised.put("topology.nodes", 1);
        centralised.put("model.sensor.placement", "base");
        centralised.put("model.sensor.layers", convPool);
        centralised.put("exchange.quantization", null);
        Map<String, Object> unquantized = new java.util.HashMap<>();
        unquantized.put("exchange.quantization", null);
        Map<String, Map<String, Object>> baselines = new java.util.LinkedHashMap<>();
        baselines.put("unquantized", unquantized);
        baselines.put("centralised", centralised);
        ExperimentSpec java = Experiment.named("split-claim96")
                .description(yaml.description())
                .seed(11)
                .data(data -> data.source("mnist").view(DataSpec.View.QUADRANTS).trainSamples(8000).testSamples(2000).holdout(0.2))
                .nodes(4)
                .topology(Topology.named("star"))
                .model(Model.split(model -> model
                        .sensor(s -> s.tied(false).layers(sensor))
                        .base(b -> b.layers(Layers.dense(1024), Layers.relu(), Layers.dense(10)))))
                .exchange(Exchange.upward(exchange -> exchange.messageSize(16).bits(32)
                        .quantization(q -> q.bits(4).training(QuantizationSpec.Training.STE))))
                .task(Task.classification())
                .training(training -> training.optimizer(Optimizer.ADAM).learningRate(0.001).epochs(4).batchSize(64))
                .baselines(baselines)
                .tracking(tracking -> tracking.experiment("split-inference"))
                .build();

        assertEquals(yaml, java);
        assertEquals(CanonicalSpec.hash(yaml), CanonicalSpec.hash(java));
    }
}
