package dev.edgewise.catalog.data;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Numeric vectors out of an R package's lazy-load data ({@code data/Rdata.rdb}), without R. The
 * file is a sequence of objects, each a 4-byte big-endian uncompressed length followed by a zlib
 * stream holding R's XDR serialization (format version 2 or 3). Only what a data series needs is
 * read: a plain integer or double vector at the top level; its attributes (such as {@code tsp}) are
 * left alone. R's integer NA is refused rather than turned into a number.
 */
final class RLazyLoadDatabase {

    private static final int INTSXP = 13;
    private static final int REALSXP = 14;
    private static final int NA_INTEGER = Integer.MIN_VALUE;

    private final byte[] rdb;
    private final String name;

    /** @param name how the file is named in messages */
    RLazyLoadDatabase(byte[] rdb, String name) {
        this.rdb = rdb;
        this.name = name;
    }

    /** The values of the {@code index}-th object (from 0), which must be a numeric vector. */
    double[] numericVector(int index) {
        byte[] object = object(index);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(object))) {
            if (in.readUnsignedByte() != 'X' || in.readUnsignedByte() != '\n') {
                throw corrupt("object " + index + " is not in R's XDR serialization");
            }
            int version = in.readInt();
            in.readInt(); // the R version that wrote it
            in.readInt(); // the oldest R version that can read it
            if (version == 3) {
                in.skipNBytes(in.readInt()); // native encoding, e.g. UTF-8
            } else if (version != 2) {
                throw corrupt("object " + index + " uses serialization format " + version + " (2 or 3 are read)");
            }
            int type = in.readInt() & 0xFF;
            int length = in.readInt();
            double[] values = new double[length];
            if (type == INTSXP) {
                for (int i = 0; i < length; i++) {
                    int v = in.readInt();
                    if (v == NA_INTEGER) {
                        throw corrupt("object " + index + " has a missing value (NA) at position " + (i + 1));
                    }
                    values[i] = v;
                }
            } else if (type == REALSXP) {
                for (int i = 0; i < length; i++) {
                    values[i] = in.readDouble();
                }
            } else {
                throw corrupt("object " + index + " is an R object of type " + type + ", not an integer or double vector");
            }
            return values;
        } catch (IOException e) {
            throw corrupt("object " + index + " ends early (" + e.getMessage() + ")");
        }
    }

    /** The decompressed bytes of the {@code index}-th object. */
    private byte[] object(int index) {
        int at = 0;
        for (int i = 0; ; i++) {
            if (at + 4 > rdb.length) {
                throw corrupt("it holds " + i + " objects, object " + index + " was asked for");
            }
            int length = ((rdb[at] & 0xFF) << 24) | ((rdb[at + 1] & 0xFF) << 16) | ((rdb[at + 2] & 0xFF) << 8) | (rdb[at + 3] & 0xFF);
            Inflater inflater = new Inflater();
            try {
                inflater.setInput(rdb, at + 4, rdb.length - at - 4);
                byte[] out = new byte[length];
                int n = inflater.inflate(out);
                if (n != length || !inflater.finished()) {
                    throw corrupt("object " + i + " inflates to " + n + " bytes, its header says " + length);
                }
                if (i == index) {
                    return out;
                }
                at = rdb.length - inflater.getRemaining();
            } catch (DataFormatException e) {
                throw corrupt("object " + i + " is not a zlib stream (" + e.getMessage() + ")");
            } finally {
                inflater.end();
            }
        }
    }

    private DataException corrupt(String what) {
        return new DataException(name + ": " + what, "the file must come from the pinned package release; delete the data cache entry to fetch it again");
    }
}
