package dev.edgewise.dsl.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.dsl.CanonicalSpec;
import dev.edgewise.dsl.LoadedSpec;
import dev.edgewise.dsl.SpecException;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.TrainingSpec;
import dev.edgewise.dsl.yaml.YamlSpecReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentBuilderTest {

    static final Path QUICKSTART = Path.of("../experiments/quickstart.yaml");

    @Test
    void theQuickstartInJavaHasTheSpecAndHashOfTheYamlFile() {
        ExperimentSpec fromYaml = YamlSpecReader.read(QUICKSTART).spec();

        ExperimentSpec fromJava = QuickstartBuilder.quickstart().build();

        assertEquals(fromYaml, fromJava);
        assertEquals(CanonicalSpec.hash(fromYaml), CanonicalSpec.hash(fromJava));
    }

    @Test
    void defaultsAreTheYamlReadersDefaults() {
        ExperimentSpec fromYaml = YamlSpecReader.read("name: tiny\ntopology: {nodes: 3}\nmodel: {kind: crnn}\nexchange: {kind: peer}\n", "tiny.yaml").spec();

        ExperimentSpec fromJava = Experiment.named("tiny").nodes(3).model(Model.crnn(m -> {})).exchange(Exchange.peer(x -> {})).build();

        assertEquals(fromYaml, fromJava);
    }

    @Test
    void gettersReadWhatWasSetElseTheAnnotatedDefault() {
        Experiment experiment = Experiment.named("g").nodes(4);
        experiment.training(t -> {
            assertEquals(10, t.get("epochs"));
            assertEquals(TrainingSpec.Optimizer.ADAM, t.get("optimizer"));
            t.epochs(3);
            assertEquals(3, t.get("epochs"));
        });
        experiment.model(Model.crnn(m -> m.cell(c -> assertEquals(List.of(50, 8), c.get("hidden")))));
        experiment.tracking(t -> assertNull(t.get("experiment")));

        assertEquals(1L, experiment.get("seed"));
        assertEquals(4, experiment.nodes());
        assertEquals(Topology.ring(), experiment.topology());
    }

    @Test
    void everyMistakeIsReportedAtOnceAtTheJavaLineThatMadeIt() {
        int line = currentLine() + 2;
        Experiment experiment = Experiment.named("bad").model(Model.crnn(m -> {})).exchange(Exchange.peer(x -> {}))
                .data(data -> data.holdout(1.5))
                .training(training -> training.set("epoks", 3));

        SpecException error = assertThrows(SpecException.class, experiment::build);

        List<SpecProblem> problems = error.problems();
        assertEquals(3, problems.size(), error::getMessage);
        assertEquals("ExperimentBuilderTest.java:" + line + ":1: 1.5 is out of range: expected between 0.01 and 0.99 (at $.data.holdout)",
                problems.get(0).format().lines().findFirst().orElseThrow());
        assertTrue(problems.get(1).format().startsWith("ExperimentBuilderTest.java:" + (line - 1) + ":1: missing required key 'topology'"),
                problems.get(1).format());
        assertEquals("set nodes", problems.get(1).hint(), "hints speak builder, not YAML");
        assertEquals("ExperimentBuilderTest.java:" + (line + 1) + ":1: unknown key 'epoks' (at $.training.epoks)", problems.get(2).format().lines().findFirst().orElseThrow());
        assertTrue(problems.get(2).hint().startsWith("did you mean 'epochs'?"), problems.get(2).hint());
    }

    @Test
    void theRecordsOwnChecksApplyAtTheTopologyLine() {
        Experiment experiment = Experiment.named("grid").nodes(5).model(Model.crnn(m -> {})).exchange(Exchange.peer(x -> {}));
        int line = currentLine() + 1;
        experiment.topology(Topology.grid(2, 3));

        SpecException error = assertThrows(SpecException.class, experiment::build);

        assertEquals("ExperimentBuilderTest.java:" + (line - 2) + ":1: a 2x3 grid has 6 nodes, but nodes is 5 (at $.topology.nodes)",
                error.problems().get(0).format().lines().findFirst().orElseThrow());
    }

    @Test
    void aNewTopologyReplacesTheOldShapeButKeepsTheNodes() {
        ExperimentSpec spec = Experiment.named("t").nodes(6).model(Model.crnn(m -> {})).exchange(Exchange.peer(x -> {})).topology(Topology.grid(2, 3)).topology(Topology.star()).build();

        assertEquals("star", spec.topology().graph());
        assertEquals(6, spec.topology().nodes());
        assertNull(spec.topology().rows());
    }

    @Test
    void positionsOfKeysAreKeptForLaterStages() {
        int line = currentLine() + 1;
        LoadedSpec loaded = Experiment.named("p").nodes(4).model(Model.crnn(m -> {})).exchange(Exchange.peer(x -> {})).topology(Topology.named("hexagon")).load(SourceLocator.LINE_ONLY);

        assertEquals(line, loaded.sources().positionOf("$.topology.graph").line());
        assertEquals("ExperimentBuilderTest.java", loaded.sources().file());
    }

    @Test
    void aCopyIsIndependentOfItsBase() {
        Experiment base = Experiment.named("base").nodes(4).model(Model.crnn(m -> {})).exchange(Exchange.peer(x -> {})).training(t -> t.epochs(2));
        Experiment copy = base.copy("copy").training(t -> t.epochs(7));

        assertEquals(2, base.build().training().epochs());
        assertEquals(7, copy.build().training().epochs());
        assertEquals("copy", copy.build().name());
        assertNotEquals(CanonicalSpec.hash(base.build()), CanonicalSpec.hash(copy.build()));
    }

    @Test
    void valuesAreCopiedWhenSet() {
        List<Integer> widths = new java.util.ArrayList<>(List.of(20, 10));
        Experiment experiment = Experiment.named("c").nodes(3).model(Model.crnn(m -> m.cell(c -> c.hidden(widths)))).exchange(Exchange.peer(x -> {}));
        widths.set(0, 99);

        assertEquals(List.of(20, 10), ((dev.edgewise.dsl.spec.CrnnModelSpec) experiment.build().model()).cell().hidden());
    }

    private static int currentLine() {
        return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst().orElseThrow().getLineNumber());
    }
}
