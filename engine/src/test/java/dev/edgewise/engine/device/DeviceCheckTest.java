package dev.edgewise.engine.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.dsl.LoadedSpec;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.yaml.YamlSpecReader;
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

    /** The split family's roles take part through the same arithmetic (its layer stacks): the paper's Table I network. */
    @Test
    void theSplitFamilysRolesArePlacedToo() {
        String split = """
                name: split-budget
                data: {source: weather, view: columns}
                topology: {nodes: 4, graph: star}
                model:
                  kind: split
                  sensor: {layers: [{type: lstm, units: 40, sequences: true}, {type: lstm, units: 9}]}
                  base: {layers: [{type: dense, units: 20}, {type: relu}, {type: dense, units: 3}]}
                exchange: {kind: upward, message_size: 9}
                task: {kind: classification}
                devices:
                  catalogue:
                    scrap: {sram_kb: 2, heap_kb: 1, flash_kb: 1}
                  roles:
                    sensor: {device: esp32, training: true}
                    base: {device: scrap}
                """;
        LoadedSpec loaded = YamlSpecReader.read(split, "split.yaml");
        List<SpecProblem> problems = new ArrayList<>();
        // weather: 50-day windows of 4 columns; a node sees one column (50 x 1). Training the sensor with Adam needs 203.4 KiB:
        // it fits the ESP32 (an nRF52840, 192 KiB, would not).
        dev.edgewise.engine.family.DataShape weather = new dev.edgewise.engine.family.DataShape(50, 4, 3, 32, 1411, 50);
        DeviceCheck.check(loaded, new dev.edgewise.engine.family.split.SplitFamily(), () -> weather, problems);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("$.devices.roles.base", problems.get(0).path());
        // Base: dense 36 -> 20 (720 + 20), dense 20 -> 3 (60 + 3): 803 float32 = 3,212 bytes of flash, over 1 KiB.
        assertTrue(problems.get(0).message().contains("weights take 3.1 KiB of flash at float32 on scrap (flash 1.0 KiB): 2.1 KiB over"),
                problems.get(0).message());
        assertEquals("use a larger device, or a smaller model", problems.get(0).hint());
    }

    @Test
    void aFamilyWithoutBudgetsCannotBePlaced() {
        LoadedSpec loaded = YamlSpecReader.read(spec(16, "{device: esp32}"), "budget.yaml");
        List<SpecProblem> problems = new ArrayList<>();
        DeviceCheck.check(loaded, new dev.edgewise.engine.family.codec.JpegFamily(), () -> null, problems);
        assertEquals("$.devices", problems.get(0).path());
    }
}
