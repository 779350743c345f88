package dev.edgewise.engine.repro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.engine.track.RunEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricDiffTest {

    private static RunEvent.Metric m(String key, double value, long step) {
        return new RunEvent.Metric(key, value, step, 1000 + step);
    }

    @Test
    void identicalMeansEveryValueBitForBit() {
        List<RunEvent.Metric> a = List.of(m("loss", 0.5, 1), m("loss", 0.25, 2), m("acc", 0.9, 2), m("train_samples_per_second", 300, 1));
        List<RunEvent.Metric> b = List.of(m("loss", 0.5, 1), m("loss", 0.25, 2), m("acc", 0.9, 2), m("train_samples_per_second", 410, 1));

        MetricDiff diff = MetricDiff.of(a, b);

        assertEquals(List.of(), diff.differing(), "timings never count");
        assertEquals(3, diff.valuesCompared());
        assertTrue(diff.table().render(dev.edgewise.engine.compare.Table.Format.TEXT).contains("timing, not compared"));
    }

    @Test
    void aDifferenceAtAnyStepIsFoundEvenWhenTheFinalValueAgrees() {
        double nextUp = Math.nextUp(0.5);
        MetricDiff diff = MetricDiff.of(List.of(m("loss", 0.5, 1), m("loss", 0.25, 2), m("acc", 0.9, 2)),
                List.of(m("loss", nextUp, 1), m("loss", 0.25, 2), m("acc", 0.9, 2), m("extra", 1, 2)));

        assertEquals(List.of("loss", "extra"), diff.differing().stream().map(MetricDiff.Row::key).toList());
        MetricDiff.Row loss = diff.differing().get(0);
        assertEquals(nextUp - 0.5, loss.maxAbsDiff());
        assertEquals(0.25, loss.original());
        assertEquals(0.25, loss.reproduced());
        assertEquals(0, diff.differing().get(1).originalValues(), "a metric only one run has is a difference");
    }

    @Test
    void nanEqualsNan() {
        assertEquals(List.of(), MetricDiff.of(List.of(m("x", Double.NaN, 1)), List.of(m("x", Double.NaN, 1))).differing());
    }

    @Test
    void valuesInLoggedOrderEqualTheSameValuesSortedByStep() {
        // The run store keeps logged order; MLflow returns each history sorted by step and time.
        List<RunEvent.Metric> logged = List.of(new RunEvent.Metric("acc", 0.91, 2, 5000), new RunEvent.Metric("acc", 0.7, 1, 1000),
                new RunEvent.Metric("acc", 0.8, 2, 2000));
        List<RunEvent.Metric> sorted = List.of(new RunEvent.Metric("acc", 0.7, 1, 1000), new RunEvent.Metric("acc", 0.8, 2, 2000),
                new RunEvent.Metric("acc", 0.91, 2, 5000));
        assertEquals(List.of(), MetricDiff.of(logged, sorted).differing());
        assertEquals(List.of(), MetricDiff.of(sorted, logged).differing());
    }

    @Test
    void anOriginalThatStoppedEarlyIsComparedOnlyWhereItGot() {
        List<RunEvent.Metric> crashed = List.of(m("loss", 0.5, 1), m("loss", 0.25, 2));
        List<RunEvent.Metric> full = List.of(m("loss", 0.5, 1), m("loss", 0.25, 2), m("loss", 0.1, 3), m("test_rmse", 0.2, 3));

        assertEquals(2, MetricDiff.of(crashed, full).differing().size(), "compared in full, a crashed run differs everywhere");
        MetricDiff diff = MetricDiff.of(crashed, full, true);
        assertEquals(List.of(), diff.differing());
        assertEquals(2, diff.valuesCompared());
        assertTrue(diff.table().render(dev.edgewise.engine.compare.Table.Format.TEXT).contains("not reached by the original"));
        MetricDiff changed = MetricDiff.of(crashed, List.of(m("loss", 0.5, 1), m("loss", 0.3, 2), m("loss", 0.1, 3)), true);
        assertEquals(List.of("loss"), changed.differing().stream().map(MetricDiff.Row::key).toList());
    }
}
