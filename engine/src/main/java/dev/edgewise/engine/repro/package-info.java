/**
 * {@code edgewise reproduce}: a recorded run, from the run store, an MLflow file store or an
 * MLflow server, run again from its spec and provenance and compared value by value.
 *
 * <p>Public API, for the {@code reproduce} command and its tests:
 * {@link dev.edgewise.engine.repro.RecordedRun}, {@link dev.edgewise.engine.repro.Reproducer},
 * {@link dev.edgewise.engine.repro.MetricDiff}. Run-store runs are read through
 * {@link dev.edgewise.engine.track.RunFolder}.
 */
package dev.edgewise.engine.repro;
