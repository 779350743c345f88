package dev.edgewise.catalog.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fashion-MNIST from Debian's mirror through apt-get (31 MB, kept in the data cache after the first use). */
class FashionMnistDebTest {

    @TempDir
    Path temp;

    @Test
    void theRealTestSplitFromDebian() throws Exception {
        assumeTrue(AptLists.know(FashionMnistDeb.PACKAGE), "apt cannot fetch " + FashionMnistDeb.PACKAGE + " here (not Debian, or no"
                + " package lists: run apt-get update)");
        DataCache cache = DataCache.at(temp);
        ImageDataset fashion = FashionMnistDeb.load(cache);
        assertEquals(10_000, fashion.size());
        assertEquals(28, fashion.height());
        assertEquals(28, fashion.width());
        int[] perClass = new int[10];
        Arrays.stream(fashion.labels()).forEach(label -> perClass[label]++);
        int[] thousandEach = new int[10];
        Arrays.fill(thousandEach, 1000);
        assertEquals(Arrays.toString(thousandEach), Arrays.toString(perClass));
        assertEquals(9, fashion.labels()[0], "the first t10k image is an ankle boot");
        assertEquals("fashion-mnist", fashion.name());

        // A second load reads the cache: no package is fetched, the same data come back.
        AtomicInteger fetches = new AtomicInteger();
        ImageDataset again = FashionMnistDeb.load(cache, scratch -> { fetches.incrementAndGet(); throw new AssertionError("fetched"); },
                FashionMnistDeb.DEB_SHA256);
        assertEquals(0, fetches.get());
        assertEquals(fashion.fingerprint(), again.fingerprint());
    }

    @Test
    void anotherPackageIsRefusedByItsChecksum() throws Exception {
        Path deb = Files.writeString(temp.resolve("other.deb"), "not the package");
        DataException e = assertThrows(DataException.class,
                () -> FashionMnistDeb.load(DataCache.at(temp.resolve("cache")), scratch -> deb, FashionMnistDeb.DEB_SHA256));
        assertTrue(e.getMessage().startsWith("checksum mismatch for other.deb"), e.getMessage());
    }
}
