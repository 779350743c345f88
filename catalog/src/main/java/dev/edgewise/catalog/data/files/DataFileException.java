package dev.edgewise.catalog.data.files;

import dev.edgewise.catalog.data.DataException;

/**
 * A mistake in the user's data or in how the spec describes it. Either it is in a data file
 * ({@link #file} with a line and column for text, a byte offset for binary files, or neither when
 * the whole file is at fault, e.g. an image that does not decode), or it is the spec's: {@link
 * #field} names the key under {@code data.file} (or {@code data}) whose value does not fit the
 * files, e.g. a column name the CSV does not have.
 */
public final class DataFileException extends DataException {

    private final String file;
    private final int line;
    private final int column;
    private final long offset;
    private final String field;

    private DataFileException(String file, int line, int column, long offset, String field, String message, String hint) {
        super(message, hint);
        this.file = file;
        this.line = line;
        this.column = column;
        this.offset = offset;
        this.field = field;
    }

    /** At a line and column (1-based) of a text file. */
    public static DataFileException at(String file, int line, int column, String message, String hint) {
        return new DataFileException(file, line, column, -1, null, message, hint);
    }

    /** At a byte offset (0-based) of a binary file, or of its decompressed stream. */
    public static DataFileException atByte(String file, long offset, String message, String hint) {
        return new DataFileException(file, 0, 0, offset, null, message, hint);
    }

    /** About a whole file (or folder). */
    public static DataFileException inFile(String file, String message, String hint) {
        return new DataFileException(file, 0, 0, -1, null, message, hint);
    }

    /**
     * The spec's value at {@code field} does not fit the files.
     *
     * @param field the key path under {@code data}, e.g. {@code file.features[1]} or {@code holdout}
     */
    public static DataFileException ofField(String field, String message, String hint) {
        return new DataFileException(null, 0, 0, -1, field, message, hint);
    }

    /** The data file at fault, or null when the spec is. */
    public String file() {
        return file;
    }

    /** 1-based line in a text file, or 0. */
    public int line() {
        return line;
    }

    /** 1-based column in a text file, or 0. */
    public int column() {
        return column;
    }

    /** Byte offset in a binary file, or -1. */
    public long offset() {
        return offset;
    }

    /** The spec key under {@code data} at fault, or null when a file is. */
    public String field() {
        return field;
    }
}
