package dev.edgewise.dsl.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.dsl.CanonicalSpec;
import dev.edgewise.dsl.SpecException;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.spec.DataSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.yaml.YamlSpecReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselinesTest {

    /** An upward experiment; line numbers matter for the error tests. */
    static final String SPLIT = """
            name: split
            seed: 3
            data: {view: quadrants}
            topology: {nodes: 4, graph: star}
            model:
              kind: split
              sensor: {layers: [{type: flatten}, {type: dense}]}
              base: {layers: [{type: dense, units: 10}]}
            exchange: {kind: upward, message_size: 4, quantization: {bits: 2}}
            task: {kind: classification}
            """;

    static final String BASELINES = """
            baselines:
              fdml:
                model.base.layers: [{type: dense, units: 10}, {type: sigmoid}]
              centralised:
                data.view: whole
                topology.nodes: 1
                exchange.message_size: 1
                exchange.quantization: ~
            """;

    private static ExperimentSource read(String text) {
        return ExperimentSource.read(text, "split.yaml", List.of());
    }

    private static List<SpecProblem> problems(String text) {
        return assertThrows(SpecException.class, () -> read(text)).problems();
    }

    @Test
    void eachBaselineRunsBesideTheRunWithItsPathsSetOnTop() {
        ExperimentSource source = read(SPLIT + BASELINES);
        List<SweepPoint> points = source.points();

        assertTrue(source.isSweep(), "a file with baselines runs under a parent");
        assertEquals(3, points.size());
        assertNull(points.get(0).baseline());
        assertEquals("fdml", points.get(1).baseline());
        assertEquals("centralised", points.get(2).baseline());
        ExperimentSpec fdml = points.get(1).loaded().spec();
        assertEquals(2, ((dev.edgewise.dsl.spec.SplitModelSpec) fdml.model()).base().layers().size());
        assertEquals(3L, fdml.seed(), "a baseline shares its run's seed");
        ExperimentSpec centralised = points.get(2).loaded().spec();
        assertEquals(DataSpec.View.WHOLE, centralised.data().view());
        assertEquals(1, centralised.topology().nodes());
        assertNull(((dev.edgewise.dsl.spec.UpwardExchangeSpec) centralised.exchange()).quantization(), "~ sets a nullable key back to unset");
        assertEquals(List.of("baseline"), source.sweptPaths());
        assertEquals("baseline=fdml", points.get(1).label());
    }

    @Test
    void theRunItselfIsTheFileWithoutItsBaselinesBlock() {
        ExperimentSpec withBaselines = read(SPLIT + BASELINES).points().get(0).loaded().spec();
        ExperimentSpec without = YamlSpecReader.read(SPLIT, "x.yaml").spec();

        assertNull(withBaselines.baselines());
        assertEquals(CanonicalSpec.hash(without), CanonicalSpec.hash(withBaselines));
    }

    @Test
    void aBaselineTheSameAtEverySweepPointRunsOnceLabelledByWhatItsPointsShare() {
        String text = SPLIT + BASELINES + """
                sweep:
                  grid:
                    exchange.message_size: [2, 4]
                    exchange.quantization.bits: [1, ~]
                  repeats: 2
                """;
        List<SweepPoint> points = read(text).points();
        // 4 grid points x 2 repeats = 8 runs, each with its own fdml; centralised fixes both swept paths: once per repeat.
        assertEquals(8 + 8 + 2, points.size());
        List<SweepPoint> centralised = points.stream().filter(p -> "centralised".equals(p.baseline())).toList();
        assertEquals(List.of("repeat 0, baseline=centralised", "repeat 1, baseline=centralised"),
                centralised.stream().map(SweepPoint::label).toList());
        assertEquals(points.size(), points.stream().map(SweepPoint::label).distinct().count(), "labels name runs uniquely");
        // A mistake in a baseline is one mistake, however many points the sweep has.
        List<SpecProblem> once = problems(text.replace("model.base.layers:", "model.bse.layers:"));
        assertEquals(1, once.size(), once.toString());
        assertTrue(once.get(0).message().startsWith("baseline 'fdml' of sweep point 1/8 ("), once.get(0).message());
        for (int i = 0; i < points.size(); i++) {
            assertEquals(i, points.get(i).index());
            assertEquals(points.size(), points.get(i).count());
        }
        SweepPoint fdml = points.get(1);
        assertEquals("exchange.message_size=2, exchange.quantization.bits=1, repeat 0, baseline=fdml", fdml.label());
        assertEquals(2, fdml.loaded().spec().exchange().messageSize(), "a baseline takes its point's swept values");
    }

    @Test
    void aBadPathInABaselinePointsAtTheBaselineEntry() {
        String text = SPLIT + """
                baselines:
                  fdml:
                    model.basez.layers: [{type: dense, units: 10}]
                """;
        SpecProblem problem = problems(text).get(0);

        assertEquals(13, problem.position().line(), problem.toString());
        assertTrue(problem.message().startsWith("baseline 'fdml': "), problem.message());
        assertTrue(problem.message().contains("basez"), problem.message());
    }

    @Test
    void aBadValueInABaselinePointsAtTheValue() {
        String text = SPLIT + """
                baselines:
                  small:
                    exchange.message_size: -1
                """;
        SpecProblem problem = problems(text).get(0);

        assertEquals(13, problem.position().line());
        assertTrue(problem.message().contains("out of range"), problem.message());
    }

    @Test
    void aPathThroughAValueOrAFixedPathIsRejectedAtTheEntry() {
        List<SpecProblem> through = problems(SPLIT + """
                baselines:
                  x:
                    seed.more: 1
                """);
        assertEquals(13, through.get(0).position().line());
        assertTrue(through.get(0).message().contains("cannot set 'seed.more'"), through.get(0).message());

        List<SpecProblem> scalar = problems(SPLIT + """
                baselines:
                  x:
                    task.kind.deeper: 1
                """);
        assertEquals(13, scalar.get(0).position().line());
        assertTrue(scalar.get(0).message().contains("not a mapping"), scalar.get(0).message());
    }

    @Test
    void aBaselineMustSetSomethingAndBeNamedPlainly() {
        assertTrue(problems(SPLIT + "baselines: {nothing: {}}\n").get(0).message().contains("sets no spec path"));
        assertTrue(problems(SPLIT + "baselines: {'a b': {seed: 1}}\n").get(0).message().contains("must start with a letter"));
    }

    @Test
    void aLayerTakesOnlyTheKeysOfItsType() {
        List<SpecProblem> problems = problems(SPLIT.replace("{type: flatten}", "{type: flatten, units: 3}"));
        assertTrue(problems.get(0).message().contains("a flatten layer has no units"), problems.get(0).message());
        assertEquals(7, problems.get(0).position().line());

        List<SpecProblem> missing = problems(SPLIT.replace("{type: flatten}", "{type: conv, filters: 3}"));
        assertTrue(missing.get(0).message().contains("needs 'kernel'"), missing.get(0).message());
    }
}
