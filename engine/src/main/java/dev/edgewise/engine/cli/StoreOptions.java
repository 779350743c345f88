package dev.edgewise.engine.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where runs are kept, as every command that reads or writes them spells it. */
final class StoreOptions {

    private StoreOptions() {}

    /** {@code --runs DIR}: the local run store. */
    static final class RunStore {
        @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs", description = "Run store folder (default: ${DEFAULT-VALUE}).")
        Path dir;
    }

    /** {@code --mlruns DIR}: the MLflow file store used when MLFLOW_TRACKING_URI is not set. */
    static final class MlflowStore {
        @Option(names = "--mlruns", paramLabel = "DIR", defaultValue = "mlruns",
                description = "MLflow file store used when MLFLOW_TRACKING_URI is not set (default: ${DEFAULT-VALUE}).")
        Path dir;
    }
}
