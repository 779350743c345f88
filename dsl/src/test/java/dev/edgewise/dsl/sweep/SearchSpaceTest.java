package dev.edgewise.dsl.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.dsl.SpecException;
import dev.edgewise.dsl.SpecProblem;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The search block: configurations drawn from the space, bound like the file; mistakes at their line and column. */
class SearchSpaceTest {

    static final String BASE = """
            name: small
            seed: 7
            topology: {nodes: 5, graph: ring}
            training: {epochs: 3, learning_rate: 0.005}
            model: {kind: crnn}
            exchange: {kind: peer}
            """;

    private static ExperimentSource read(String text) {
        return ExperimentSource.read(text, "small.yaml", List.of());
    }

    private static List<SpecProblem> problems(String text) {
        return assertThrows(SpecException.class, () -> read(text)).problems();
    }

    @Test
    void aFiniteSpaceNoLargerThanTheBudgetIsTakenWhole() {
        ExperimentSource source = read(BASE + """
                search:
                  space:
                    topology.nodes: [2, 3]
                    model.cell.hidden: {depth: [1, 2], each: [4, 8]}
                  configurations: 50
                  metric: test_rmse
                """);
        // 2 x (2 + 4) configurations, every one distinct, each bound with its values.
        assertTrue(source.isSearch());
        assertFalse(source.isSweep());
        assertEquals(12, source.points().size());
        assertEquals(12, new HashSet<>(source.points().stream().map(SweepPoint::label).toList()).size());
        SweepPoint last = source.points().get(11);
        assertEquals("[8, 8]", last.values().get("model.cell.hidden"));
        assertEquals(List.of(8, 8), ((dev.edgewise.dsl.spec.CrnnModelSpec) last.loaded().spec().model()).cell().hidden());
        assertEquals(null, last.loaded().spec().search(), "a configuration's spec has no search block");
        // A trial sets the epochs and nothing else.
        SweepPoint trial = source.trial(last, 1, 0, 1);
        assertEquals(1, trial.loaded().spec().training().epochs());
        assertEquals(last.loaded().spec().model(), trial.loaded().spec().model());
    }

    @Test
    void drawsAreDistinctSeededAndPerLayerListsHaveTheDrawnDepth() {
        String yaml = BASE + """
                search:
                  space:
                    training.learning_rate: {from: 0.0001, to: 0.1, log: true}
                    model.cell.hidden: {depth: [1, 2, 3], each: {from: 4, to: 64, log: true}}
                  configurations: 20
                  seed: 3
                  metric: test_rmse
                """;
        ExperimentSource one = read(yaml);
        ExperimentSource two = read(yaml);
        assertEquals(20, one.points().size());
        assertEquals(one.points().stream().map(SweepPoint::label).toList(), two.points().stream().map(SweepPoint::label).toList());
        Set<Integer> depths = new HashSet<>();
        for (SweepPoint p : one.points()) {
            List<Integer> hidden = ((dev.edgewise.dsl.spec.CrnnModelSpec) p.loaded().spec().model()).cell().hidden();
            depths.add(hidden.size());
            assertTrue(hidden.stream().allMatch(h -> h >= 4 && h <= 64), hidden.toString());
            double rate = p.loaded().spec().training().learningRate();
            assertTrue(rate >= 0.0001 && rate <= 0.1, "rate " + rate);
        }
        assertEquals(Set.of(1, 2, 3), depths);
        ExperimentSource other = read(yaml.replace("seed: 3", "seed: 4"));
        assertFalse(one.points().get(0).label().equals(other.points().get(0).label()));
    }

    @Test
    void aConditionalPathTakesTheCaseOfTheValueDrawnBeforeIt() {
        ExperimentSource source = read(BASE + """
                search:
                  space:
                    topology.nodes: [2, 3, 4]
                    training.epochs: {by: topology.nodes, values: {'2': [7], '3': [8, 9]}}
                  configurations: 30
                  metric: test_rmse
                """);
        // 2 -> 7; 3 -> 8 or 9; 4 has no case and keeps the file's 3 epochs.
        Set<String> seen = new HashSet<>();
        for (SweepPoint p : source.points()) {
            int nodes = p.loaded().spec().topology().nodes();
            int epochs = p.loaded().spec().training().epochs();
            seen.add(nodes + ":" + epochs);
        }
        assertEquals(Set.of("2:7", "3:8", "3:9", "4:3"), seen);
        List<SpecProblem> p = problems(BASE + "search:\n  space:\n    training.epochs: {by: topology.nodes, values: {'2': [7]}}\n  metric: m\n");
        assertTrue(p.get(0).message().contains("not a path listed before"), p.get(0).message());
    }

    @Test
    void mistakesAreReportedAtTheirLineAndColumn() {
        List<SpecProblem> p = problems(BASE + """
                search:
                  space:
                    model.cell.hidden: {depth: [0], each: [4]}
                    topology.nodes: five
                  metric: test_rmse
                """);
        assertEquals(2, p.size(), p.toString());
        assertEquals("$.search.space['model.cell.hidden'].depth", p.get(0).path());
        assertEquals(9, p.get(0).position().line());
        assertTrue(p.get(0).message().contains("depth from 1 to 64"), p.get(0).message());
        assertEquals("$.search.space['topology.nodes']", p.get(1).path());
        assertEquals(10, p.get(1).position().line());
        assertEquals(21, p.get(1).position().column());

        List<SpecProblem> kind = problems(BASE + "search:\n  space: {topology.nodes: [2]}\n  metric: m\n  strategy: {kind: hyperband}\n");
        assertEquals("$.search.strategy.kind", kind.get(0).path());
        assertTrue(kind.get(0).message().contains("hyperband"), kind.get(0).message());

        List<SpecProblem> value = problems(BASE + "search:\n  space: {topology.nodes: [2, abc]}\n  metric: m\n");
        assertTrue(value.get(0).message().contains("topology.nodes=abc"), value.get(0).message());
        assertEquals(8, value.get(0).position().line());

        List<SpecProblem> both = problems(BASE + "sweep: {grid: {seed: [1, 2]}}\nsearch:\n  space: {topology.nodes: [2]}\n  metric: m\n");
        assertTrue(both.get(0).message().contains("not both"), both.get(0).message());

        List<SpecProblem> device = problems(BASE + "search:\n  space: {topology.nodes: [2]}\n  metric: m\n  device: {role: sensor}\n");
        assertTrue(device.get(0).message().contains("ram_kb and flash_kb"), device.get(0).message());
    }
}
