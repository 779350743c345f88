package dev.edgewise.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `bench --profile` ranks operators by their own time, not by the time of what they called. */
class EngineProfilerTest {

    @Test
    void anOperatorsSelfTimeLeavesOutTheOperatorsItCalled() throws Exception {
        // conv (10 us) calls empty (2 us) then reorder (5 us); relu (1 us) runs after; another thread's conv (4 us).
        String trace = """
                [{"ph": "X", "name": "conv", "ts": 0, "dur": 10, "tid": 1},
                 {"ph": "X", "name": "empty", "ts": 1, "dur": 2, "tid": 1},
                 {"ph": "X", "name": "reorder", "ts": 4, "dur": 5, "tid": 1},
                 {"ph": "X", "name": "relu", "ts": 10, "dur": 1, "tid": 1},
                 {"ph": "X", "name": "conv", "ts": 0, "dur": 4, "tid": 2},
                 {"ph": "M", "name": "process_name", "tid": 1}]""";

        List<EngineProfiler.Operator> operators = EngineProfiler.selfTimes(new ObjectMapper().readTree(trace));

        assertEquals(List.of("conv", "reorder", "empty", "relu"), operators.stream().map(EngineProfiler.Operator::name).toList());
        assertEquals(new EngineProfiler.Operator("conv", 2, 0.007), operators.get(0));
        assertEquals(0.005, operators.get(1).selfMillis(), 1e-12);
    }
}
