package dev.edgewise.catalog.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetRegistryTest {

    private final DatasetRegistry registry = new DatasetRegistry();
    private final DataCache cache = DataCache.at(Path.of("/nonexistent-edgewise-cache"));

    @Test
    void mnistFashionMnistFoodAndTheTimeSeriesAreBuiltIn() {
        assertEquals(List.of("fashion-mnist", "food", "mnist", "none", "taylor", "telosb", "weather"), List.copyOf(registry.names()));
    }

    @Test
    void unknownNameSuggestsTheNearest() {
        DataException e = assertThrows(DataException.class, () -> registry.load("mnsit", cache));
        assertEquals("unknown dataset 'mnsit'", e.getMessage());
        assertEquals("did you mean 'mnist'? known datasets: fashion-mnist, food, mnist, none, taylor, telosb, weather", e.hint());
    }

    @Test
    void unknownNameWithoutPlausibleMatchListsTheKnown() {
        registry.register("svhn", c -> null);
        DataException e = assertThrows(DataException.class, () -> registry.load("cifar10", cache));
        assertEquals("known datasets: fashion-mnist, food, mnist, none, svhn, taylor, telosb, weather", e.hint());
    }

    @Test
    void customLoadersGetTheCache() {
        ImageDataset tiny = new ImageDataset("tiny", "test", "sha256:00", 1, 1, new float[] {0.5f}, new int[] {1});
        registry.register("tiny", c -> {
            assertSame(cache, c);
            return tiny;
        });
        assertSame(tiny, registry.load("tiny", cache));
        assertThrows(IllegalArgumentException.class, () -> registry.register("tiny", c -> tiny));
        assertThrows(IllegalArgumentException.class, () -> registry.register("MNIST", c -> tiny));
    }
}
