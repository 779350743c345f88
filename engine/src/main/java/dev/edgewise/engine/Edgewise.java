package dev.edgewise.engine;

import dev.edgewise.catalog.Catalog;
import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.dsl.LoadedSpec;
import dev.edgewise.dsl.SourceMap;
import dev.edgewise.dsl.builder.Experiment;
import dev.edgewise.dsl.builder.SourceLocator;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.engine.run.CompiledExperiment;
import dev.edgewise.engine.run.ConsoleProgressFactory;
import dev.edgewise.engine.run.ExperimentRunner;
import dev.edgewise.engine.run.RunResult;
import dev.edgewise.engine.track.Trackers;
import dev.edgewise.engine.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Running experiments from Java: a {@code main}, a JUnit test, a notebook.
 *
 * <pre>{@code
 * RunResult result = Edgewise.run(Experiment.named("max").nodes(8).topology(Topology.ring()));
 * double rmse = result.metrics().get("test_rmse");
 * }</pre>
 *
 * Runs are recorded as the CLI records them: in the run store {@code runs/} and in MLflow (a
 * server at {@code MLFLOW_TRACKING_URI}, else the file store {@code mlruns/}); {@link #runner()}
 * changes where, and which catalog names resolve against. (The command line is {@code
 * dev.edgewise.engine.cli.Edgewise}.)
 */
public final class Edgewise {

    private Edgewise() {}

    /** Trains, evaluates and records one experiment with the default {@link Runner}. */
    public static RunResult run(ExperimentSpec spec) {
        return runner().run(spec);
    }

    /** Builds and runs; a mistake in the description is a {@code SpecException} naming the Java line. */
    public static RunResult run(Experiment experiment) {
        return runner().run(experiment);
    }

    /** Runs every experiment of a YAML file or Kotlin script, in order. */
    public static List<RunResult> run(Path file) {
        return runner().run(file);
    }

    /** Settings for runs: run store, MLflow file store, catalog, progress output. */
    public static Runner runner() {
        Plugins.load();
        return new Runner(Path.of("runs"), Trackers.DEFAULT_MLRUNS, Catalog.shared(), TrainingListener.NONE);
    }

    /** Where and how experiments run; immutable, each setting returns a new runner. */
    public static final class Runner {

        private final Path runs;
        private final Path mlruns;
        private final Catalog catalog;
        private final TrainingListener progress;

        private Runner(Path runs, Path mlruns, Catalog catalog, TrainingListener progress) {
            this.runs = Objects.requireNonNull(runs, "runs");
            this.mlruns = Objects.requireNonNull(mlruns, "mlruns");
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            this.progress = Objects.requireNonNull(progress, "progress");
        }

        /** The run store folder (default {@code runs}). */
        public Runner runs(Path folder) {
            return new Runner(folder, mlruns, catalog, progress);
        }

        /** The MLflow file store used when {@code MLFLOW_TRACKING_URI} is not set (default {@code mlruns}). */
        public Runner mlruns(Path folder) {
            return new Runner(runs, folder, catalog, progress);
        }

        /** The catalog names resolve against (default {@link Catalog#shared()}, where scripts register). */
        public Runner catalog(Catalog parts) {
            return new Runner(runs, mlruns, parts, progress);
        }

        /** Show training progress on the console (default: silent). */
        public Runner progress(boolean shown) {
            return new Runner(runs, mlruns, catalog, shown ? ConsoleProgressFactory.create(true) : TrainingListener.NONE);
        }

        public RunResult run(ExperimentSpec spec) {
            return run(new LoadedSpec(spec, SourceMap.NONE), null);
        }

        public RunResult run(Experiment experiment) {
            return run(experiment.load(SourceLocator.LINE_ONLY), null);
        }

        /** @param source the file the spec came from, kept with the run; may be null */
        public RunResult run(LoadedSpec spec, Path source) {
            return run(CompiledExperiment.compile(spec, catalog.topologies(), catalog.datasets()), source);
        }

        /** Reads the whole file first, so a mistake anywhere in it stops it before any training. */
        public List<RunResult> run(Path file) {
            CompiledFile compiled = CompiledFile.compile(file, catalog);
            List<RunResult> results = new ArrayList<>();
            for (CompiledExperiment experiment : compiled.experiments()) {
                results.add(run(experiment, file));
            }
            return results;
        }

        private RunResult run(CompiledExperiment experiment, Path source) {
            ExperimentRunner runner = new ExperimentRunner(runs, () -> List.of(Trackers.fromEnvironment(mlruns)), catalog.datasets(),
                    DataCache.fromEnvironment(), progress, "Edgewise.run (Java API)");
            try {
                return runner.run(experiment, source);
            } catch (IOException e) {
                throw new UncheckedIOException("the run could not be recorded", e);
            }
        }
    }
}
