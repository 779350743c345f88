package dev.edgewise.engine.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.edgewise.dsl.spec.ReferenceRow;
import dev.edgewise.dsl.spec.ReferenceSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaperComparisonTest {

    static final ReferenceSpec TABLE = new ReferenceSpec("paper, Table 2", List.of(
            new ReferenceRow(Map.of("topology.nodes", 2), Map.of("test_rmse", 0.195), "ours is smaller"),
            new ReferenceRow(Map.of("topology.nodes", 8), Map.of("test_rmse", 0.113), "")));

    @Test
    void oursIsTheMeanOfTheMatchingRunsAndTheDifferenceIsOursMinusThePapers() {
        List<PaperComparison.Outcome> runs = List.of(
                new PaperComparison.Outcome(Map.of("topology.nodes", "2"), Map.of("test_rmse", 0.09)),
                new PaperComparison.Outcome(Map.of("topology.nodes", "2"), Map.of("test_rmse", 0.11)),
                new PaperComparison.Outcome(Map.of("topology.nodes", "5"), Map.of("test_rmse", 0.5)));

        Table table = PaperComparison.table(TABLE, runs);

        assertEquals(List.of("topology.nodes", "metric", "paper", "ours", "difference", "runs", "note"), table.headers());
        List<Object> two = table.rows().get(0);
        assertEquals(0.10, (Double) two.get(3), 1e-12);
        assertEquals(0.10 - 0.195, (Double) two.get(4), 1e-12);
        assertEquals(2L, two.get(5));
        assertEquals("ours is smaller", two.get(6));
    }

    @Test
    void aRowWithoutFinishedRunsShowsThePapersValueAlone() {
        List<Object> eight = PaperComparison.table(TABLE, List.of(), false).rows().get(1);

        assertEquals(List.of("8", "test_rmse", 0.113), eight.subList(0, 3));
        assertNull(eight.get(3));
        assertEquals(0L, eight.get(5));
    }
}
