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
    void eachDeviceOfASplitLstmIsCheckedOnItsOwn() {
        String yaml = """
                name: chain
                data: {source: taylor, holdout: 0.25, train_samples: 100, test_samples: 100}
                topology: {nodes: 2, graph: line}
                model: {kind: lstm, hidden: 64, layers: 2, placement: [1, 1]}
                exchange: {kind: upward, quantization: {bits: 8, range: clip}}
                task: {kind: forecasting, window: 48}
                devices:
                  catalogue:
                    tiny: {sram_kb: 64, heap_kb: 32, flash_kb: 128}
                  roles:
                    sensor: {device: tiny}
                    gateway: {device: tiny}
                """;
        List<SpecProblem> problems = check(yaml);
        assertEquals(1, problems.size(), problems.toString());
        SpecProblem problem = problems.get(0);
        assertEquals("$.devices.roles.gateway", problem.path());
        assertEquals(12, problem.position().line());
        // The gateway's LSTM reads the sensor's 64 activations: 4H x 64 + 4H x H = 32,768 weights, 8H = 512 biases, and the
        // dense layer 64 + 1: 33,345 float32 = 133,380 bytes, 130.3 KiB against 128; 8h^2 + 9h + 1 <= 32,768 up to h = 63.
        assertEquals("the gateway's weights take 130.3 KiB of flash at float32 on tiny (flash 128.0 KiB): 2.3 KiB over", problem.message());
        assertTrue(problem.hint().contains("model.hidden: 63"), problem.hint());
        // The sensor's layer alone (4H x 1 + 4H x H + 8H = 17,152 values, 67 KiB) fits.
    }

    /** The quickstart's C-RNN (f_in 25, v 2, R 5) with its node placed. */
    private static String crnn(String device, boolean training) {
        return """
                name: crnn-budget
                data: {source: mnist, train_samples: 100, test_samples: 100, holdout: 0.2}
                topology: {nodes: 5, graph: ring}
                model:
                  kind: crnn
                  features: 25
                  extractor: {dropout: 0.5}
                  cell: {hidden: [50, 8]}
                exchange: {kind: peer, rounds: 5, message_size: 2}
                training: {optimizer: adam}
                devices:
                  catalogue:
                    tiny: {sram_kb: 64, heap_kb: 32, flash_kb: 32}
                  roles:
                    node: {device: %s, training: %s}
                """.formatted(device, training);
    }

    @Test
    void aCrnnNodeIsBudgetedByHand() {
        LoadedSpec loaded = YamlSpecReader.read(crnn("tiny", false), "crnn.yaml");
        List<SpecProblem> problems = new ArrayList<>();
        DeviceCheck.check(loaded, new dev.edgewise.engine.family.crnn.CrnnFamily(), () -> null, problems);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("$.devices.roles.node", problems.get(0).path());
        // Extractor 260 + 5,020 + 321 f = 13,305 and cell 59 (f + 2v) + 458 = 2,169 parameters: 15,474 float32 = 61,896
        // bytes = 60.4 KiB of flash. 4 (5,974 + 380 f) <= 32 KiB up to f = 5; the extractor alone is over for any v.
        assertEquals("the node's weights take 60.4 KiB of flash at float32 on tiny (flash 32.0 KiB): 28.4 KiB over",
                problems.get(0).message());
        assertEquals("largest that fits, one key at a time: model.features: 5 or no exchange.message_size fits (or a larger device)",
                problems.get(0).hint());

        // Trained with Adam: 4 copies of 15,474 parameters = 247,584 bytes; kept activations: the digit 784, conv 5,760,
        // pool 1,440, relu 1,440, conv 1,280, dropout 1,280, pool 320, relu 320, dense 25 = 12,649, and per round the
        // cell's z 29 + 50 + 50 + 8 + 8 + 29 + 29 = 203, x 5 rounds: 13,664 values = 54,656 bytes. 302,240 bytes in all:
        // it fits an ESP32's 320 KiB, not an nRF52840's 192.
        problems.clear();
        DeviceCheck.check(YamlSpecReader.read(crnn("esp32", true), "crnn.yaml"), new dev.edgewise.engine.family.crnn.CrnnFamily(), () -> null,
                problems);
        assertEquals(List.of(), problems);
        DeviceCheck.check(YamlSpecReader.read(crnn("nrf52840", true), "crnn.yaml"), new dev.edgewise.engine.family.crnn.CrnnFamily(),
                () -> null, problems);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().startsWith("the node's model needs " + String.format("%,.1f KiB", 302_240 / 1024.0)
                + " of RAM to train on nrf52840 (heap 192.0 KiB): " + String.format("%,.1f KiB", (302_240 - 192 * 1024) / 1024.0) + " over"),
                problems.get(0).message());
    }

    @Test
    void aJpegCameraIsBudgetedByHand() {
        String yaml = """
                name: jpeg-budget
                data: {source: mnist, train_samples: 10, test_samples: 10}
                topology: {nodes: 1, graph: line}
                model: {kind: jpeg, quality: 0.5}
                exchange: {kind: upward}
                links: {kind: packets, payload: 51}
                devices:
                  roles:
                    camera: {device: nrf52840}
                """;
        List<SpecProblem> problems = new ArrayList<>();
        dev.edgewise.engine.family.DataShape image = new dev.edgewise.engine.family.DataShape(512, 512, 1, 8, 10, 1);
        DeviceCheck.check(YamlSpecReader.read(yaml, "jpeg.yaml"), new dev.edgewise.engine.family.codec.JpegFamily(), () -> image, problems);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("$.devices.roles.camera", problems.get(0).path());
        // The 512 x 512 frame at 8 bits (262,144 bytes), a stripe of 8 rows of float32 coefficients (16,384) and a packet's
        // 51 bytes in 4-byte slots (52): 278,580 bytes against the nRF52840's 192 KiB heap.
        assertEquals("the camera's model needs 272.1 KiB of RAM to run on nrf52840 (heap 192.0 KiB): 80.1 KiB over (input buffer 256.0 KiB,"
                + " activations 16.1 KiB)", problems.get(0).message());
        assertEquals("use a larger device, or a smaller model", problems.get(0).hint());
    }

    @Test
    void aFamilyWithoutBudgetsCannotBePlaced() {
        LoadedSpec loaded = YamlSpecReader.read(spec(16, "{device: esp32}"), "budget.yaml");
        List<SpecProblem> problems = new ArrayList<>();
        DeviceCheck.check(loaded, new dev.edgewise.engine.family.lora.LoraNetworkFamily(), () -> null, problems);
        assertEquals("$.devices", problems.get(0).path());
    }
}
