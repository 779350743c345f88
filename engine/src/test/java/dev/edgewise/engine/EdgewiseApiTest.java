package dev.edgewise.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.catalog.Catalog;
import dev.edgewise.catalog.topology.Topologies;
import dev.edgewise.dsl.SpecException;
import dev.edgewise.dsl.builder.Exchange;
import dev.edgewise.dsl.builder.Experiment;
import dev.edgewise.dsl.builder.Model;
import dev.edgewise.dsl.builder.Topology;
import dev.edgewise.engine.run.RunResult;
import dev.edgewise.engine.track.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running experiments from Java, with parts registered from Java. */
class EdgewiseApiTest {

    /** engine/src/test/resources/tiny.yaml, said in Java, on a shape registered below. */
    static Experiment tiny(String name, Topology shape) {
        return Experiment.named(name)
                .seed(11)
                .data(d -> d.trainSamples(128).testSamples(64).holdout(0.9))
                .nodes(3)
                .topology(shape)
                .model(Model.crnn(m -> m.features(10).extractor(e -> e.pretrain(p -> p.epochs(1)))))
                .exchange(Exchange.peer(x -> x.rounds(2)))
                .training(t -> t.epochs(2).batchSize(32))
                .tracking(t -> t.mlflow(false));
    }

    @Test
    void runsABuiltExperimentOnAJavaRegisteredShapeAndReturnsItsResults(@TempDir Path dir) {
        Catalog catalog = new Catalog();
        catalog.topologies().register("hub-and-spoke", p -> Topologies.star(p.requireNodes()));

        RunResult result = Edgewise.runner().runs(dir.resolve("runs")).mlruns(dir.resolve("mlruns")).catalog(catalog)
                .run(tiny("api", Topology.named("hub-and-spoke")));

        assertEquals(RunStatus.FINISHED, result.status());
        assertTrue(Double.isFinite(result.metrics().get("test_rmse")), result.metrics().toString());
        assertTrue(Files.isDirectory(result.runDir()));
    }

    @Test
    void aYamlFileNamesAShapeRegisteredFromJava(@TempDir Path dir) throws IOException {
        Catalog catalog = new Catalog();
        catalog.topologies().register("hub-and-spoke", p -> Topologies.star(p.requireNodes()));
        Path yaml = dir.resolve("hub.yaml");
        Files.writeString(yaml, "name: hub\ntopology: {nodes: 6, graph: hub-and-spoke}\nmodel: {kind: crnn}\nexchange: {kind: peer}\n");

        CompiledFile compiled = CompiledFile.compile(yaml, catalog);

        assertEquals(5, compiled.experiments().get(0).graph().edgeCount());
    }

    @Test
    void aMistakeInTheDescriptionIsASpecProblemBeforeAnyTraining(@TempDir Path dir) {
        SpecException error = assertThrows(SpecException.class,
                () -> Edgewise.runner().runs(dir).run(tiny("bad", Topology.named("hexagon"))));

        assertTrue(error.getMessage().startsWith("EdgewiseApiTest.java:"), error.getMessage());
        assertTrue(error.getMessage().contains("unknown graph 'hexagon' (at $.topology.graph)"), error.getMessage());
    }
}
