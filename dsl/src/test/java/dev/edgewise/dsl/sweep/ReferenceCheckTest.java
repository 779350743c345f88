package dev.edgewise.dsl.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.dsl.SpecException;
import dev.edgewise.dsl.SpecParams;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.spec.ReferenceRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceCheckTest {

    static final String SWEEP = """
            name: table
            topology: {nodes: 5, graph: ring}
            model: {kind: crnn}
            exchange: {kind: peer}
            sweep:
              grid: {topology.nodes: [2, 5], task.kind: [max, max-parity]}
            """;

    private static List<SpecProblem> problems(String text) {
        return assertThrows(SpecException.class, () -> ExperimentSource.read(text, "table.yaml", List.of())).problems();
    }

    @Test
    void aRowMatchesThePointsWithItsValuesWhateverTheirSpelling() {
        ExperimentSource source = ExperimentSource.read(SWEEP + """
                reference:
                  source: paper
                  rows:
                    - {where: {topology.nodes: 5, task.kind: max_parity}, values: {test_rmse: 0.42}}
                """, "table.yaml", List.of());
        ReferenceRow row = source.base().spec().reference().rows().get(0);

        List<Boolean> matches = source.points().stream().map(p -> row.matches(SpecParams.of(p.loaded().spec()))).toList();

        assertEquals(List.of(false, false, false, true), matches, "points: (2, max), (2, max-parity), (5, max), (5, max-parity)");
    }

    @Test
    void anUnknownPathIsReportedAtItsLineWithTheNearestPath() {
        List<SpecProblem> problems = problems(SWEEP + """
                reference:
                  source: paper
                  rows:
                    - where: {topology.node: 5}
                      values: {test_rmse: 0.15}
                """);

        assertEquals(1, problems.size());
        assertEquals(10, problems.get(0).position().line());
        assertTrue(problems.get(0).format().contains("did you mean 'topology.nodes'?"), problems.get(0).format());
    }

    @Test
    void aRowNoRunMatchesIsAnErrorNamingTheValuesTheRunsTake() {
        String message = problems(SWEEP + """
                reference:
                  source: paper
                  rows:
                    - {where: {topology.nodes: 8}, values: {test_rmse: 0.11}}
                """).get(0).format();

        assertTrue(message.contains("no run of this experiment has {topology.nodes=8}"), message);
        assertTrue(message.contains("topology.nodes=[2, 5]"), message);
    }

    @Test
    void overridesMayShrinkTheSweepBelowTheRowsOfTheReference() {
        String file = SWEEP + """
                reference:
                  source: paper
                  rows:
                    - {where: {topology.nodes: 2}, values: {test_rmse: 0.2}}
                """;

        ExperimentSource shrunk = ExperimentSource.read(file, "table.yaml", SpecOverride.parseAll(List.of("sweep.grid.topology.nodes=[5]")));

        assertEquals(2, shrunk.points().size());
    }

    @Test
    void aRowWithoutWhereIsAboutEveryRun() {
        ExperimentSource source = ExperimentSource.read("""
                name: one
                topology: {nodes: 3}
                model: {kind: crnn}
                exchange: {kind: peer}
                reference: {source: paper, rows: [{values: {test_rmse: 0.1}}]}
                """, "one.yaml", List.of());

        assertFalse(source.isSweep());
        assertTrue(source.base().spec().reference().rows().get(0).matches(SpecParams.of(source.base().spec())));
    }
}
