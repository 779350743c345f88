package dev.edgewise.catalog.data;

import java.util.Objects;

/**
 * A data problem the user can fix: a missing tool, a failed download, a corrupt file. Carries a
 * hint saying what to do, so the CLI can print both lines instead of a stack trace. Open for
 * {@link dev.edgewise.catalog.data.files.DataFileException}, which also says where in a file.
 */
public class DataException extends RuntimeException {

    private final String hint;

    public DataException(String message, String hint) {
        this(message, hint, null);
    }

    public DataException(String message, String hint, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.hint = Objects.requireNonNull(hint, "hint");
    }

    /** What the user can do about it, e.g. "install Node.js and npm (apt-get install npm)". */
    public String hint() {
        return hint;
    }
}
