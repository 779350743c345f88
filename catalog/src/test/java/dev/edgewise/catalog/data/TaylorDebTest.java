package dev.edgewise.catalog.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The taylor series read out of a Debian package built here the way Debian and R lay it out. */
class TaylorDebTest {

    @TempDir
    Path temp;

    @Test
    void readsTheThirdObjectOfThePackagesLazyLoadData() throws IOException {
        int[] demand = series(TaylorDeb.LENGTH);
        byte[] rdb = rdb(realVector(new double[] {1.5, 2.5}), intVector(new int[] {7, 8, 9}), intVector(demand));
        Path deb = deb(rdb);
        AtomicInteger fetches = new AtomicInteger();
        DataCache cache = DataCache.at(temp.resolve("cache"));

        NumericSeries taylor = TaylorDeb.load(cache, scratch -> { fetches.incrementAndGet(); return deb; }, Sha256.of(rdb));

        assertEquals(TaylorDeb.LENGTH, taylor.length());
        assertArrayEquals(java.util.Arrays.stream(demand).asDoubleStream().toArray(), taylor.column("demand_mw"));
        assertEquals(1800, taylor.stepSeconds());
        assertTrue(taylor.source().startsWith("debian:r-cran-forecast=8.20-1 "), taylor.source());
        // The second load reads the cache: the package is not fetched again, and the data are the same.
        NumericSeries again = TaylorDeb.load(cache, scratch -> { fetches.incrementAndGet(); return deb; }, Sha256.of(rdb));
        assertEquals(1, fetches.get());
        assertEquals(taylor.fingerprint(), again.fingerprint());
    }

    @Test
    void aCacheChangedInPlaceIsConvertedAgain() throws IOException {
        byte[] rdb = rdb(realVector(new double[] {1}), intVector(new int[] {1}), intVector(series(TaylorDeb.LENGTH)));
        Path deb = deb(rdb);
        DataCache cache = DataCache.at(temp.resolve("cache"));
        NumericSeries first = TaylorDeb.load(cache, scratch -> deb, Sha256.of(rdb));
        Path csv = cache.dir(TaylorDeb.CACHE_ENTRY).resolve(TaylorDeb.CSV);
        Files.writeString(csv, Files.readString(csv).replaceFirst("\n20000\n", "\n20001\n"));

        NumericSeries second = TaylorDeb.load(cache, scratch -> deb, Sha256.of(rdb));

        assertEquals(first.fingerprint(), second.fingerprint());
        assertEquals(20000, second.column("demand_mw")[0]);
    }

    @Test
    void anotherReleaseIsRefusedByItsChecksum() throws IOException {
        byte[] rdb = rdb(realVector(new double[] {1}), intVector(new int[] {1}), intVector(series(TaylorDeb.LENGTH)));
        Path deb = deb(rdb);
        DataException e = assertThrows(DataException.class,
                () -> TaylorDeb.load(DataCache.at(temp.resolve("cache")), scratch -> deb, TaylorDeb.RDB_SHA256));
        assertTrue(e.getMessage().startsWith("checksum mismatch for usr/lib/R/site-library/forecast/data/Rdata.rdb"), e.getMessage());
    }

    @Test
    void aMissingValueOrAnotherTypeIsNamed() throws IOException {
        int[] withNa = {1, Integer.MIN_VALUE, 3};
        RLazyLoadDatabase db = new RLazyLoadDatabase(rdb(intVector(withNa), stringVector()), "Rdata.rdb");
        assertEquals("Rdata.rdb: object 0 has a missing value (NA) at position 2",
                assertThrows(DataException.class, () -> db.numericVector(0)).getMessage());
        assertEquals("Rdata.rdb: object 1 is an R object of type 16, not an integer or double vector",
                assertThrows(DataException.class, () -> db.numericVector(1)).getMessage());
        assertEquals("Rdata.rdb: it holds 2 objects, object 5 was asked for",
                assertThrows(DataException.class, () -> db.numericVector(5)).getMessage());
    }

    /** A plausible demand curve: 20,000 MW plus a daily swing. */
    private static int[] series(int n) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = 20000 + (int) Math.round(8000 * Math.sin(2 * Math.PI * i / 48.0) * Math.sin(2 * Math.PI * i / 48.0));
        }
        return values;
    }

    /** R's XDR serialization, format 3, of one vector with type {@code type}; the body is written by {@code body}. */
    private static byte[] serialized(int type, int length, IoConsumer<DataOutputStream> body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeBytes("X\n");
        out.writeInt(3);
        out.writeInt(0x40202);
        out.writeInt(0x30500);
        out.writeInt(5);
        out.writeBytes("UTF-8");
        out.writeInt(type);
        out.writeInt(length);
        body.accept(out);
        out.writeInt(254); // NILVALUE_SXP: no attributes follow in these test objects
        return bytes.toByteArray();
    }

    private static byte[] intVector(int[] values) throws IOException {
        return serialized(13, values.length, out -> { for (int v : values) { out.writeInt(v); } });
    }

    private static byte[] realVector(double[] values) throws IOException {
        return serialized(14, values.length, out -> { for (double v : values) { out.writeDouble(v); } });
    }

    private static byte[] stringVector() throws IOException {
        return serialized(16, 0, out -> {});
    }

    /** R's lazy-load database: per object, the uncompressed length (4 bytes, big-endian) and a zlib stream. */
    private static byte[] rdb(byte[]... objects) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] object : objects) {
            new DataOutputStream(out).writeInt(object.length);
            Deflater deflater = new Deflater();
            deflater.setInput(object);
            deflater.finish();
            byte[] buffer = new byte[object.length + 64];
            int n = deflater.deflate(buffer);
            deflater.end();
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** A Debian package: ar with debian-binary, control.tar.xz and a data.tar.xz holding the rdb at its installed path. */
    private Path deb(byte[] rdb) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        try (OutputStream xz = new XZCompressorOutputStream(data); TarArchiveOutputStream tar = new TarArchiveOutputStream(xz)) {
            TarArchiveEntry entry = new TarArchiveEntry("./" + TaylorDeb.RDB_MEMBER);
            entry.setSize(rdb.length);
            tar.putArchiveEntry(entry);
            tar.write(rdb);
            tar.closeArchiveEntry();
        }
        Path deb = temp.resolve("r-cran-forecast_8.20-1_amd64.deb");
        try (ArArchiveOutputStream ar = new ArArchiveOutputStream(Files.newOutputStream(deb))) {
            member(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
            member(ar, "control.tar.xz", new byte[0]);
            member(ar, "data.tar.xz", data.toByteArray());
        }
        return deb;
    }

    private static void member(ArArchiveOutputStream ar, String name, byte[] content) throws IOException {
        ar.putArchiveEntry(new ArArchiveEntry(name, content.length));
        ar.write(content);
        ar.closeArchiveEntry();
    }

    @FunctionalInterface
    private interface IoConsumer<T> {
        void accept(T t) throws IOException;
    }
}
