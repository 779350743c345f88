package dev.edgewise.catalog.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real package from Debian's mirror, through apt-get: the series the forecasting experiments
 * train on. Needs apt's package lists ({@code apt-get update}), which {@code .ci/run} refreshes.
 */
class TaylorDebRegistryTest {

    @TempDir
    Path temp;

    @Test
    void theRealSeriesFromDebian() {
        assumeTrue(AptLists.know(TaylorDeb.PACKAGE), "apt cannot fetch " + TaylorDeb.PACKAGE + " here (not Debian, or no package lists:"
                + " run apt-get update)");
        NumericSeries taylor = TaylorDeb.load(DataCache.at(temp));
        double[] mw = taylor.column("demand_mw");
        assertEquals(4032, mw.length);
        // Read from the same file by an independent script (Python's zlib and struct): first, second and last values, range and sum.
        assertEquals(22262, mw[0]);
        assertEquals(21756, mw[1]);
        assertEquals(23132, mw[4031]);
        assertEquals(18640, Arrays.stream(mw).min().orElseThrow());
        assertEquals(38777, Arrays.stream(mw).max().orElseThrow());
        assertEquals(119416293, Arrays.stream(mw).sum());
    }
}
