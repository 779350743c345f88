package dev.edgewise.engine.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.dsl.LoadedSpec;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.yaml.YamlSpecReader;
import dev.edgewise.engine.family.codec.CodecFamily;
import dev.edgewise.engine.family.forecast.LstmFamily;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What validate says about a role that does not fit its device: at the role's line, by how much,
 * and the largest key value that would fit. Needs no data: the footprint comes from the spec.
 */
class DeviceCheckTest {

    private static String spec(int hidden, String placement) {
        return """
                name: budget
                data: {source: taylor, holdout: 0.25, train_samples: 100, test_samples: 100}
                topology: {nodes: 1, graph: line}
                model: {kind: lstm, hidden: %d}
                exchange: {kind: upward}
                task: {kind: forecasting, window: 48}
                training: {optimizer: adam}
                devices:
                  catalogue:
                    tiny: {sram_kb: 64, heap_kb: 32, flash_kb: 128}
                  roles:
                    sensor: %s
                """.formatted(hidden, placement);
    }

    private static List<SpecProblem> check(String yaml) {
        LoadedSpec loaded = YamlSpecReader.read(yaml, "budget.yaml");
        List<SpecProblem> problems = new ArrayList<>();
        DeviceCheck.check(loaded, new LstmFamily(), () -> null, problems);
        return problems;
    }

    @Test
    void aModelThatFitsPasses() {
        assertEquals(List.of(), check(spec(16, "{device: esp32, training: true}")));
    }

    @Test
    void trainingTooLargeAModelIsAnErrorAtTheRoleWithTheNumbersAndWhatFits() {
        List<SpecProblem> problems = check(spec(256, "{device: esp32, training: true}"));
        assertEquals(1, problems.size());
        SpecProblem problem = problems.get(0);
        assertEquals("$.devices.roles.sensor", problem.path());
        assertEquals(12, problem.position().line());
        // Hand count: P = 4 x 256 x (1 + 256 + 2) + 257 = 265,473 parameters, x 4 bytes, x 4 copies (weights,
        // gradients, Adam's two) = 4,247,568 bytes; kept activations (48 + 48 x 7 x 256 + 1) x 4 = 344,260.
        long ram = 4_247_568 + 344_260;
        assertTrue(problem.message().contains(String.format("%,.1f KiB of RAM to train on esp32", ram / 1024.0)), problem.message());
        assertTrue(problem.message().contains(String.format("%,.1f KiB over", (ram - 320 * 1024) / 1024.0)), problem.message());
        assertTrue(problem.hint().contains("model.hidden: "), problem.hint());
    }

    @Test
    void inlineDevicesAndUnknownNames() {
        List<SpecProblem> tiny = check(spec(64, "{device: tiny}"));
        assertEquals(List.of(), tiny, "64 units infer within 32 KiB");
        List<SpecProblem> trains = check(spec(64, "{device: tiny, training: true}"));
        assertEquals(1, trains.size());
        assertTrue(trains.get(0).message().contains("heap 32.0 KiB"), trains.get(0).message());
        List<SpecProblem> unknown = check(spec(16, "{device: esp23}"));
        assertEquals("$.devices.roles.sensor.device", unknown.get(0).path());
        assertTrue(unknown.get(0).hint().startsWith("did you mean 'esp32'?"), unknown.get(0).hint());
    }

    @Test
    void aFamilyWithoutBudgetsCannotBePlaced() {
        LoadedSpec loaded = YamlSpecReader.read(spec(16, "{device: esp32}"), "budget.yaml");
        List<SpecProblem> problems = new ArrayList<>();
        DeviceCheck.check(loaded, new CodecFamily(), () -> null, problems);
        assertEquals("$.devices", problems.get(0).path());
    }
}
