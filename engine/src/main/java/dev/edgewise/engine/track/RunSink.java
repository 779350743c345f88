package dev.edgewise.engine.track;

import java.io.IOException;

/** Receives a run's events in order. One sink instance serves one run at a time. */
public interface RunSink extends AutoCloseable {

    /** A short name for messages, e.g. "run store" or "MLflow http://host:5000". */
    String name();

    void accept(RunEvent event) throws IOException;

    /** Pushes anything buffered; called at the end of each epoch and before Finished. */
    default void flush() throws IOException {}

    @Override
    default void close() throws IOException {}
}
