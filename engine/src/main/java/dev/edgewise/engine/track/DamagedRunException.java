package dev.edgewise.engine.track;

import java.io.IOException;

/** A run folder that is not a whole record (see {@link RunHealth}); the message names the file and line. */
public final class DamagedRunException extends IOException {

    public DamagedRunException(String message) {
        super(message);
    }
}
