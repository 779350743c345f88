package dev.edgewise.catalog.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The pinned weather task on a synthetic CSV of the same layout (no npm needed). */
class WeatherNpmTest {

    /** 60 days at both sites: Seattle's max temperature is the day number, so terciles are days 0-19, 20-39, 40-59. */
    static byte[] csv() {
        StringBuilder out = new StringBuilder("location,date,precipitation,temp_max,temp_min,wind,weather\n");
        for (String site : new String[] {"Seattle", "New York"}) {
            for (int d = 0; d < 60; d++) {
                double temp = site.equals("Seattle") ? d : 100 - d;
                out.append(String.format("%s,2012-%02d-%02d,%d.0,%.1f,0.0,1.0,sun%n", site, 1 + d / 28, 1 + d % 28, d % 3, temp));
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void itemsAreFiftyDayWindowsOfFourScaledColumnsLabelledByTomorrowsTercile() {
        ImageDataset data = WeatherNpm.parse(csv());

        assertEquals(10, data.size(), "60 days, 50-day windows, a next day to predict");
        assertEquals(50, data.height());
        assertEquals(4, data.width());
        assertEquals(50, data.window());
        assertEquals(32, data.bitsPerValue());
        // Window 0 covers days 0..49; its row t is day t. Column 1 is Seattle's temperature scaled to [0, 1].
        assertEquals(0f, data.pixels()[1], 1e-6f);
        assertEquals(49f / 59f, data.pixels()[49 * 4 + 1], 1e-6f);
        assertEquals(1f - 49f / 59f, data.pixels()[49 * 4 + 3], 1e-6f, "New York's temperature falls as Seattle's rises");
        // Window i predicts day 50 + i: all in the warm tercile (days 40..59).
        for (int label : data.labels()) {
            assertEquals(2, label);
        }
    }

    @Test
    void tercilesSplitTheSortedSeriesInThree() {
        float[] values = new float[9];
        for (int i = 0; i < 9; i++) {
            values[i] = 8 - i;
        }
        float[] cuts = WeatherNpm.terciles(values);
        assertEquals(3f, cuts[0]);
        assertEquals(6f, cuts[1]);
    }

    @Test
    void aSiteMissingADayIsAnError() {
        String text = new String(csv(), StandardCharsets.UTF_8);
        String broken = text.replaceFirst("New York,2012-01-05[^\\n]*\\n", "");
        assertThrows(DataException.class, () -> WeatherNpm.parse(broken.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aCsvChangedInPlaceIsNeverParsedButExtractedAgain(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        DataCache cache = DataCache.at(tmp);
        java.nio.file.Path dir = cache.dir(WeatherNpm.CACHE_ENTRY);
        java.nio.file.Files.createDirectories(dir);
        byte[] content = csv();
        java.nio.file.Files.write(dir.resolve(WeatherNpm.CSV), content);
        java.nio.file.Files.writeString(dir.resolve(WeatherNpm.CSV_CHECKSUM), Sha256.of(content) + "\n");
        assertEquals(WeatherNpm.parse(content), WeatherNpm.load(cache), "an intact cache loads without npm");

        content[content.length / 2] = (byte) '9';
        java.nio.file.Files.write(dir.resolve(WeatherNpm.CSV), content);
        // The only package at hand is not the pinned one, so the re-extraction fails rather than training on the changed file.
        java.nio.file.Files.writeString(dir.resolve(WeatherNpm.TARBALL_NAME), "not the package");
        assertThrows(DataException.class, () -> WeatherNpm.load(cache));
        org.junit.jupiter.api.Assertions.assertFalse(java.nio.file.Files.exists(dir.resolve(WeatherNpm.CSV)));
    }
}
