package dev.edgewise.dsl.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.dsl.CanonicalSpec;
import dev.edgewise.dsl.SpecException;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.yaml.YamlSpecReader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExperimentSourceTest {

    static final String BASE = """
            name: small
            seed: 7
            topology: {nodes: 5, graph: ring}
            training: {epochs: 3, learning_rate: 0.005}
            model: {kind: crnn}
            exchange: {kind: peer}
            """;

    private static ExperimentSource read(String text, String... overrides) {
        return ExperimentSource.read(text, "small.yaml", SpecOverride.parseAll(List.of(overrides)));
    }

    private static List<SpecProblem> problems(String text, String... overrides) {
        return assertThrows(SpecException.class, () -> read(text, overrides)).problems();
    }

    @Test
    void anOverrideIsTypedAndGivesTheSameSpecAsWritingItInTheFile() {
        ExperimentSpec overridden = read(BASE, "topology.nodes=8", "model.cell.hidden=[20, 4]").points().get(0).loaded().spec();
        ExperimentSpec written = YamlSpecReader.read(BASE.replace("nodes: 5", "nodes: 8") .replace("model: {kind: crnn}", "model: {kind: crnn, cell: {hidden: [20, 4]}}"), "x.yaml").spec();

        assertEquals(8, overridden.topology().nodes());
        assertEquals(List.of(20, 4), ((dev.edgewise.dsl.spec.CrnnModelSpec) overridden.model()).cell().hidden());
        assertEquals(CanonicalSpec.hash(written), CanonicalSpec.hash(overridden));
    }

    @Test
    void aBadOverrideValueNamesTheOverrideInsteadOfAFilePosition() {
        List<SpecProblem> problems = problems(BASE, "topology.nodes=abc");

        assertEquals(1, problems.size());
        assertNull(problems.get(0).position());
        assertEquals("override topology.nodes=abc: expected an integer, got the string \"abc\" (at $.topology.nodes)",
                problems.get(0).format().lines().findFirst().orElseThrow());
    }

    @Test
    void aQuotedNumberInAnOverrideIsAStringAsInTheFile() {
        SpecProblem problem = problems(BASE, "topology.nodes=\"8\"").get(0);

        assertTrue(problem.message().startsWith("override topology.nodes=\"8\": expected an integer"), problem.format());
        assertEquals("write it without quotes: 8", problem.hint());
    }

    @Test
    void anUnknownOverrideKeySuggestsTheNearestOne() {
        SpecProblem problem = problems(BASE, "topology.nodse=3").get(0);

        assertEquals("override topology.nodse=3: unknown key 'nodse'", problem.message());
        assertTrue(problem.hint().startsWith("did you mean 'nodes'?"), problem.hint());
    }

    @Test
    void malformedOverridesAreAllReported() {
        SpecException e = assertThrows(SpecException.class, () -> SpecOverride.parseAll(List.of("epochs", "a..b=1", "seed.x=1")));

        assertEquals(2, e.problems().size());
        assertEquals("override 'epochs' is not key.path=value", e.problems().get(0).message());
        assertTrue(e.problems().get(1).message().contains("'a..b' is not a spec path"), e.getMessage());
        SpecProblem intoScalar = problems(BASE, "seed.x=1").get(0);
        assertEquals("override seed.x=1: 'seed' is the value 7, not a mapping, so it has no key 'x'", intoScalar.message());
    }

    @Test
    void aFileWithoutSweepIsOnePointWhoseSpecIsTheFile() {
        ExperimentSource source = read(BASE);

        assertFalse(source.isSweep());
        assertEquals(1, source.points().size());
        assertNull(source.points().get(0).loaded().spec().sweep());
        assertFalse(CanonicalSpec.toJson(source.base().spec()).contains("sweep"), "no sweep key, so existing hashes stay put");
        assertEquals(CanonicalSpec.hash(YamlSpecReader.read(BASE, "x.yaml").spec()), CanonicalSpec.hash(source.points().get(0).loaded().spec()));
    }

    @Test
    void gridTimesRepeatsInFileOrderWithTheLastAxisFastest() {
        ExperimentSource source = read(BASE + """
                sweep:
                  grid:
                    topology.nodes: [2, 5, 8]
                    exchange.message_size: {from: 1, to: 2}
                  repeats: 2
                """);

        List<SweepPoint> points = source.points();
        assertEquals(12, points.size());
        assertEquals(List.of("topology.nodes", "exchange.message_size"), source.sweptPaths());
        assertEquals("topology.nodes=2, exchange.message_size=1, repeat 0", points.get(0).label());
        assertEquals("topology.nodes=2, exchange.message_size=1, repeat 1", points.get(1).label());
        assertEquals("topology.nodes=2, exchange.message_size=2, repeat 0", points.get(2).label());
        assertEquals("topology.nodes=8, exchange.message_size=2, repeat 1", points.get(11).label());
        assertEquals("12/12", points.get(11).ordinal());
        ExperimentSpec last = points.get(11).loaded().spec();
        assertEquals(8, last.topology().nodes());
        assertEquals(2, last.exchange().messageSize());
        assertNull(last.sweep(), "a point's spec has no sweep block");
        assertEquals(7, points.get(10).loaded().spec().seed(), "repeat 0 keeps the file's seed");
        assertEquals(ExperimentSource.repeatSeed(7, 1), last.seed());
        assertNotEquals(7, last.seed());
        Set<String> hashes = new HashSet<>();
        points.forEach(p -> hashes.add(CanonicalSpec.hash(p.loaded().spec())));
        assertEquals(12, hashes.size(), "every point is a different spec");
    }

    @Test
    void aPointHasTheHashOfTheFileThatWritesItsValuesDirectly() {
        SweepPoint point = read(BASE + "sweep: {grid: {topology.nodes: [2, 8]}}\n").points().get(1);
        ExperimentSpec direct = YamlSpecReader.read(BASE.replace("nodes: 5", "nodes: 8"), "x.yaml").spec();

        assertEquals(CanonicalSpec.hash(direct), CanonicalSpec.hash(point.loaded().spec()));
        assertEquals(Map.of("topology.nodes", "8"), point.values());
    }

    @Test
    void decimalRangesAreExact() {
        List<SweepPoint> points = read(BASE + "sweep: {grid: {training.learning_rate: {from: 0.1, to: 0.3, step: 0.1}}}\n").points();

        assertEquals(List.of(0.1, 0.2, 0.3), points.stream().map(p -> p.loaded().spec().training().learningRate()).toList());
    }

    @Test
    void randomDrawsAreSeededWithinTheirRangesAndSharedByGridPoints() {
        String sweep = """
                sweep:
                  grid: {topology.nodes: [3, 4]}
                  random:
                    training.learning_rate: {from: 0.0001, to: 0.1, log: true}
                    training.epochs: {from: 1, to: 4}
                    exchange.aggregation: [max, mean, sum]
                  samples: 5
                """;
        List<SweepPoint> points = read(BASE + sweep).points();
        List<SweepPoint> again = read(BASE + sweep).points();
        List<SweepPoint> otherSeed = read(BASE.replace("seed: 7", "seed: 8") + sweep).points();

        assertEquals(10, points.size());
        for (SweepPoint p : points) {
            ExperimentSpec spec = p.loaded().spec();
            assertTrue(spec.training().learningRate() >= 0.0001 && spec.training().learningRate() <= 0.1, p.label());
            assertTrue(spec.training().epochs() >= 1 && spec.training().epochs() <= 4, p.label());
        }
        assertEquals(points.stream().map(SweepPoint::label).toList(), again.stream().map(SweepPoint::label).toList());
        assertNotEquals(points.stream().map(SweepPoint::label).toList(), otherSeed.stream().map(SweepPoint::label).toList());
        // Sample s has the same draws at every grid point.
        assertEquals(points.get(2).values().get("training.learning_rate"), points.get(7).values().get("training.learning_rate"));
        assertEquals(5, points.subList(0, 5).stream().map(p -> p.values().get("training.learning_rate")).distinct().count());
    }

    @Test
    void aBadSweepValueIsReportedOnceAtItsPlaceInTheFileNamingThePoint() {
        String text = BASE + """
                sweep:
                  grid:
                    topology.nodes: [2, 0]
                    training.epochs: [1, 2, 3]
                """;
        List<SpecProblem> problems = problems(text);

        assertEquals(1, problems.size(), problems.toString());
        assertEquals("small.yaml:9:25: sweep point 4/6 (topology.nodes=0, training.epochs=1): 0 is out of range: expected between 1"
                + " and 10,000 (at $.topology.nodes)", problems.get(0).format().lines().findFirst().orElseThrow());
        assertEquals("the nearest valid value is 1", problems.get(0).hint());
    }

    @Test
    void anUnknownSweepPathIsReportedAtItsKeyWithASuggestion() {
        SpecProblem problem = problems(BASE + "sweep:\n  grid:\n    topology.nodse: [2, 3]\n").get(0);

        assertEquals("small.yaml", problem.position().file());
        assertEquals(9, problem.position().line());
        assertEquals(5, problem.position().column());
        assertTrue(problem.message().endsWith("unknown key 'nodse'"), problem.message());
        assertTrue(problem.hint().startsWith("did you mean 'nodes'?"), problem.hint());
    }

    @Test
    void sweepShapeMistakesAreReportedWithPositions() {
        List<SpecProblem> problems = problems(BASE + """
                sweep:
                  grid:
                    name: [a, b]
                    topology.nodes: 4
                    training.epochs: {from: 1, to: 3, stride: 1}
                  random:
                    training.learning_rate: {from: 0.1, to: 0.01}
                """);

        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).format().startsWith("small.yaml:9:5: a sweep cannot vary 'name'"), problems.get(0).format());
        assertTrue(problems.get(1).format().startsWith("small.yaml:10:21: expected a list of values or a range {from, to, step}, got the value 4"),
                problems.get(1).format());
        assertEquals("write [4] for a single value", problems.get(1).hint());
        assertTrue(problems.get(2).format().startsWith("small.yaml:11:39: unknown key 'stride' in a range"), problems.get(2).format());
        assertTrue(problems.get(3).format().startsWith("small.yaml:13:29: 'from' (0.1) is above 'to' (0.01)"), problems.get(3).format());
    }

    @Test
    void anOverrideOfASweptPathIsAConflict() {
        SpecProblem problem = problems(BASE + "sweep: {grid: {topology.nodes: [2, 3]}}\n", "topology.nodes=4").get(0);

        assertTrue(problem.message().contains("override topology.nodes=4 sets 'topology.nodes', which the sweep varies"), problem.message());
        assertTrue(problem.hint().contains("sweep.grid.topology.nodes=[...]"), problem.hint());
    }

    @Test
    void theSweepItselfCanBeOverridden() {
        ExperimentSource source = read(BASE + "sweep: {grid: {topology.nodes: [2, 3, 4]}, repeats: 3}\n",
                "sweep.grid.topology.nodes=[6]", "sweep.repeats=1", "training.epochs=1");

        assertEquals(1, source.points().size());
        assertEquals(6, source.points().get(0).loaded().spec().topology().nodes());
        assertEquals(1, source.points().get(0).loaded().spec().training().epochs());
    }

    @Test
    void samplesWithoutRandomPathsIsAMistake() {
        SpecProblem problem = problems(BASE + "sweep: {grid: {topology.nodes: [2]}, samples: 3}\n").get(0);

        assertTrue(problem.message().contains("'samples' counts draws of the 'random' paths"), problem.format());
    }

    @Test
    void readsAFileFromDisk() {
        ExperimentSource source = ExperimentSource.read(Path.of("../experiments/quickstart.yaml"), List.of(SpecOverride.parse("training.epochs=1")));

        assertEquals(1, source.points().get(0).loaded().spec().training().epochs());
        assertEquals("quickstart", source.base().spec().name());
    }
}
