package dev.edgewise.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.edgewise.catalog.layers.CrnnStacks;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parameter counts the paper prints (Tables 4, 5 and 6) follow from the pinned wiring. */
class CrnnLayersTest {

    @ParameterizedTest(name = "f_in = {0}, v = 2 -> {1} cell parameters")
    @CsvSource({"10, 1284", "25, 2169", "50, 3644"})
    void cellHasThePapersParameterCount(int features, long expected) {
        int width = features + 2 * 2;
        try (NDManager manager = NDManager.newBaseManager()) {
            Block cell = CrnnLayers.cell(features, 2, List.of(50, 8));
            cell.initialize(manager, DataType.FLOAT32, new Shape(1, width));
            assertEquals(expected, parameters(cell));
            assertEquals(59L * width + 458, parameters(cell));
        }
    }

    @Test
    void extractorHas21330ParametersAtFiftyFeatures() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block extractor = CrnnLayers.extractor(50, 0.5);
            extractor.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            assertEquals(21_330, parameters(extractor));
            assertEquals(new Shape(1, 50), extractor.getOutputShapes(new Shape[] {new Shape(1, 1, 28, 28)})[0]);
        }
    }

    @Test
    void djlBlocksHaveTheParametersTheAccountingCounts() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block extractor = CrnnLayers.extractor(25, 0.5);
            extractor.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            assertEquals(CrnnStacks.extractor(25, 0.5).parameters(), parameters(extractor));
        }
    }

    @Test
    void aFreshCellStartsEveryNodeTransmittingAndAnsweringOneHalf() {
        int features = 25;
        try (NDManager manager = NDManager.newBaseManager()) {
            Block cell = CrnnLayers.cell(features, 2, List.of(50, 8));
            cell.initialize(manager, DataType.FLOAT32, new Shape(4, features + 4));
            NDArray z = manager.randomNormal(0, 5, new Shape(4, features + 4), DataType.FLOAT32);

            NDArray h = cell.forward(new ParameterStore(manager, false), new NDList(z), false).singletonOrThrow();

            // s (2 values) and y start at ReLU(0.5) whatever the input: no node can start dead.
            assertEquals(0.5f, h.get(new NDIndex(":, {}:", features)).min().getFloat(), 1e-6f);
            assertEquals(0.5f, h.get(new NDIndex(":, {}:", features)).max().getFloat(), 1e-6f);
        }
    }

    static long parameters(Block block) {
        return block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

}
