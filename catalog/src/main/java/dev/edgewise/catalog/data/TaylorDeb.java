package dev.edgewise.catalog.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The half-hourly electricity demand of England and Wales, Monday 5 June to Sunday 27 August 2000
 * (4,032 values in MW; J. W. Taylor's series), as the {@code taylor} data set of the R package
 * {@code forecast} that Debian ships as {@code r-cran-forecast} 8.20-1 (GPL-3). It stands in for
 * the LSTM-on-microcontrollers paper's energy-consumption series, which is not public.
 *
 * <p>First use runs {@code apt-get download} (no install, no root), reads the package's
 * {@code Rdata.rdb} out of the {@code .deb}, checks that file's pinned SHA-256 (the same on every
 * architecture, unlike the {@code .deb}), takes the third object (the integer vector {@code taylor})
 * and caches it as a one-column CSV with its own checksum; later loads read the CSV.
 */
public final class TaylorDeb {

    public static final String NAME = "taylor";
    public static final String PACKAGE = "r-cran-forecast";
    public static final String VERSION = "8.20-1";
    /** The installed path of the R package's lazy-load data inside the {@code .deb}. */
    static final String RDB_MEMBER = "usr/lib/R/site-library/forecast/data/Rdata.rdb";
    /** SHA-256 of {@value #RDB_MEMBER} in 8.20-1. */
    static final String RDB_SHA256 = "af456696ebe7c73d43e75ce9bf708065f8bb1e31d340f44dce396fda913fa874";
    /** {@code taylor} is the third object of the database (after {@code gas} and {@code gold}). */
    static final int OBJECT = 2;
    static final int LENGTH = 4032;
    static final String COLUMN = "demand_mw";

    static final String CACHE_ENTRY = "datasets/r-cran-forecast-8.20-1";
    static final String CSV = "taylor.csv";
    private static final String SOURCE = "debian:" + PACKAGE + "=" + VERSION + " " + RDB_MEMBER + " object " + (OBJECT + 1) + " (taylor)";
    private static final Duration APT_TIMEOUT = Duration.ofMinutes(5);

    private TaylorDeb() {}

    /**
     * The series, fetched and converted on first use. A {@code .deb} placed by hand at
     * {@link #manualPackage(DataCache)} is used instead of running apt-get.
     */
    public static NumericSeries load(DataCache cache) {
        Path manual = manualPackage(cache);
        String advice = "download the package with 'apt-get download " + PACKAGE + "=" + VERSION + "' on a Debian machine and put it at " + manual;
        AptDownload apt = new AptDownload("apt-get", PACKAGE, VERSION, APT_TIMEOUT, advice);
        return load(cache, scratch -> Files.isRegularFile(manual) ? manual : apt.get(scratch), RDB_SHA256);
    }

    /** Where {@link #load(DataCache)} looks for a hand-downloaded package file. */
    public static Path manualPackage(DataCache cache) {
        return cache.dir(CACHE_ENTRY).resolve(PACKAGE + "_" + VERSION + ".deb");
    }

    /** As {@link #load(DataCache)}, with the package source and the expected checksum open for tests. */
    static NumericSeries load(DataCache cache, MnistNpm.TarballSupplier packages, String expectedRdbSha256) {
        Path dir = cache.dir(CACHE_ENTRY);
        try {
            return parse(CachedFile.get(dir, CSV, null, scratch -> {
                Path deb = packages.get(scratch);
                byte[] rdb = DebArchive.read(deb, RDB_MEMBER);
                String actual = Sha256.of(rdb);
                if (!actual.equals(expectedRdbSha256)) {
                    throw new DataException("checksum mismatch for " + RDB_MEMBER + " in " + deb.getFileName() + ": expected sha256 "
                            + expectedRdbSha256 + ", got " + actual, "the mirror served another release than " + PACKAGE + "=" + VERSION);
                }
                double[] values = new RLazyLoadDatabase(rdb, RDB_MEMBER).numericVector(OBJECT);
                if (values.length != LENGTH) {
                    throw new DataException(RDB_MEMBER + ": object " + (OBJECT + 1) + " has " + values.length + " values, taylor has " + LENGTH,
                            "the package must be " + PACKAGE + "=" + VERSION);
                }
                return csv(values);
            }));
        } catch (IOException e) {
            throw new DataException("cannot prepare " + PACKAGE + "=" + VERSION + " in the data cache " + cache.root() + ": " + e,
                    "make sure the directory is writable, or set EDGEWISE_CACHE to a writable directory", e);
        }
    }

    /** The values as the cache keeps them: a header, then one integer per line. */
    static byte[] csv(double[] values) {
        StringBuilder out = new StringBuilder(COLUMN).append('\n');
        for (double v : values) {
            out.append((long) v).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static NumericSeries parse(byte[] content) {
        List<String> lines = new String(content, StandardCharsets.US_ASCII).lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals(COLUMN)) {
            throw new DataException(CSV + " does not start with the header '" + COLUMN + "'", "delete the data cache entry to convert it again");
        }
        double[] values = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            values[i - 1] = Long.parseLong(lines.get(i));
        }
        return new NumericSeries(NAME, SOURCE, "sha256:" + Sha256.of(content), "MW", 1800, List.of(COLUMN), new double[][] {values});
    }
}
